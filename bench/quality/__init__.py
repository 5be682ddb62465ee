"""Quality benchmarks: topics, flags, stories, language detection, the demo data
(`.venv/bin/python -m bench.quality.NAME`)."""
