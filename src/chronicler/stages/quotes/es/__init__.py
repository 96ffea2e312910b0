"""The Spanish quotes stage (see ``finder``): same Doc attribute (``doc._.quotes``) as the English one."""
