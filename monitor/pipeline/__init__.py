"""Fetch runs that tie the layers together: refresh of every feed, in the background too."""
