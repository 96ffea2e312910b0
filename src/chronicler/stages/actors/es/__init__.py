"""The Spanish actors stage (see ``builder``): same Doc attributes as the English one."""
