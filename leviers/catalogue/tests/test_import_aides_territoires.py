"""`import-aides-territoires`: the real CSV export, API JSON, perimeters, bad files, HTML."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from leviers.catalogue.eligibility import (
    Profile,
    Territory,
    evaluate,
    parse_criteria,
    scheme_criteria,
)
from leviers.catalogue.importers.aides_territoires_mappings import load_mappings
from leviers.catalogue.models import Scheme
from leviers.core.importing import ImportFileError
from leviers.core.models import Dataset
from leviers.testing.http import served_folder

AT = "https://aides-territoires.beta.gouv.fr"
CSV_NAME = "aides_territoires_export_sample.csv"
HEADER = "Nom,Lien,Financeurs,Bénéficiaire,Types d'aides,AAP/AMI,Récurrence,Descriptif,Date Clôture"
NOTE = "Importé d'Aides-territoires : critères non structurés, à vérifier par un curateur."
NO_PERIMETER = "Périmètre géographique non structuré : voir la fiche"
NO_CONDITIONS = "Conditions détaillées sur la fiche Aides-territoires"

pytestmark = pytest.mark.django_db


def run(source, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import-aides-territoires", "--source", str(source), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fail(source, *args) -> str:
    with pytest.raises(CommandError) as raised:
        run(source, *args)
    return str(raised.value)


def imported() -> dict[str, Scheme]:
    return {s.source_link: s for s in Scheme.objects.filter(origin="aides-territoires")}


def api_aid(slug: str, **fields) -> dict:
    """An aid as the Aides-territoires API returns it (fields of the research notes, §4)."""
    return {
        "id": 1000,
        "slug": slug,
        "url": f"/aides/{slug}/",
        "name": "Créer un tiers-lieu en milieu rural",
        "financers": ["Agence nationale de la cohésion des territoires (ANCT)"],
        "targeted_audiences": ["Communes", "Associations", "Particuliers"],
        "aid_types": ["Subvention"],
        "mobilization_steps": ["Réflexion / conception"],
        "perimeter": "France",
        "perimeter_scale": "Pays",
        "submission_deadline": None,
        "recurrence": "Permanente",
        "description": "<p>Soutenir l'ouverture de tiers-lieux. Deuxième phrase.</p>",
        "eligibility": "<p>Projet porté en <strong>zone rurale</strong>.</p>",
        "origin_url": "https://anct.gouv.fr/tiers-lieux",
        "application_url": "",
        "categories": ["Développement économique / production et consommation|Revitalisation"],
        "is_call_for_project": False,
        "subvention_rate_lower_bound": None,
        "subvention_rate_upper_bound": None,
        "loan_amount": None,
        "contact": "",
        **fields,
    }


def write_json(path, document):
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_csv(path, *rows):
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def csv_row(slug, name="Aider les communes", date=""):
    return f'{name},{AT}/aides/{slug}/,ADEME,Communes,Subvention,,Permanente,"Une aide.",{date}'


# --- The real export ------------------------------------------------------------------------


def real_rows(shared_data) -> list[dict]:
    with open(shared_data / CSV_NAME, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_real_export_creates_one_scheme_per_aid(shared_data):
    out, _ = run(shared_data / CSV_NAME)

    assert "créés=274 mis à jour=0 inchangés=0 rejetés=0" in out
    schemes = imported()
    assert len(schemes) == 274
    assert all(s.slug.startswith("at-") and len(s.slug) <= 120 for s in schemes.values())
    assert all(
        s.verification == "partiel" and s.verification_note == NOTE for s in schemes.values()
    )
    assert all(0 < len(s.summary) <= 300 and "_____" not in s.summary for s in schemes.values())
    dataset = Dataset.objects.get(key="aides-territoires")
    assert (dataset.producer, dataset.licence) == (
        "Aides-territoires (ANCT)",
        "Licence Ouverte 2.0",
    )
    assert dataset.source_url == "https://aides-territoires.beta.gouv.fr/"
    assert dataset.vintage == datetime.date.today().isoformat()
    assert dataset.created == 274


def test_real_aid_keeps_its_fields_and_maps_its_beneficiaries(shared_data):
    row = real_rows(shared_data)[0]
    run(shared_data / CSV_NAME)

    scheme = imported()[row["Lien"]]
    assert scheme.slug == "at-" + row["Lien"].rstrip("/").rsplit("/", 1)[1]
    assert scheme.name == row["Nom"]
    assert scheme.operator == row["Financeurs"]
    assert scheme.aid_types == row["Types d'aides"].split(";")  # Subvention;Ingénierie financière
    assert scheme.kind == "subvention"
    assert scheme.beneficiaries == ["commune", "epci"]  # Communes;Intercommunalités / Pays
    assert scheme.summary == row["Descriptif"]
    assert scheme.calendar == {"kind": "permanent"}  # Permanente, no closing date
    assert scheme.perimeter == {}
    assert scheme.criteria == [
        {"beneficiary": ["commune", "epci"]},
        {"text": NO_CONDITIONS},
        {"text": NO_PERIMETER},
    ]
    assert scheme.sources == [
        {
            "url": row["Lien"],
            "title": "Fiche Aides-territoires",
            "checked_on": datetime.date.today().isoformat(),
        }
    ]


def test_unmapped_audiences_stay_in_the_description_only(shared_data):
    rows = real_rows(shared_data)
    run(shared_data / CSV_NAME)
    schemes = imported()

    mixed = next(r for r in rows if "Particuliers" in r["Bénéficiaire"])
    scheme = schemes[mixed["Lien"]]
    assert "Particuliers" in scheme.description and "Agriculteurs" in scheme.description
    assert set(scheme.beneficiaries) <= {
        "commune",
        "epci",
        "association",
        "entreprise-ess",
        "scic",
        "scop",
    }
    assert scheme.criteria[0] == {"beneficiary": scheme.beneficiaries}

    public_only = next(r for r in rows if r["Bénéficiaire"].startswith("Établissements publics"))
    scheme = schemes[public_only["Lien"]]
    assert scheme.beneficiaries == []
    assert not any("beneficiary" in c for c in scheme.criteria)  # omitted, never empty


def test_past_closing_dates_close_the_scheme(shared_data):
    rows = [r for r in real_rows(shared_data) if r["Date Clôture"]]
    run(shared_data / CSV_NAME)
    schemes = imported()

    for row in rows:
        day, month, year = row["Date Clôture"].split("/")
        deadline = datetime.date(int(year), int(month), int(day))
        calendar = schemes[row["Lien"]].calendar
        assert calendar["deadline"] == deadline.isoformat()
        assert calendar["kind"] == ("closed" if deadline < datetime.date.today() else "deadline")


def test_second_import_of_the_same_export_changes_nothing(empty_catalogue, shared_data):
    run(shared_data / CSV_NAME)
    before = {s.slug: s.updated_at for s in imported().values()}

    out, _ = run(shared_data / CSV_NAME)

    assert "créés=0 mis à jour=0 inchangés=274" in out
    assert {s.slug: s.updated_at for s in imported().values()} == before
    assert Scheme.objects.count() == 274


def test_reimport_after_editing_one_row_updates_only_that_scheme(
    empty_catalogue, shared_data, tmp_path
):
    run(shared_data / CSV_NAME)
    rows = real_rows(shared_data)
    rows[10]["Descriptif"] = "Une description revue par l'opérateur. Avec une suite."
    edited = tmp_path / "export.csv"
    with open(edited, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    before = {s.source_link: s.updated_at for s in imported().values()}

    out, _ = run(edited)

    assert "créés=0 mis à jour=1 inchangés=273" in out
    after = imported()
    assert after[rows[10]["Lien"]].summary == "Une description revue par l'opérateur."
    # updated_at moves (it stamps the search index) for the edited scheme only
    assert [link for link, s in after.items() if s.updated_at != before[link]] == [rows[10]["Lien"]]
    assert Scheme.objects.count() == 274


# --- API JSON -------------------------------------------------------------------------------


def test_api_list_fills_steps_needs_types_and_links(tmp_path):
    aid = api_aid(
        "tiers-lieux",
        aid_types=["Autre aide financière", "Ingénierie technique", "Subvention"],
        mobilization_steps=["Réflexion / conception", "Mise en œuvre / réalisation"],
        categories=[
            "Solidarités / lien social / Accès aux services",
            "Développement économique / production et consommation|Economie sociale et solidaire",
        ],
        submission_deadline="2999-06-30",
        is_call_for_project=True,
        application_url="https://demarches.example.org/tiers-lieux",
        subvention_rate_lower_bound=20,
        subvention_rate_upper_bound=80,
        loan_amount=150000,
        contact="<p>Mission tiers-lieux : <a href='mailto:x@example.org'>écrire</a></p>",
    )
    source = write_json(tmp_path / "aides.json", [aid, api_aid("autre-aide", name="Autre aide")])

    out, _ = run(source)

    assert "créés=2" in out
    scheme = imported()[f"{AT}/aides/tiers-lieux/"]
    assert scheme.slug == "at-tiers-lieux"
    assert scheme.kind == "ingenierie"  # the first type that maps
    assert scheme.stages == ["emergence", "etude", "montage", "lancement"]
    assert scheme.needs == ["lien-social", "acces-aux-droits"]
    assert scheme.beneficiaries == ["commune", "association"]
    assert scheme.perimeter == {"national": True}
    assert scheme.calendar["kind"] == "deadline" and scheme.calendar["deadline"] == "2999-06-30"
    assert "Appel à projets" in scheme.calendar["text"]
    assert scheme.url == "https://demarches.example.org/tiers-lieux"
    assert scheme.summary == "Soutenir l'ouverture de tiers-lieux."
    assert scheme.eligibility_text == "Projet porté en zone rurale."
    assert scheme.criteria == [
        {"beneficiary": ["commune", "association"]},
        {"text": "Projet porté en zone rurale."},
    ]
    assert "80" in scheme.funding_rate and "150" in scheme.amounts
    assert "Mission tiers-lieux : écrire" in scheme.how_to_apply
    assert imported()[f"{AT}/aides/autre-aide/"].url == "https://anct.gouv.fr/tiers-lieux"


def test_api_page_imports_its_results_and_says_the_next_page_is_not_read(tmp_path):
    page = {
        "count": 120,
        "previous": None,
        "next": f"{AT}/api/aids/?page=2",
        "results": [api_aid(f"aide-{i}", name=f"Aide {i}") for i in range(3)],
    }
    out, _ = run(write_json(tmp_path / "page.json", page))

    assert "créés=3" in out
    assert "page suivante" in out and "page=2" in out
    assert len(imported()) == 3


@pytest.mark.parametrize(
    ("perimeter", "scale", "expected"),
    [
        ("Pays de la Loire", "Région", {"regions": ["52"]}),
        ("Sarthe", "Département", {"departments": ["72"]}),
        ("Morbihan (Département)", None, {"departments": ["56"]}),  # the Django API's form
        ("Bretagne", None, {"regions": ["53"]}),
        ("Réunion", "Département", {"departments": ["974"]}),
        ("Europe", "Continent", {"national": True}),
    ],
)
def test_api_perimeter_maps_to_the_referential(tmp_path, perimeter, scale, expected):
    aid = api_aid("perimetre", perimeter=perimeter, perimeter_scale=scale)
    run(write_json(tmp_path / "aides.json", [aid]))

    scheme = imported()[f"{AT}/aides/perimetre/"]
    assert scheme.perimeter == expected
    assert not any("Périmètre" in c.get("text", "") for c in scheme.criteria)


@pytest.mark.parametrize(
    ("perimeter", "scale"),
    [
        ("Rodez", "Commune"),
        ("CC du Pays de Craon", "EPCI"),
        ("Sarthe", "Région"),
        ("Atlantide", ""),
    ],
)
def test_api_perimeter_that_does_not_map_stays_a_text_criterion(tmp_path, perimeter, scale):
    aid = api_aid("perimetre", perimeter=perimeter, perimeter_scale=scale)
    run(write_json(tmp_path / "aides.json", [aid]))

    scheme = imported()[f"{AT}/aides/perimetre/"]
    assert scheme.perimeter == {}
    assert scheme.criteria[-1]["text"].startswith(NO_PERIMETER)
    assert perimeter in scheme.criteria[-1]["text"]


def test_criteria_are_single_key_and_always_keep_a_text_to_check(tmp_path, shared_data):
    run(shared_data / CSV_NAME)
    run(write_json(tmp_path / "aides.json", [api_aid("a", eligibility=""), api_aid("b")]))

    for scheme in imported().values():
        assert all(isinstance(c, dict) and len(c) == 1 for c in scheme.criteria)
        assert any("text" in c for c in scheme.criteria)  # never "éligible" without a curator
        assert set(scheme.perimeter) <= {"national", "regions", "departments"}


def test_imported_schemes_are_at_best_to_check_for_the_eligibility_engine(tmp_path, shared_data):
    run(shared_data / CSV_NAME)
    run(write_json(tmp_path / "aides.json", [api_aid("a", perimeter="Mayenne"), api_aid("b")]))
    pommerieux = Territory(
        commune_name="Pommerieux", commune_code="53180", department="53", region="52"
    )

    statuses = set()
    for scheme in imported().values():
        where = f"dispositif « {scheme.slug} »"
        if scheme.perimeter:
            criteria = scheme_criteria(scheme.criteria, scheme.perimeter, where=where)
        else:  # no structured perimeter: a text criterion stands for it
            criteria = parse_criteria(scheme.criteria, where=where)
        for beneficiary in ("commune", "epci", "association", "scic", "collectif-citoyens"):
            statuses.add(evaluate(criteria, Profile(pommerieux, beneficiary=beneficiary)).status)
    assert statuses == {"to_check", "not_eligible"}


def test_description_html_is_stripped_and_scripts_never_survive(tmp_path):
    aid = api_aid(
        "html",
        name="Aide <b>importante</b>",
        description=(
            "<h2>Objet</h2><p>Financer la rénovation &amp; l'équipement.</p>"
            "<script>alert('x')</script><ul><li>écoles</li><li>mairies (< 2000 hab.)</li></ul>"
            "<img src=x onerror=alert(1)>&lt;script&gt;alert(2)&lt;/script&gt;"
        ),
        eligibility="<style>p{}</style><p onclick='x()'>Communes rurales</p>",
        subvention_comment="<iframe src='https://example.org'></iframe>Selon dossier",
        subvention_rate_upper_bound=50,
    )
    run(write_json(tmp_path / "aides.json", [aid]))

    scheme = imported()[f"{AT}/aides/html/"]
    stored = json.dumps(
        [
            scheme.name,
            scheme.summary,
            scheme.description,
            scheme.eligibility_text,
            scheme.criteria,
            scheme.funding_rate,
        ]
    )
    for fragment in (
        "<script",
        "alert",
        "<img",
        "onerror",
        "<style",
        "onclick",
        "<iframe",
        "<p",
        "<b>",
    ):
        assert fragment not in stored
    assert scheme.name == "Aide importante"
    assert "Financer la rénovation & l'équipement." in scheme.description
    assert "• mairies (< 2000 hab.)" in scheme.description
    assert scheme.eligibility_text == "Communes rurales"


def test_curated_scheme_is_skipped_and_reported(tmp_path):
    source = write_json(tmp_path / "aides.json", [api_aid("a"), api_aid("b")])
    run(source)
    Scheme.objects.filter(source_link=f"{AT}/aides/a/").update(origin="leviers", name="Revu")

    write_json(source, [api_aid("a", name="Nouveau nom"), api_aid("b", name="Nouveau nom")])
    out, _ = run(source)

    assert "mis à jour=1" in out and "repris par un curateur)=1" in out
    assert "at-a" in out and "curateur" in out
    assert Scheme.objects.get(slug="at-a").name == "Revu"
    assert Scheme.objects.get(slug="at-b").name == "Nouveau nom"


def test_duplicate_links_keep_the_last_and_reject_the_others(tmp_path):
    source = write_csv(
        tmp_path / "aides.csv",
        csv_row("doublon", "Première version"),
        csv_row("autre"),
        csv_row("doublon", "Dernière version"),
    )
    out, err = run(source)

    assert "créés=2" in out and "rejetés=1" in out
    assert "ligne 2" in err and "même lien" in err
    assert imported()[f"{AT}/aides/doublon/"].name == "Dernière version"


def test_slugs_stay_unique_and_stable(tmp_path):
    long = "x" * 200
    source = write_json(
        tmp_path / "aides.json",
        [api_aid(long), api_aid("b", url=f"https://example.org/aides/{long}/")],
    )
    run(source)
    slugs = sorted(s.slug for s in imported().values())
    assert all(len(s) <= 120 for s in slugs) and len(set(slugs)) == 2

    run(source)
    assert sorted(s.slug for s in imported().values()) == slugs


def test_millesime_is_the_dataset_vintage(tmp_path):
    run(write_json(tmp_path / "aides.json", [api_aid("a")]), "--millesime", "02/05/2024")
    assert Dataset.objects.get(key="aides-territoires").vintage == "2024-05-02"
    assert "--millesime" in fail(tmp_path / "aides.json", "--millesime", "mai 2024")


def test_export_read_from_a_local_http_server(tmp_path):
    write_csv(tmp_path / "export.csv", csv_row("par-http"))
    with served_folder(tmp_path) as base:
        out, _ = run(f"{base}/export.csv")
    assert "créés=1" in out
    assert f"{AT}/aides/par-http/" in imported()


def test_three_thousand_aids_import_in_one_go(tmp_path):
    aids = [
        api_aid(
            f"aide-{i:04d}", name=f"Aide n° {i}", perimeter="Sarthe", perimeter_scale="Département"
        )
        for i in range(3000)
    ]
    source = write_json(tmp_path / "aides.json", {"count": 3000, "next": None, "results": aids})

    out, _ = run(source)
    assert "créés=3000" in out
    out, _ = run(source)
    assert "créés=0 mis à jour=0 inchangés=3000" in out


# --- Bad files: a French error naming file, line and column, and nothing written ------------


BAD_CSV = {
    "missing-column": (
        "Nom,Financeurs,Bénéficiaire,Types d'aides,AAP/AMI,Récurrence,Descriptif,Date Clôture\n"
        "Aide,ADEME,Communes,Subvention,,Permanente,Texte,\n",
        ["ligne 1", "colonne « Lien » absente"],
    ),
    "empty-name": (
        f"{HEADER}\n{csv_row('ok')}\n,{AT}/aides/sans-nom/,ADEME,Communes,Subvention,,,Texte,\n",
        ["ligne 3", "colonne « Nom »", "nom de l'aide vide"],
    ),
    "bad-link": (
        f"{HEADER}\n{csv_row('ok')}\nAide,ftp://example.org/aide,ADEME,Communes,Subvention,,,T,\n",
        ["ligne 3", "colonne « Lien »", "http(s)"],
    ),
    "bad-date": (
        f"{HEADER}\n{csv_row('ok')}\n{csv_row('fevrier', date='31/02/2024')}\n",
        ["ligne 3", "colonne « Date Clôture »", "31/02/2024"],
    ),
    "truncated": (
        f"{HEADER}\n{csv_row('ok')}\n"
        f'Aide,{AT}/aides/coupee/,ADEME,Communes,Subvention,,,"Texte coupé',
        ["ligne 3", "tronqué"],
    ),
    "short-row": (
        f"{HEADER}\n{csv_row('ok')}\nAide,{AT}/aides/courte/,ADEME\n",
        ["ligne 3", "tronqué"],
    ),
}


@pytest.fixture
def existing(tmp_path):
    """A scheme already imported, to check that a bad file changes nothing."""
    run(write_json(tmp_path / "first.json", [api_aid("deja-la")]))
    return {(s.slug, s.name, s.updated_at) for s in Scheme.objects.all()}


@pytest.mark.parametrize("case", sorted(BAD_CSV))
def test_bad_csv_is_refused_naming_line_and_column(tmp_path, existing, case):
    content, expected = BAD_CSV[case]
    path = tmp_path / f"{case}.csv"
    path.write_text(content, encoding="utf-8")

    message = fail(path)

    assert f"Fichier « {path} »" in message and "Rien n'a été modifié." in message
    for fragment in expected:
        assert fragment in message
    assert {(s.slug, s.name, s.updated_at) for s in Scheme.objects.all()} == existing


def test_csv_in_another_encoding_is_refused(tmp_path, existing):
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        f"{HEADER}\n{csv_row('ok')}\n{csv_row('x', 'Aide à la rénovation')}\n".encode("cp1252")
    )

    message = fail(path)

    assert f"Fichier « {path} », ligne 1" in message and "UTF-8" in message
    assert {(s.slug, s.name, s.updated_at) for s in Scheme.objects.all()} == existing
    out, _ = run(path, "--encodage", "cp1252")
    assert "créés=2" in out


BAD_JSON = {
    "syntax": (
        '[\n  {"slug": "a", "name": "A"}\n  {"slug": "b", "name": "B"}\n]\n',
        ["ligne 3", "colonne « 3 »", "JSON invalide", "virgule attendue"],
    ),
    "truncated": ('[\n  {"slug": "a",\n   "name": "A', ["ligne 3", "JSON invalide", "tronqué"]),
    "not-aids": ('{"detail": "Authentication required"}', ["ligne 1", "liste d'aides"]),
}


@pytest.mark.parametrize("case", sorted(BAD_JSON))
def test_invalid_json_is_refused_naming_line_and_column(tmp_path, existing, case):
    content, expected = BAD_JSON[case]
    path = tmp_path / f"{case}.json"
    path.write_text(content, encoding="utf-8")

    message = fail(path)

    assert f"Fichier « {path} »" in message
    for fragment in expected:
        assert fragment in message
    assert {(s.slug, s.name, s.updated_at) for s in Scheme.objects.all()} == existing


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("submission_deadline", "31 juin 2024", "date « 31 juin 2024 » invalide"),
        ("name", "  ", "nom de l'aide vide"),
        ("url", "javascript:alert(1)", "lien « javascript:alert(1) » invalide"),
        ("targeted_audiences", {"commune": True}, "liste attendue"),
        ("loan_amount", "beaucoup", "nombre attendu"),
    ],
)
def test_bad_aid_in_api_json_is_refused_naming_aid_line_and_field(
    tmp_path, existing, field, value, expected
):
    aids = [api_aid("bonne"), api_aid("fautive", **{field: value}), api_aid("apres")]
    path = write_json(tmp_path / "aides.json", {"count": 3, "next": None, "results": aids})
    starts = [i for i, text in enumerate(path.read_text().splitlines(), 1) if text == "    {"]
    line = starts[1]  # the second aid of "results"

    message = fail(path)

    assert f"ligne {line}, aide « fautive », colonne « {field} »" in message
    assert expected in message
    assert {(s.slug, s.name, s.updated_at) for s in Scheme.objects.all()} == existing


def test_forced_format_that_does_not_fit_is_refused(tmp_path, existing):
    path = write_csv(tmp_path / "aides.csv", csv_row("ok"))
    message = fail(path, "--format", "json")
    assert "ligne 1" in message and "JSON invalide" in message


# --- The mappings file ----------------------------------------------------------------------


def test_mappings_cover_every_documented_audience_type_and_step():
    mappings = load_mappings()
    audiences = [
        "Communes",
        "Intercommunalités / Pays",
        "Départements",
        "Régions",
        "Collectivités d'outre-mer à statuts particuliers",
        "Associations",
        "Particuliers",
        "Agriculteurs",
        "Entreprises privées",
        "Entreprises publiques locales (Sem, Spl, SemOp)",
        "Établissements publics (écoles, bibliothèques…) / Services de l'État",
        "Recherche",
    ]
    assert mappings.beneficiaries(audiences) == [
        "commune",
        "epci",
        "association",
        "scic",
        "scop",
        "entreprise-ess",
    ]
    assert mappings.beneficiaries(["Particuliers", "Agriculteurs"]) == []
    assert mappings.kind(["Prêt"]) == "pret-garantie"
    assert mappings.kind(["technical-engineering"]) == "ingenierie"  # Symfony slug
    assert mappings.stages(["postop"]) == ["consolidation", "evaluation"]


def test_mapping_to_an_unknown_slug_is_refused_naming_the_entry(tmp_path):
    path = tmp_path / "mappings.yaml"
    path.write_text("audiences:\n  - label: Communes\n    to: [mairie]\n", encoding="utf-8")

    with pytest.raises(ImportFileError) as raised:
        load_mappings(path)

    assert "audiences n° 1 « Communes »" in str(raised.value)
    assert "colonne « to »" in str(raised.value) and "mairie" in str(raised.value)
