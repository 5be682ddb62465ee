"""Who may do what in the dashboard, from settings.access and the visitor's identity.

Pure: the pages read the identity (a proxy's header, Streamlit's login) and ask here. The
roles are few on purpose: a viewer sees and downloads everything; an editor also refreshes
feeds and renames topics, the two things that change what the team sees."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

from monitor.config.settings import AccessSettings

EDITOR = "editor"
VIEWER = "viewer"
EVERYONE = "*"


@dataclass(frozen=True)
class Access:
    role: str | None  # EDITOR, VIEWER, or None: may not see the dashboard
    identity: str | None  # the visitor's address, None when nobody is asked
    reason: str = ""  # why role is None, or why this is only a viewer: said on the page

    @property
    def can_view(self) -> bool:
        return self.role is not None

    @property
    def can_edit(self) -> bool:
        return self.role == EDITOR


def access_for(identity: str | None, settings: AccessSettings) -> Access:
    """The visitor's role. identity: what the proxy's header or the login gave (any case,
    None or blank when nothing did)."""
    if settings.identity == "none":
        return Access(EDITOR, None)
    who = (identity or "").strip().lower() or None
    if who is None:
        return Access(None, None, _unidentified(settings))
    if who in settings.editors:
        return Access(EDITOR, who)
    if EVERYONE in settings.viewers or who in settings.viewers:
        return Access(VIEWER, who, "Only editors refresh feeds and rename topics; ask one to add you.")
    return Access(None, who, f"{who} may not see this dashboard: ask an editor to add you to the viewers.")


def _unidentified(settings: AccessSettings) -> str:
    if settings.identity == "header":
        return (
            f"This dashboard is opened through the team's sign-in proxy, which sets the "
            f"{settings.header} header; none came with this request (or it came twice). Open the address the team uses."
        )
    return "Sign in to see this dashboard."


def header_value(values: list[str]) -> str | None:
    """The identity in a header's values (st.context.headers.get_all). Two or more values
    mean a visitor sent the header and the proxy appended its own instead of replacing it:
    which one is the proxy's cannot be known, so neither is trusted."""
    if len(values) != 1:
        return None
    return values[0].strip() or None


# What Streamlit's sign-in routes import (its `auth` extra; ours is `login`). Without them the
# Sign in button leads to a server error page, so the page says what to install instead.
LOGIN_PACKAGES = ("authlib", "httpx")


def missing_login_packages() -> list[str]:
    return [name for name in LOGIN_PACKAGES if importlib.util.find_spec(name) is None]
