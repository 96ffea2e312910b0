"""Stories: articles about one developing story, clustered online at ingest, with merged records."""
