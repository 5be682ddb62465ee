#!/usr/bin/env python3
"""Generate the bundled demo market: five fictional Slovenian telecom operators.

Run from the repository root:

    .venv/bin/python data/demo/generate.py [--out DIR]

It rewrites, deterministically (same bytes on every run), everything under
data/demo/ (or DIR): feeds/*.xml (RSS 2.0 blogs, Atom 1.0 newsrooms), exports/*.csv
(Meta-like Facebook / Instagram exports, LinkedIn-like exports), truth.csv (one
row per post with its planted topic and signal) and the numbers block of
README.md between the `<!-- signals:start -->` and `<!-- signals:end -->` markers.

The code lives in the `generator` package next to this script (stdlib only).
"""

import sys

from generator.main import main

if __name__ == "__main__":
    sys.exit(main())
