"""Query counts pinned page by page: the path of every URL of a namespace, built from the URL
resolver, so that a page added later without its pin fails `assert_every_url_pinned`.

    paths = url_paths("meetings", {"public_id": ..., "meeting_id": ...})
    with django_assert_num_queries(QUERIES[name]):
        read(client, paths[name])
"""

from __future__ import annotations

from django.urls import get_resolver, reverse


def url_paths(namespace: str, values: dict[str, str]) -> dict[str, str]:
    """{url name: path} of every URL of `namespace`, its parameters taken from `values`."""
    _prefix, resolver = get_resolver().namespace_dict[namespace]
    paths = {}
    for pattern in resolver.url_patterns:
        params = list(pattern.pattern.converters)
        paths[pattern.name] = reverse(
            f"{namespace}:{pattern.name}", kwargs={p: values[p] for p in params}
        )
    return paths


def read(client, path: str):
    """GET `path`, a streamed download read to its end (its queries count too)."""
    response = client.get(path)
    if response.streaming:
        response.read_body = b"".join(response.streaming_content)
    return response


def assert_every_url_pinned(namespace: str, pinned: set[str], post_only: set[str]) -> None:
    names = set(url_paths_names(namespace))
    assert names - pinned - post_only == set(), "pages sans nombre de requêtes fixé"
    assert (pinned | post_only) - names == set(), "nombres fixés pour des pages disparues"


def url_paths_names(namespace: str) -> list[str]:
    _prefix, resolver = get_resolver().namespace_dict[namespace]
    return [pattern.name for pattern in resolver.url_patterns]
