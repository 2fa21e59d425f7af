"""The rate limit of the public proposal forms, kept in the memory of the process."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import deque


class RateLimit:
    """At most `limit` submissions per `window` seconds from one address, in this process.

    Addresses are kept only in memory, hashed with a salt drawn at start-up; nothing is
    written anywhere."""

    def __init__(self, limit: int, window: float):
        self.limit, self.window = limit, window
        self._salt = secrets.token_bytes(16)
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, address: str) -> bool:
        key = hashlib.blake2b(address.encode(), key=self._salt, digest_size=12).hexdigest()
        now = time.monotonic()
        with self._lock:
            if len(self._hits) > 10_000:  # forget the quiet addresses
                self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > now - 60}
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()


submissions = RateLimit(limit=5, window=600)
