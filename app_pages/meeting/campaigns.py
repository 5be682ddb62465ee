"""Meeting mode's page of the report's campaigns section."""

from app_pages import meeting

meeting.show("campaigns")
