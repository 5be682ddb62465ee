"""The database: schema, posts, feed status, topic runs, flags; and the database file itself."""
