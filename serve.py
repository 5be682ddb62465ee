"""Start the dashboard: `python serve.py [streamlit options]` is `streamlit run app.py` with
the libraries the pages use imported before the server opens, so the first visitor does
not wait for them (~0.8 s of pandas, Altair, SciPy and SQLAlchemy on 2 cores; the server
takes that much longer to come up instead). Options go to Streamlit as they would with
`streamlit run app.py`, e.g. `--server.port 8502`."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

APP = Path(__file__).resolve().with_name("app.py")
# What the pages import on their first run. Not scikit-learn: only a refit needs it (~1.2 s),
# and monitor.topics imports it then.
PRELOAD = (
    "pandas",
    "pyarrow",
    "altair",
    "scipy.stats",
    "scipy.sparse",
    "sqlalchemy",
    "monitor.cadence",
    "monitor.charts",
    "monitor.config",
    "monitor.config_checks",
    "monitor.differentiation",
    "monitor.distinctive_terms",
    "monitor.engagement",
    "monitor.export",
    "monitor.flags",
    "monitor.frame_cache",
    "monitor.refresh",
    "monitor.store",
    "monitor.topic_summary",
    "monitor.topics",
    "monitor.trends",
    "monitor.views",
)  # not app_pages.ui: Streamlit's caches it declares want the server's runtime to exist


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(APP.parent))
    for name in PRELOAD:
        importlib.import_module(name)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
