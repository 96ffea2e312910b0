"""The Spanish events stage (see ``extractor``): same Doc attribute (``doc._.events``) as the English one."""
