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
# The web page is tested in Debian's headless Chromium (Playwright drives it; it downloads no browser).
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "scripts/test.sh: could not install chromium; the browser tests will skip" >&2
fi
exec .venv/bin/python -m pytest "$@"
