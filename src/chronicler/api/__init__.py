"""The HTTP API and web page (``chronicler serve``)."""
from chronicler.api.app import create_app

__all__ = ["create_app"]
