"""The Jinja2 environment of the templates under an app's `jinja2/` folder (settings.TEMPLATES).

Django's template language stays the rule; Jinja2 renders only fragments whose size makes
Django's per-node cost show (journey/_results.html, ~60 scheme cards: bench/journey.py)."""

from functools import lru_cache

from django.urls import reverse
from jinja2 import Environment


@lru_cache(maxsize=20_000)
def url(name: str, *args) -> str:
    """`{{ url('catalogue:lever', slug) }}`, as `{% url %}` in Django's templates; reversed
    once per process (the URL configuration does not change while it runs)."""
    return reverse(name, args=args)


def environment(**options) -> Environment:
    env = Environment(**options)
    env.globals["url"] = url
    return env
