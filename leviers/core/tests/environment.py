"""Start Leviers' settings in a fresh process, from environment variables, as a server does."""

import os
import secrets
import subprocess
import sys

STRONG_SECRET = secrets.token_urlsafe(50)


def start(tmp_path, code="import leviers.wsgi", **variables):
    """Run ``code`` in a new interpreter with these variables (and no inherited Leviers ones)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "LEVIERS_ENV",
            "SECRET_KEY",
            "DEBUG",
            "ALLOWED_HOSTS",
            "REDIS_URL",
            "STATIC_ROOT",
            "LEVIERS_TRUSTED_PROXIES",
            "SECURE_SSL_REDIRECT",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    env["LEVIERS_VAR_DIR"] = str(tmp_path)
    env["STATIC_ROOT"] = str(tmp_path / "static")
    env.update(variables)
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


def production(**variables) -> dict[str, str]:
    """A complete production environment, with these variables changed."""
    return {
        "LEVIERS_ENV": "production",
        "SECRET_KEY": STRONG_SECRET,
        "ALLOWED_HOSTS": "leviers.example.org",
        "LEVIERS_TRUSTED_PROXIES": "127.0.0.1",
        **variables,
    }
