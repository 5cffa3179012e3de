"""Running `pasok` the way production does: a separate process, production settings
(PASOK_DEBUG unset), keys of its own, its own SQLite file under tmp_path."""

import os
import secrets
import subprocess
import sys

from cryptography.fernet import Fernet


def production_env(tmp_path, **extra: str) -> dict[str, str]:
    # Not the suite's: its settings module forces development (tests/settings.py).
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PASOK_") and k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    var = tmp_path / "var"
    return {**env, "PASOK_SECRET_KEY": secrets.token_urlsafe(50),
            "PASOK_BID_KEYS": Fernet.generate_key().decode(), "PASOK_VAR_DIR": str(var),
            "DATABASE_URL": f"sqlite:///{var / 'pasok.sqlite3'}",
            "PASOK_ALLOWED_HOSTS": "127.0.0.1,localhost", **extra}


def pasok(env: dict[str, str], *args: str, timeout: float = 120,
          answer: str = "") -> subprocess.CompletedProcess:
    """`answer` is what is typed when it asks."""
    return subprocess.run([sys.executable, "-m", "pasok.cli", *args], env=env,  # noqa: S603
                          capture_output=True, text=True, timeout=timeout, check=False,
                          input=answer)
