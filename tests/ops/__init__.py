"""Tests against running servers. A package, so that its conftest is ops.conftest and does not
take the place of tests/browser/conftest.py, which the browser tests import as conftest."""
