"""One rate limiter for every form that anyone may post (roadmaps, contributions...).

Counts live in Django's cache, so that they hold across worker processes and servers when the
cache is shared (Redis with ``REDIS_URL``). A client is its address as `client_address` reads it,
kept only as a keyed hash: no address is written anywhere. Windows are fixed (a count per
client and per period of ``window`` seconds), which is enough to stop a flood.
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

    def _key(self, request: HttpRequest) -> str:
        client = hmac.new(
            settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.blake2b
        ).hexdigest()[:24]
        period = int(time.time() // self.window)
        return f"leviers-rate:{self.name}:{period}:{client}"

    def exceeded(self, request: HttpRequest) -> bool:
        """Whether this client has used up its actions for the current window."""
        return cache.get(self._key(request), 0) >= self.limit

    def hit(self, request: HttpRequest) -> None:
        """Count one action of this client (after it succeeded, where only successes count)."""
        key = self._key(request)
        if not cache.add(key, 1, self.window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, self.window)

    def allow(self, request: HttpRequest) -> bool:
        """Count one action and say whether it is allowed."""
        if self.exceeded(request):
            return False
        self.hit(request)
        return True
