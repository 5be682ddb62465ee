"""Speed, memory and robustness benchmarks (`.venv/bin/python -m bench.perf.NAME`)."""
