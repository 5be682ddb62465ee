"""Pure functions over the posts frame: volume, trends, flags, cadence, differentiation."""
