"""Competitor and trend monitor: feeds -> posts -> topics -> trends and differentiation."""

__version__ = "0.1.0"
