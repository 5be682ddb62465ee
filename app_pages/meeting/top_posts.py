"""Meeting mode's page of the report's top_posts section."""

from app_pages import meeting

meeting.show("top_posts")
