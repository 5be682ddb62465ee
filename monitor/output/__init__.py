"""What leaves the monitor: charts, CSV tables and files, alerts, and the pages' URL state."""
