"""The visitors of bench/scale_out.py (read by `locust -f`; not run alone).

Each simulated visitor follows the elected official's journey (home, commune page,
recommendations), asks the API, and now and then creates a roadmap by POST. It talks to nginx
from its own loopback address (127.0.1.N), so that the application sees one client per visitor.
Every request is written to SCALE_OUT_RECORDS (one JSON line each): end time, name, status,
time; a created roadmap adds its edit token, looked up in the database afterwards.
"""

import itertools
import json
import os
import time

import urllib3
from locust import HttpUser, events, task
from requests.adapters import HTTPAdapter

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # self-signed bench cert

SITUATION = {
    "commune": "53180",
    "besoin": ["commerce", "lien-social"],
    "porteur": "commune",
    "etape": "emergence",
    "reponse": "deux-agents-24h=oui",
}
RECOMMENDATIONS = (
    "/projets/recommandations/?commune=53180&besoin=commerce&besoin=lien-social"
    "&porteur=commune&etape=emergence&reponse=deux-agents-24h%3Doui"
)
EDIT_PREFIX = "/projets/feuilles-de-route/modifier/"

_addresses = itertools.count(1)
_records = open(os.environ["SCALE_OUT_RECORDS"], "a", buffering=1)  # noqa: SIM115


class SourceAddressAdapter(HTTPAdapter):
    """Connections opened from one loopback address."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


@events.request.add_listener
def record(request_type, name, response_time, response, exception, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    row = {
        "t": time.time(),
        "name": f"{request_type} {name}",
        "ms": response_time,
        "status": status,
    }
    if exception is not None and not status:
        row["error"] = type(exception).__name__
    location = response.headers.get("Location", "") if status == 302 else ""
    if request_type == "POST" and location.startswith(EDIT_PREFIX):
        row["token"] = location[len(EDIT_PREFIX) :].strip("/")
    _records.write(json.dumps(row) + "\n")


class Visitor(HttpUser):
    wait_time = staticmethod(lambda: 0.05)

    def on_start(self):
        number = next(_addresses)
        self.address = f"127.0.1.{number}"
        self.client.verify = False
        self.client.mount("https://", SourceAddressAdapter(self.address))

    @task(3)
    def home(self):
        self.client.get("/", name="/")

    @task(3)
    def commune(self):
        self.client.get("/territoires/communes/53180/", name="/territoires/communes/[code]/")

    @task(4)
    def recommendations(self):
        self.client.get(RECOMMENDATIONS, name="/projets/recommandations/")

    @task(4)
    def api(self):
        self.client.get("/api/v1/match?commune=53180", name="/api/v1/match")
        self.client.get(
            "/api/v1/territoires/recherche?q=pomm", name="/api/v1/territoires/recherche"
        )
        self.client.get("/api/v1/communes/53180", name="/api/v1/communes/[code]")

    @task(1)
    def create_roadmap(self):
        page = self.client.get(RECOMMENDATIONS, name="/projets/recommandations/")
        token = self.client.cookies.get("csrftoken", "")
        if page.status_code != 200 or not token:
            return
        data = {
            **SITUATION,
            "levier": ["cafe-associatif"],
            "dispositif": ["rural-consult"],
            "csrfmiddlewaretoken": token,
        }
        self.client.post(
            "/projets/feuilles-de-route/",
            data,
            name="/projets/feuilles-de-route/",
            allow_redirects=False,
            headers={"Referer": f"{self.host}{RECOMMENDATIONS}"},
        )
