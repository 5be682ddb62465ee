"""Sources -> posts frames: one module per kind of source, one result per feed."""
