import functools
import http.server
import threading

import pytest


@pytest.fixture
def shipped_catalogue(catalogue):
    """The real catalogue shipped in leviers/catalogue/content (loaded once per session)."""


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def serve():
    """serve(folder) → the base address of a server on 127.0.0.1 giving the files of folder."""
    servers = []

    def start(folder) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        # shutdown() waits for the loop to look at its flag: every 20 ms, not every 0.5 s.
        threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
