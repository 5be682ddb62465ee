"""Viewers and editors: settings.access read from feeds.yaml, the role of each visitor, and the
dashboard's pages as a viewer, an editor, a stranger and someone not signed in see them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitor.config.access import EDITOR, VIEWER, access_for, header_value
from monitor.config.load import load_config
from monitor.config.settings import AccessSettings
from monitor.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
BRANDS = "brands:\n  - name: Lipa\n    own: true\n    feeds:\n      - name: Blog\n        kind: rss\n"
BRANDS += "        url: https://a.example/\n"


def access_yaml(*lines: str) -> str:
    return "settings:\n  access:\n" + "".join(f"    {line}\n" for line in lines) + BRANDS


# --- who is what ----------------------------------------------------------------------------


def test_without_configuration_everyone_is_an_editor_as_before():
    access = access_for(None, AccessSettings())
    assert access.can_edit and access.can_view and access.identity is None


@pytest.mark.parametrize("identity", ["header", "login"])
def test_editors_edit_listed_viewers_view_and_others_are_refused(identity):
    settings = AccessSettings(identity=identity, editors=("ana@example.com",), viewers=("bor@example.com",))

    assert access_for("Ana@Example.com ", settings).role == EDITOR  # any case, as proxies send it
    viewer = access_for("bor@example.com", settings)
    assert viewer.role == VIEWER and viewer.can_view and not viewer.can_edit
    stranger = access_for("eve@example.com", settings)
    assert not stranger.can_view and "eve@example.com may not see" in stranger.reason
    nobody = access_for(None, settings)
    assert not nobody.can_view and nobody.identity is None


def test_a_star_lets_anyone_identified_view_but_never_edit():
    settings = AccessSettings(identity="header", editors=("ana@example.com",))  # viewers: * by default

    assert access_for("eve@example.com", settings).role == VIEWER
    assert not access_for("", settings).can_view  # identified means a value came


def test_a_header_sent_twice_is_trusted_in_neither_value():
    # A visitor's own X-Forwarded-Email, appended to rather than replaced by the proxy.
    assert header_value(["eve@example.com", "ana@example.com"]) is None
    assert header_value([]) is None
    assert header_value([" ana@example.com "]) == "ana@example.com"


# --- feeds.yaml ----------------------------------------------------------------------------


def test_access_is_read_from_feeds_yaml_as_a_list_or_one_line(write_config):
    listed = load_config(
        write_config(access_yaml("identity: header", "editors: [Ana@Example.com, bor@example.com]"))
    ).settings.access
    one_line = load_config(
        write_config(access_yaml("identity: login", "viewers: 'cene@example.com, Dora@example.com'"))
    ).settings.access

    assert listed == AccessSettings(identity="header", editors=("ana@example.com", "bor@example.com"))
    assert one_line.viewers == ("cene@example.com", "dora@example.com")
    assert load_config(write_config(BRANDS)).settings.access == AccessSettings()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "identity: oauth",
            r"line 3: settings\.access\.identity: 'oauth' is not allowed\. Fix: write `none` or",
        ),
        ("editors: [ana]", r"line 3: settings\.access\.editors: 'ana' is not an e-mail address"),
        ("viewers: {a: 1}", r"line 3: settings\.access\.viewers: is not a list of addresses"),
        ("editors: []", r"line 3: settings\.access\.editors: has no value"),
    ],
)
def test_a_wrong_access_setting_names_its_line_and_the_fix(write_config, line, message):
    with pytest.raises(ConfigError, match=message):
        load_config(write_config(access_yaml(line)))


# --- the pages ----------------------------------------------------------------------------


def with_login(folder: Path, editors: str = "ana@example.com", viewers: str | None = None) -> None:
    """The app fixture's feeds.yaml with settings.access set to Streamlit's login."""
    config = folder / "feeds.yaml"
    block = f"  access:\n    identity: login\n    editors: [{editors}]\n"
    block += f"    viewers: [{viewers}]\n" if viewers else ""
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("brands:\n", block + "brands:\n", 1), encoding="utf-8")


def app_as(user: dict | None, page: str | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if user is not None:
        app.user = user
    app.run()
    if page:
        app.switch_page(page).run()
    return app


def shown(markdown: str) -> str:
    """The text a Markdown source shows when backslash escapes are its only markup."""
    return re.sub(r"\\(.)", r"\1", markdown)


def signed_in(email: str) -> dict:
    return {"email": email, "is_logged_in": True}


def refresh_button(app: AppTest):
    return next(button for button in app.button if button.label == "Refresh feeds")


def test_an_editor_refreshes_and_renames(app_env):
    with_login(app_env)
    app_as(signed_in("ana@example.com"))  # the first start reads the feeds for an editor

    feeds = app_as(signed_in("ana@example.com"), "app_pages/feeds.py")
    assert not feeds.exception, feeds.exception
    assert not refresh_button(feeds).disabled
    assert "Signed in as ana@example.com · editor" in [shown(c.value) for c in feeds.sidebar.caption]
    topics = app_as(signed_in("ana@example.com"), "app_pages/topics.py")
    assert not topics.text_input[0].disabled


def test_a_viewer_sees_every_page_but_cannot_refresh_or_rename(app_env):
    with_login(app_env)
    app_as(signed_in("ana@example.com"))  # an editor's first start fills the store

    for page in ("app_pages/overview.py", "app_pages/topics.py", "app_pages/feeds.py"):
        app = app_as(signed_in("bor@example.com"), page)
        assert not app.exception, (page, app.exception)
        assert not app.error, (page, [e.value for e in app.error])
    feeds = app_as(signed_in("bor@example.com"), "app_pages/feeds.py")
    assert refresh_button(feeds).disabled
    topics = app_as(signed_in("bor@example.com"), "app_pages/topics.py")
    assert topics.text_input[0].disabled
    assert "Signed in as bor@example.com · viewer" in [shown(c.value) for c in topics.sidebar.caption]


def test_a_viewer_s_visit_to_an_empty_store_fetches_nothing(app_env):
    with_login(app_env)

    app = app_as(signed_in("bor@example.com"))

    assert not app.exception, app.exception
    assert "Setting up the monitor" not in [t.value for t in app.title]
    assert [w.value for w in app.warning] == [
        "2 of 2 feeds have never been fetched, so pages leave out their posts: ask an editor to "
        "press **Refresh feeds**, or wait for the scheduled fetch."
    ]
    assert [i.value for i in app.info] == [
        "No posts yet: ask an editor to press **Refresh feeds**, or wait for the scheduled fetch."
    ]


def test_a_stranger_sees_nothing_of_the_data(app_env):
    with_login(app_env, viewers="bor@example.com")
    app_as(signed_in("ana@example.com"))

    app = app_as(signed_in("eve@example.com"))

    assert [shown(e.value) for e in app.error] == [
        "eve@example.com may not see this dashboard: ask an editor to add you to the viewers."
    ]
    assert not app.metric and not app.get("arrow_vega_lite_chart")
    assert [b.label for b in app.button] == ["Sign out"]


def test_someone_not_signed_in_is_asked_to_sign_in(app_env):
    with_login(app_env)

    app = app_as({"is_logged_in": False})

    assert [shown(i.value) for i in app.info] == ["Sign in to see this dashboard."]
    assert [b.label for b in app.button] == ["Sign in"]
    assert not app.metric


def test_without_the_login_packages_the_page_says_what_to_install(app_env, monkeypatch):
    from monitor.config import access

    with_login(app_env)
    monkeypatch.setattr(access, "LOGIN_PACKAGES", ("authlib", "a_package_nobody_has"))

    app = app_as({"is_logged_in": False})

    assert [shown(e.value) for e in app.error] == [
        "Sign-in is not installed (a_package_nobody_has missing): settings.access.identity is "
        '`login`. Run `pip install ".[login]"` and restart the dashboard (docs/deploy.md).'
    ]
    assert not app.button and not app.metric
