"""The visitors of bench/scale_out.py (read by `locust -f`; not run alone).

Each simulated visitor follows the elected official's journey (home, commune and EPCI pages,
recommendations with varied needs and free text), asks the API, reads the catalogue, and now
and then creates a roadmap by POST from the recommendations page (with the page's token, as a
browser sends it), then opens its edit page. Territories are drawn from SCALE_OUT_TERRITORIES
(a sample of the database, written by scale_out.py), so that pages and caches vary as with
real visitors. It talks to nginx from its own loopback address (127.0.1.N), so that the
application sees one client per visitor. Every request is written to SCALE_OUT_RECORDS (one
JSON line each): end time, name, status, time; a creation adds the page token it sent and,
when it succeeded, the roadmap's edit token, looked up in the database afterwards.

Signed-in members (`Member`, as many as SCALE_OUT_MEMBERS, accounts from SCALE_OUT_PEOPLE
written by scale_out_accounts.py, one account each) sign in through the real sign-in page
(`/compte/connexion/`: its form, its CSRF token, the password), then browse « Mes projets », their
project's dashboard, contributions, moderation and meetings, and now and then type a
contribution collected on paper (the entry page's token sent back, as a browser does), whose
text carries a mark of its own: every mark answered 302 must be in the database. Their pages are
asked without following redirects: a redirect to the sign-in page is a lost session, recorded
(`signin`), and the member signs in again.
"""

import datetime
import itertools
import json
import os
import random
import re
import secrets
import time
from urllib.parse import urlencode

import urllib3
from locust import HttpUser, events, task
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # self-signed bench cert

NEEDS = [
    "commerce", "lien-social", "bien-vieillir", "acces-aux-droits", "mobilite", "alimentation",
    "culture", "emploi-insertion", "energie", "numerique", "tiers-lieu", "sante", "logement",
    "jeunesse", "revitalisation", "participation",
]  # fmt: skip
BENEFICIARIES = ["commune", "association", "scic", "collectif-citoyens"]
STAGES = ["emergence", "etude", "montage", "lancement"]
WORDS = [
    "épicerie", "café", "associatif", "mobilité", "solidaire", "jeunes", "tiers-lieu", "repair",
    "cantine", "bio", "covoiturage", "santé", "maison", "services", "numérique", "culture",
    "friche", "rénovation", "emploi", "insertion", "marché", "circuit", "court", "aînés",
]  # fmt: skip
EDIT_PREFIX = "/projets/feuilles-de-route/modifier/"
PAGE_TOKEN = re.compile(r'name="jeton" value="([\w-]+)"')
SIGN_IN = "/compte/connexion/"
MARK = "mesure-"

_addresses = itertools.count(1)
_records = open(os.environ["SCALE_OUT_RECORDS"], "a", buffering=1)  # noqa: SIM115
_territories = json.loads(open(os.environ["SCALE_OUT_TERRITORIES"]).read())  # noqa: SIM115
_people = iter(json.loads(open(os.environ["SCALE_OUT_PEOPLE"]).read()))  # noqa: SIM115


class SourceAddressAdapter(HTTPAdapter):
    """Connections opened from one loopback address. A GET whose kept-alive connection nginx
    closed as it was sent (nginx reloading, `--arret retrait`) is sent again once, as browsers
    do (RFC 9112, 9.3.1); a POST never is, and an HTTP error status never is."""

    def __init__(self, address: str):
        self.address = address
        super().__init__(
            max_retries=Retry(
                total=1,
                read=1,
                connect=1,
                status=0,
                other=0,
                allowed_methods={"GET"},
                raise_on_status=False,
            )
        )

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


@events.request.add_listener
def record(request_type, name, response_time, response, exception, context, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    row = {
        "t": time.time(),
        "name": f"{request_type} {name}",
        "ms": response_time,
        "status": status,
    }
    if exception is not None and not status:
        row["error"] = type(exception).__name__
    context = context or {}
    for key in ("jeton", "marque", "membre"):
        if key in context:
            row[key] = context[key]
    if context.get("membre") and response is not None:
        row["serveur"] = response.headers.get("X-Leviers-Serveur", "")
    location = response.headers.get("Location", "") if status == 302 else ""
    if context.get("membre") and location.startswith(SIGN_IN) and name != SIGN_IN:
        row["signin"] = True  # a signed-in page sent back to the sign-in page: session lost
    if request_type == "POST" and location.startswith(EDIT_PREFIX):
        row["token"] = location[len(EDIT_PREFIX) :].strip("/")
    _records.write(json.dumps(row) + "\n")


class Visitor(HttpUser):
    weight = 1
    wait_time = staticmethod(lambda: 0.05)

    def on_start(self):
        number = next(_addresses)
        self.address = f"127.0.1.{number}"
        self.random = random.Random(number)  # the same visits from one run to the next
        self.client.verify = False
        self.client.mount("https://", SourceAddressAdapter(self.address))

    def commune(self) -> str:
        return self.random.choice(_territories["communes"])

    def situation(self) -> dict:
        """A situation as the situation form sends it: a commune, needs, who, when, and now
        and then a few words of free text (each text is another page of results)."""
        situation = {
            "commune": self.commune(),
            "besoin": self.random.sample(NEEDS, self.random.randint(1, 3)),
            "porteur": self.random.choice(BENEFICIARIES),
            "etape": self.random.choice(STAGES),
        }
        if self.random.random() < 0.5:
            situation["texte"] = " ".join(self.random.sample(WORDS, self.random.randint(1, 4)))
        return situation

    @task(3)
    def home(self):
        self.client.get("/", name="/")

    @task(3)
    def territory(self):
        self.client.get(
            f"/territoires/communes/{self.commune()}/", name="/territoires/communes/[code]/"
        )
        if self.random.random() < 0.3:
            self.client.get(
                f"/territoires/epci/{self.random.choice(_territories['epcis'])}/",
                name="/territoires/epci/[siren]/",
            )

    @task(4)
    def recommendations(self):
        query = urlencode(self.situation(), doseq=True)
        self.client.get(f"/projets/recommandations/?{query}", name="/projets/recommandations/")

    @task(4)
    def api(self):
        code = self.commune()
        self.client.get(f"/api/v1/match?commune={code}", name="/api/v1/match")
        prefix = "".join(self.random.choice("abcdefghilmnoprstuv") for _ in range(3))
        self.client.get(
            f"/api/v1/territoires/recherche?q={prefix}", name="/api/v1/territoires/recherche"
        )
        self.client.get(f"/api/v1/communes/{code}", name="/api/v1/communes/[code]")

    @task(1)
    def catalogue(self):
        words = " ".join(self.random.sample(WORDS, 2))
        self.client.get(f"/catalogue/?{urlencode({'q': words})}", name="/catalogue/")

    @task(1)
    def create_roadmap(self):
        situation = self.situation()
        query = urlencode(situation, doseq=True)
        page = self.client.get(
            f"/projets/recommandations/?{query}", name="/projets/recommandations/"
        )
        csrf = self.client.cookies.get("csrftoken", "")
        found = PAGE_TOKEN.search(page.text) if page.status_code == 200 else None
        if not csrf or not found:
            return
        data = {
            **situation,
            "jeton": found[1],
            "levier": ["cafe-associatif"],
            "dispositif": ["rural-consult"],
            "csrfmiddlewaretoken": csrf,
        }
        created = self.client.post(
            "/projets/feuilles-de-route/",
            data,
            name="/projets/feuilles-de-route/",
            allow_redirects=False,
            headers={"Referer": f"{self.host}/projets/recommandations/?{query}"},
            context={"jeton": found[1]},
        )
        if created.status_code == 302:
            self.client.get(created.headers["Location"], name=f"{EDIT_PREFIX}[jeton]/")


class Member(HttpUser):
    """A member of a project's team, signed in with a password."""

    fixed_count = int(os.environ.get("SCALE_OUT_MEMBERS", "0"))
    wait_time = staticmethod(lambda: 0.05)

    def on_start(self):
        number = next(_addresses)
        self.address = f"127.0.1.{number}"
        self.random = random.Random(1000 + number)
        self.client.verify = False
        self.client.mount("https://", SourceAddressAdapter(self.address))
        self.person = next(_people)
        self.project = self.person["projects"][0]
        self.sign_in()

    def sign_in(self) -> None:
        """As a browser: the sign-in page (its CSRF cookie), then the form with the password."""
        self.client.get(SIGN_IN, name=SIGN_IN, context={"membre": self.person["email"]})
        data = {
            "login": self.person["email"],
            "password": self.person["password"],
            "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
        }
        self.client.post(
            SIGN_IN,
            data,
            name=SIGN_IN,
            allow_redirects=False,
            headers={"Referer": f"{self.host}{SIGN_IN}"},
            context={"membre": self.person["email"]},
        )

    def page(self, url: str, name: str):
        """A signed-in page, redirects not followed: the sign-in page means a lost session."""
        response = self.client.get(
            url, name=name, allow_redirects=False, context={"membre": self.person["email"]}
        )
        if response.status_code == 302 and response.headers.get("Location", "").startswith(SIGN_IN):
            self.sign_in()
        return response

    @task(3)
    def mine(self):
        self.page("/projets/mes-projets/", "/projets/mes-projets/")

    @task(3)
    def dashboard(self):
        self.page(f"/projets/{self.project}/tableau-de-bord/", "/projets/[id]/tableau-de-bord/")

    @task(2)
    def contributions(self):
        self.page(f"/projets/{self.project}/contributions/", "/projets/[id]/contributions/")
        self.page(
            f"/projets/{self.project}/contributions/moderation/",
            "/projets/[id]/contributions/moderation/",
        )

    @task(2)
    def meetings(self):
        self.page(f"/projets/{self.project}/reunions/", "/projets/[id]/reunions/")

    @task(2)
    def record_contribution(self):
        """A contribution collected on paper, typed by the team; its text carries a mark."""
        url = f"/projets/{self.project}/contributions/saisir/"
        form = self.page(url, "/projets/[id]/contributions/saisir/")
        found = PAGE_TOKEN.search(form.text) if form.status_code == 200 else None
        if not found:
            return
        mark = f"{MARK}{secrets.token_hex(8)}"
        data = {
            "jeton": found[1],
            "channel": "papier",
            "collector": "Camille Mesure",
            "collected_on": datetime.date.today().isoformat(),
            "kind": self.random.choice(["idee", "besoin", "remarque"]),
            "text": f"Un marché le samedi matin ({mark}).",
            "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
        }
        self.client.post(
            url,
            data,
            name="/projets/[id]/contributions/saisir/",
            allow_redirects=False,
            headers={"Referer": f"{self.host}{url}"},
            context={"membre": self.person["email"], "marque": mark},
        )
