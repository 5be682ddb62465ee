"""Meeting mode's page of the report's flags section."""

from app_pages import meeting

meeting.show("flags")
