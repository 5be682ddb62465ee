"""Meeting mode's page of the report's partners section."""

from app_pages import meeting

meeting.show("partners")
