"""Meeting mode's page of the report's voice section."""

from app_pages import meeting

meeting.show("voice")
