"""The insights app's menu entries (pasok.shell.navigation gathers them)."""

from pasok.shell.navigation import Entry  # noqa: F401

ENTRIES: list = []
