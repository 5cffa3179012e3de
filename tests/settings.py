"""The test suite's settings: development mode, stated (Pasok's default is production, which
would want keys of its own). Tests that need production run `pasok` as a process with a
production environment of its own (tests/ops/production.py)."""

import os

os.environ["PASOK_DEBUG"] = "1"  # before the settings read it; subprocesses inherit it

from pasok.settings import *  # noqa: F403
