"""Named functions that apps higher on the ladder give to a page of a lower app, which cannot
import them: each app registers its own from `AppConfig.ready()`, the page asks them all.

    MENTIONS = Providers()
    MENTIONS.register("clubs", clubs_mentions)   # in clubs' AppConfig.ready()
    MENTIONS.gather("lever", "guinguette")       # every provider's list, providers by name

Used by catalogue/mentions.py and territories/mentions.py (the header's links, which are
ordered and filtered per user, have their own registry: core/navigation.py).
"""

from __future__ import annotations

from collections.abc import Callable


class Providers:
    def __init__(self) -> None:
        self._by_name: dict[str, Callable[..., list]] = {}

    def register(self, name: str, provider: Callable[..., list]) -> None:
        """Registering the same name again replaces it (`ready()` may run twice in tests)."""
        self._by_name[name] = provider

    def unregister(self, name: str) -> None:
        self._by_name.pop(name, None)

    def gather(self, *args) -> list:
        """Every provider's answer to `args`, providers in name order, each in its own."""
        found: list = []
        for name in sorted(self._by_name):
            found.extend(self._by_name[name](*args))
        return found
