"""feeds.yaml: where it is, what it holds, and every check that names the line and the fix."""
