"""Meeting mode: the weekly report's sections (monitor.output.report), one per page, in large
type, so the shared screen tells the story of the file the Report button writes."""

from __future__ import annotations

import streamlit as st

from app_pages import ui
from monitor.i18n import t
from monitor.output.report import SECTIONS

# Section -> its URL path: the explore page it stands for where there is one, so a link with
# ?mode=meeting opens the matching section (Share of voice and Flags both come from Trends).
URL_PATHS = {
    "headline": "overview", "flags": "trends", "share": "share", "coverage": "differentiation",
    "top_posts": "cadence", "new": "topics", "voice": "voice", "partners": "partners", "campaigns": "campaigns",
}  # fmt: skip
ICONS = {
    "headline": ":material/dashboard:", "flags": ":material/flag:", "share": ":material/pie_chart:",
    "coverage": ":material/compare_arrows:", "top_posts": ":material/thumb_up:", "new": ":material/fiber_new:",
    "voice": ":material/record_voice_over:", "partners": ":material/handshake:", "campaigns": ":material/campaign:",
}  # fmt: skip
TABLE_CSS = """
<style>
  .meeting-table table { border-collapse: collapse; width: 100%; font-size: 1.05rem; }
  .meeting-table th, .meeting-table td { text-align: left; padding: 0.3rem 0.6rem; border-bottom: 1px solid #d9e2ec; }
  .meeting-table .num { text-align: right; white-space: nowrap; }
  .meeting-table a { display: none; }
</style>
"""
MAX_ROWS = 8  # of a table on a 1080p screen under three headlines


def titles() -> dict[str, str]:
    """Section -> its page title (the report's heading), in this run's language."""
    return {
        "headline": t("Headlines"), "flags": t("Flags"), "share": t("Share of voice"),
        "coverage": t("Topics × brands"), "top_posts": t("Top posts by engagement"), "new": t("What is new"),
        "voice": t("Voice"), "partners": t("Partners"), "campaigns": t("Campaigns"),
    }  # fmt: skip


def page_file(key: str) -> str:
    """The page file of a section: one small file each (app_pages/meeting/<section>.py)."""
    return f"app_pages/meeting/{key}.py"


def pages() -> list[st.Page]:
    names = titles()
    return [
        st.Page(
            page_file(key),
            title=names[key],
            icon=ICONS[key],
            url_path=URL_PATHS[key],
            default=key == SECTIONS[0],
        )
        for key in SECTIONS
    ]


def show(key: str) -> None:
    """One section of this view's report, as a meeting page."""
    config = ui.config_or_stop()
    store = ui.store_or_stop(config.database_url)
    posts = ui.filtered_posts(config, store)
    ui.stop_if_empty(config, store, posts)
    report = ui.report_model(config, for_markdown=True)
    section = next(part for part in report.sections if part.key == key)
    st.title(section.title)
    st.markdown(f'<p class="subtitle">{report.subtitle}</p>', unsafe_allow_html=True)  # escaped by the report
    for fact in section.facts[:3]:
        st.markdown(f'<p class="headline">{fact}</p>', unsafe_allow_html=True)
    if section.charts:
        st.altair_chart(ui.present(section.charts[0]), width="stretch")
    elif section.tables:
        st.markdown(TABLE_CSS + f'<div class="meeting-table">{_first_rows(section.tables[0])}</div>',
                    unsafe_allow_html=True)  # fmt: skip
    if section.empty and not (section.facts or section.tables or section.charts):
        st.info(section.empty, icon="ℹ️")


def _first_rows(table: str) -> str:
    """The table with its first MAX_ROWS rows: a meeting reads the top, the file has the rest."""
    head, _, body = table.partition("<tbody>")
    rows = body.removesuffix("</tbody></table>").split("</tr>")
    return head + "<tbody>" + "</tr>".join(rows[:MAX_ROWS]) + "</tr></tbody></table>"
