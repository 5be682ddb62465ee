"""Meeting mode's page of the report's new section."""

from app_pages import meeting

meeting.show("new")
