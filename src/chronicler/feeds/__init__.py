"""Feeds: `chronicler watch` follows RSS/Atom feeds and article URLs (fetch.py: polite HTTP; watch.py: polls)."""
