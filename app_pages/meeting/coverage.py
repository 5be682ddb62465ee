"""Meeting mode's page of the report's coverage section."""

from app_pages import meeting

meeting.show("coverage")
