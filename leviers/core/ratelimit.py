"""One rate limiter for every form that anyone may post (roadmaps, contributions...).

Counts live in Django's cache, so that they hold across worker processes and servers when the
cache is shared (Redis with ``REDIS_URL``). A client is its address as `client_address` reads it,
kept only as a keyed hash: no address is written anywhere. A limit may count something else than
the client (the username a login attempt names) by passing it as ``subject``; it is hashed the
same way. Windows are fixed (a count per client and per period of ``window`` seconds), which is
enough to stop a flood.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from leviers.core.http import client_address


class RateLimit:
    """At most ``limit`` actions named ``name`` per ``window`` seconds from one client."""

    def __init__(self, name: str, *, limit: int, window: int):
        self.name, self.limit, self.window = name, limit, window

    def _key(self, request: HttpRequest, subject: str | None) -> str:
        counted = client_address(request) if subject is None else subject
        client = hmac.new(
            settings.SECRET_KEY.encode(), counted.encode(), hashlib.blake2b
        ).hexdigest()[:24]
        period = int(time.time() // self.window)
        return f"leviers-rate:{self.name}:{period}:{client}"

    def exceeded(self, request: HttpRequest, *, subject: str | None = None) -> bool:
        """Whether this client (or ``subject``) has used up its actions for the current window."""
        return cache.get(self._key(request, subject), 0) >= self.limit

    def hit(self, request: HttpRequest, *, subject: str | None = None) -> None:
        """Count one action of this client or ``subject`` (after it succeeded, where only
        successes count; after it failed, where only failures do)."""
        key = self._key(request, subject)
        if not cache.add(key, 1, self.window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, self.window)

    def allow(self, request: HttpRequest, *, subject: str | None = None) -> bool:
        """Count one action and say whether it is allowed."""
        if self.exceeded(request, subject=subject):
            return False
        self.hit(request, subject=subject)
        return True
