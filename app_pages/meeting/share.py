"""Meeting mode's page of the report's share section."""

from app_pages import meeting

meeting.show("share")
