"""Errors that chronicler reports to users as one clear line."""


class ChroniclerError(Exception):
    """Base class: the message is meant for the user, without a traceback."""


class InputError(ChroniclerError):
    """A document that cannot be read: empty, binary, undecodable, unparsable."""


class ConfigError(ChroniclerError):
    """A setting that cannot be honoured, e.g. no English pipeline installed."""
