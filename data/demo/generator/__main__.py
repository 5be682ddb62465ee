"""`python -m generator` (from data/demo) does what data/demo/generate.py does."""

from .main import main

raise SystemExit(main())
