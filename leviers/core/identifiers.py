"""Public identifiers: the random names records carry in URLs and on the command line."""

import secrets


def new_public_id() -> str:
    """An identifier for URLs that nobody can guess or count through (12 characters).

    It never begins with « - »: an operator types it after a command (`leviers nommer-coordinateur
    <organisation> …`), where a leading dash reads as an option and the command refuses to run.
    """
    while True:
        candidate = secrets.token_urlsafe(9)
        if not candidate.startswith("-"):
            return candidate
