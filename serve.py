"""Start the dashboard: `python serve.py [streamlit options]` is `streamlit run app.py` with
the libraries the pages use imported before the server opens, so the first visitor does
not wait for them (~0.8 s of pandas, Altair, SciPy and SQLAlchemy on 2 cores; the server
takes that much longer to come up instead). Options go to Streamlit as they would with
`streamlit run app.py`, e.g. `--server.port 8502`.

It also refuses a request whose Host header names no address the server is meant to be reached
at (403), against DNS rebinding: a foreign page whose name was pointed at this machine would
otherwise talk to the dashboard as its own origin. Allowed: server.allowedHosts (config.toml),
the loopback names, server.address and browser.serverAddress; list more names there, or "*"."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from pathlib import Path

APP = Path(__file__).resolve().with_name("app.py")
# What the pages import on their first run. Not scikit-learn: only a refit needs it (~1.2 s),
# and monitor.topics.runs imports it then.
PRELOAD = (
    "pandas",
    "pyarrow",
    "altair",
    "scipy.stats",
    "scipy.sparse",
    "sqlalchemy",
    "monitor.analysis.cadence",
    "monitor.output.charts",
    "monitor.config.settings",
    "monitor.config.load",
    "monitor.config.checks",
    "monitor.analysis.differentiation",
    "monitor.analysis.distinctive_terms",
    "monitor.analysis.engagement",
    "monitor.output.csv_files",
    "monitor.analysis.flags",
    "monitor.analysis.frame_cache",
    "monitor.pipeline.refresh",
    "monitor.store.database",
    "monitor.analysis.topic_summary",
    "monitor.topics.runs",
    "monitor.analysis.trends",
    "monitor.output.url_state",
)  # not app_pages.ui: Streamlit's caches it declares want the server's runtime to exist


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
ANY_ADDRESS = ("", "0.0.0.0", "::")  # binds every interface: names no host to allow
REFUSED = b"This Host is not one the dashboard is served at: add it to server.allowedHosts.\n"


def allowed_hosts(configured: Iterable[str], addresses: Iterable[str | None]) -> list[str]:
    """server.allowedHosts as served: the configured names, the loopback names and the
    addresses the server is told it is reached at (server.address, browser.serverAddress)."""
    named = [a.strip() for a in addresses if a and a.strip() not in ANY_ADDRESS and "://" not in a]
    return list(dict.fromkeys([*configured, *LOOPBACK_HOSTS, *named]))


class HostCheck:
    """ASGI wrapper answering 403 to an HTTP request or WebSocket whose Host header is not in
    server.allowedHosts. Streamlit itself checks the Host of its WebSocket only."""

    def __init__(self, app, is_host_allowed) -> None:
        self.app = app
        self.is_host_allowed = is_host_allowed  # Streamlit's own reading of server.allowedHosts

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket") or self.is_host_allowed(_host(scope)):
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})  # before accept: HTTP 403
        else:
            headers = [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", b"%d" % len(REFUSED)),
            ]
            await send({"type": "http.response.start", "status": 403, "headers": headers})
            await send({"type": "http.response.body", "body": REFUSED})


def _host(scope) -> str | None:
    hosts = [value for name, value in scope.get("headers", ()) if name == b"host"]
    return hosts[0].decode("latin-1") if len(hosts) == 1 else None


def _allow_served_hosts() -> None:
    """Run on every parse of the config (a config.toml edit reparses it, dropping what was set)."""
    from streamlit import config

    addresses = (config.get_option("server.address"), config.get_option("browser.serverAddress"))
    hosts = allowed_hosts(config.get_option("server.allowedHosts"), addresses)
    config.set_option("server.allowedHosts", hosts, "serve.py: the addresses it serves at")


def guard_hosts() -> None:
    """Allow only the served hosts, on the WebSocket (Streamlit's check) and HTTP (HostCheck)."""
    from streamlit import config
    from streamlit.web.server.starlette import starlette_server
    from streamlit.web.server.starlette.starlette_websocket import is_host_allowed

    config.on_config_parsed(_allow_served_hosts, force_connect=True, lock=True)
    # Where Streamlit 1.67 builds its ASGI app; if a later version moves it, the foreign-Host
    # test in tests/test_security_browser.py fails rather than the check going quietly.
    create = starlette_server.create_starlette_app
    starlette_server.create_starlette_app = lambda runtime: HostCheck(create(runtime), is_host_allowed)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(APP.parent))
    for name in PRELOAD:
        importlib.import_module(name)
    from streamlit.web import cli

    guard_hosts()

    sys.argv = ["streamlit", "run", str(APP), *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
