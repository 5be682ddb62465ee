"""Meeting mode's page of the report's headline section."""

from app_pages import meeting

meeting.show("headline")
