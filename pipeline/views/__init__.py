"""Turning results into text for people: search hits on a terminal or as JSON, ingest and
audit summaries. No work is done here, only wording."""
