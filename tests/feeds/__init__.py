"""Feed and alert tests (a package, so its conftest does not shadow tests/conftest.py)."""
