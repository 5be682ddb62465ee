"""Benchmarks that print their figures: perf/ (speed, memory, robustness under load, crashes
and hostile input) and quality/ (how good topics, flags, stories and language detection are).

Run each as a module from the project root, e.g. `.venv/bin/python -m bench.perf.scale --help`:
Python then puts the root on sys.path, so `monitor`, `bench` and `tests` import as they are.
"""
