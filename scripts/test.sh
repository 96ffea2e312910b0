#!/usr/bin/env bash
# The test command: sets up .venv (Python 3.11) with chronicler and its test extras, then runs pytest.
# Services that later test suites need are started here, so a fresh machine needs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
exec .venv/bin/python -m pytest "$@"
