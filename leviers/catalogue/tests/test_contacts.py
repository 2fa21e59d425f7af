"""Who to call: contact_for (pure), the loader's checks, and the shipped catalogue's contacts
for a commune of every region."""

import shutil
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from leviers.catalogue.contacts import (
    all_contacts,
    contact_for,
    perimeter_codes,
    validate_contacts,
    with_derived,
)
from leviers.catalogue.content import CONTENT_DIR
from leviers.catalogue.profiles import ProfileRequest, build_profile
from leviers.catalogue.snapshot import current_snapshot
from leviers.territories.models import Commune, Region

CREUSE = SimpleNamespace(commune_code="23138", epci_code=None, department="23", region="75")
SARTHE = SimpleNamespace(commune_code="72013", epci_code=None, department="72", region="52")
NETWORK = [
    {"name": "Annuaire national"},
    {"name": "Réseau Nouvelle-Aquitaine", "perimeter": {"regions": ["75"]}},
    {"name": "Réseau Pays de la Loire", "perimeter": {"regions": ["52"]}},
    {"name": "Opérateur Sarthe", "perimeter": {"departments": ["72"]}},
]


def names(contacts):
    return [c.name for c in contacts]


def test_the_most_local_contact_covering_the_territory_wins():
    assert names(contact_for(NETWORK, CREUSE, lambda s: ())) == ["Réseau Nouvelle-Aquitaine"]
    assert names(contact_for(NETWORK, SARTHE, lambda s: ())) == ["Opérateur Sarthe"]
    elsewhere = SimpleNamespace(commune_code="01001", epci_code=None, department="01", region="84")
    assert names(contact_for(NETWORK, elsewhere, lambda s: ())) == ["Annuaire national"]
    # Nothing covers it and no national contact: nobody, never another region's.
    local_only = NETWORK[1:]
    assert contact_for(local_only, elsewhere, lambda s: ()) == []


def test_references_bring_each_scheme_s_closest_contact_in_order():
    schemes = {"reseau": NETWORK, "autre": [{"name": "Autre national"}]}
    own = [{"name": "Porteur du projet"}, {"from": "reseau"}, {"from": "autre"}]
    found = contact_for(own, CREUSE, lambda slug: schemes[slug])
    assert names(found) == ["Porteur du projet", "Réseau Nouvelle-Aquitaine", "Autre national"]
    assert [c.scope for c in found] == ["national", "régional", "national"]


def test_a_contact_is_placed_by_its_perimeter_unless_its_name_says_it():
    contacts = [
        *NETWORK,
        {"name": "Réseau de l'Ouest", "perimeter": {"regions": ["53", "52"]}},
        {"name": "CRESS Provence Alpes Cote d'Azur", "perimeter": {"regions": ["93"]}},
        {"from": "cress"},
    ]
    assert perimeter_codes(contacts) == {"regions": {"75", "52", "53", "93"}, "departments": {"72"}}
    names = {
        "regions": {
            "75": "Nouvelle-Aquitaine",
            "52": "Pays de la Loire",
            "53": "Bretagne",
            "93": "Provence-Alpes-Côte d'Azur",
        },
        "departments": {"72": "Sarthe"},
    }
    found = {c.name: c.where for c in all_contacts(contacts, names)}
    assert found == {
        "Annuaire national": "national",
        "Réseau Nouvelle-Aquitaine": "régional",
        "Réseau Pays de la Loire": "régional",
        "Réseau de l'Ouest": "Bretagne et Pays de la Loire",
        "CRESS Provence Alpes Cote d'Azur": "régional",  # accents and hyphens aside
        "Opérateur Sarthe": "départemental",
    }
    # Without the referential's names: how local it is, as before.
    assert all_contacts(contacts)[-1].where == "départemental"
    assert {c.where for c in all_contacts(contacts, {})} == {
        "national",
        "régional",
        "départemental",
    }


def test_an_entry_without_its_own_contact_keeps_the_one_it_names():
    assert with_derived([], "Groupe SOS", "https://x.fr") == (
        {"name": "Groupe SOS", "url": "https://x.fr"},
    )
    assert with_derived([{"from": "cress"}], "Mairie") == ({"name": "Mairie"}, {"from": "cress"})
    assert with_derived([{"name": "Opérateur"}], "Mairie") == ({"name": "Opérateur"},)
    assert with_derived([], "  ") == ()


@pytest.mark.parametrize(
    ("contacts", "message"),
    [
        ({"name": "x"}, "une liste de contacts est attendue"),
        (["CRESS"], "contact n° 1 : une table est attendue"),
        ([{"name": "x", "telephone": "01"}], "champ inconnu « telephone »"),
        ([{"phone": "01"}], "« name » (nom de la structure) obligatoire"),
        ([{"name": "x", "url": "www.x.fr"}], "« url » doit commencer par http(s)://"),
        ([{"name": "x", "perimeter": {"regions": "52"}}], "périmètre"),
        ([{"name": "x", "perimeter": {"cantons": ["1"]}}], "clé inconnue « cantons »"),
        ([{"name": "x", "verification": "non-verifie"}], "« note » obligatoire"),
        ([{"name": "x"}], "une source lue est obligatoire"),
        ([{"from": "cress", "name": "x"}], "« from »"),
    ],
)
def test_bad_contacts_are_refused_in_french(contacts, message, db):
    with pytest.raises(ValueError) as error:
        validate_contacts(contacts, where="dispositif « essai »")
    assert message in str(error.value)
    assert "dispositif « essai »" in str(error.value)


def test_load_catalogue_names_the_file_and_the_field(tmp_path, catalogue):
    shutil.copytree(CONTENT_DIR, tmp_path / "content")
    lever = tmp_path / "content" / "levers" / "cafe-associatif.yaml"
    lever.write_text(lever.read_text().replace("- from: cress", "- from: cres"))
    with pytest.raises(CommandError) as error:
        call_command("load-catalogue", "--source", str(tmp_path / "content"))
    message = str(error.value)
    assert "cafe-associatif.yaml" in message and "contacts" in message
    assert "dispositif inconnu « cres »" in message
    cress = tmp_path / "content" / "schemes" / "cress.yaml"
    lever.write_text(lever.read_text().replace("- from: cres\n", "- from: cress\n"))
    cress.write_text(cress.read_text().replace("    - '84'", "    - '99'"))
    with pytest.raises(CommandError) as error:
        call_command("load-catalogue", "--source", str(tmp_path / "content"))
    assert "cress.yaml" in str(error.value) and "région de code « 99 » inconnue" in str(error.value)


def territory_of(commune_code: str):
    profile, _, _ = build_profile(ProfileRequest(commune=commune_code))
    return profile.territory


CRESS_OF_REGION = {
    "84": "CRESS Auvergne-Rhône-Alpes",
    "27": "CRESS Bourgogne-Franche-Comté",
    "53": "CRESS Bretagne",
    "24": "CRESS Centre-Val de Loire",
    "94": "CRESS de Corse",
    "44": "CRESS Grand Est",
    "32": "CRESS Hauts-de-France",
    "11": "CRESS Île-de-France",
    "28": "ESS France, en l'absence de CRESS en Normandie",
    "75": "CRESS Nouvelle-Aquitaine",
    "76": "CRESS Occitanie",
    "52": "CRESS des Pays de la Loire",
    "93": "CRESS Provence-Alpes-Côte d'Azur",
    "01": "CRESS Guadeloupe",
    "02": "CRESS Martinique",
    "03": "ESS France, pour la Guyane",
    "04": "CRESS de La Réunion",
    "06": "CRESS de Mayotte",
}
DLA_OPERATOR = {"72": "CEAS 72", "13": "France Active PACA", "65": "France Active MPA-Occitanie"}


@pytest.mark.django_db
def test_a_commune_of_every_region_gets_its_region_s_cress_and_its_department_s_dla(catalogue):
    catalogue_ = current_snapshot().catalogue
    schemes = {s.slug: s for s in catalogue_.schemes}
    cafe = next(lever for lever in catalogue_.levers if lever.slug == "cafe-associatif")
    assert set(CRESS_OF_REGION) <= set(Region.objects.values_list("code", flat=True))
    for region, cress in CRESS_OF_REGION.items():
        commune = Commune.objects.filter(region_id=region).order_by("code").first()
        territory = territory_of(commune.code)
        found = catalogue_.contacts_for(schemes["cress"], territory)
        assert names(found) == [cress], commune
        dla = catalogue_.contacts_for(schemes["dla"], territory)
        expected = DLA_OPERATOR.get(
            commune.department_id, "Annuaire national des DLA (info-dla.fr)"
        )
        assert names(dla) == [expected], commune
        # A lever names the region's CRESS then the department's DLA (or the directory).
        assert names(catalogue_.contacts_for(cafe, territory)) == [cress, expected]
    for department, operator in DLA_OPERATOR.items():
        commune = Commune.objects.filter(department_id=department).order_by("code").first()
        dla = catalogue_.contacts_for(schemes["dla"], territory_of(commune.code))
        assert names(dla) == [operator]


METROPOLITAN = ["84", "27", "53", "24", "94", "44", "32", "11", "28", "75", "76", "52", "93"]


@pytest.mark.django_db
def test_every_metropolitan_region_has_a_france_active_and_a_banque_des_territoires_contact(
    catalogue,
):
    catalogue_ = current_snapshot().catalogue
    schemes = {s.slug: s for s in catalogue_.schemes}
    for region in METROPOLITAN:
        for pick in ("code", "-code"):  # the first and the last commune of the region
            commune = Commune.objects.filter(region_id=region).order_by(pick).first()
            territory = territory_of(commune.code)
            (active,) = catalogue_.contacts_for(schemes["france-active-garantie"], territory)
            assert active.name.startswith("France Active") and active.is_local, commune
            assert active.verified or active.note, commune  # unread: it says what is missing
            # The « Pacte » offers refer to the same network: its operator, then the same one.
            pactes = catalogue_.contacts_for(schemes["france-active-pactes"], territory)
            assert names(pactes)[1:] == [active.name], commune
            (bank,) = catalogue_.contacts_for(
                schemes["banque-des-territoires-prets-secteur-public"], territory
            )
            assert bank.name.startswith("Banque des Territoires, direction régionale"), commune
            assert bank.scope == "régional", commune


@pytest.mark.django_db
def test_occitanie_has_two_france_active_associations_split_by_department(catalogue):
    catalogue_ = current_snapshot().catalogue
    garantie = next(s for s in catalogue_.schemes if s.slug == "france-active-garantie")

    def active_in(department):
        commune = Commune.objects.filter(department_id=department).order_by("code").first()
        return names(catalogue_.contacts_for(garantie, territory_of(commune.code)))

    assert active_in("34") == ["France Active Airdie"]  # Hérault, east
    assert active_in("31") == ["France Active MPA-Occitanie"]  # Haute-Garonne, west
    assert active_in("57") == ["France Active Lorraine"]  # Moselle
    # Grand Est outside Lorraine: the national directory for Alsace, which says so.
    commune = Commune.objects.filter(department_id="67").order_by("code").first()
    (alsace,) = catalogue_.contacts_for(garantie, territory_of(commune.code))
    assert not alsace.verified and "Lorraine" in alsace.note


@pytest.mark.django_db
def test_the_national_directory_says_the_department_s_operator_was_not_checked(catalogue):
    catalogue_ = current_snapshot().catalogue
    dla = next(s for s in catalogue_.schemes if s.slug == "dla")
    (directory,) = catalogue_.contacts_for(dla, territory_of("23138"))  # Moutier-d'Ahun, Creuse
    assert directory.url == "https://www.info-dla.fr"
    assert "n'a pas été vérifié" in directory.how


@pytest.mark.django_db
def test_every_metropolitan_region_has_two_experiences(catalogue):
    from collections import Counter

    from leviers.catalogue.models import Experience

    regions = Counter(
        e.commune.region_id if e.commune_id else e.department.region_id
        for e in Experience.objects.select_related("commune", "department")
    )
    metropolitan = ["84", "27", "53", "24", "94", "44", "32", "11", "28", "75", "76", "52", "93"]
    assert all(regions[code] >= 2 for code in metropolitan), regions


@pytest.mark.django_db
def test_the_admin_refuses_a_bad_contact_with_the_loader_s_message(admin_client, catalogue):
    from leviers.catalogue.models import Lever

    lever = Lever.objects.get(slug="cafe-associatif")
    url = f"/admin/catalogue/lever/{lever.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["contacts"] = '[{"name": "CRESS", "telephone": "01"}]'
    html = admin_client.post(url, data).content.decode()
    assert "champ inconnu « telephone »" in html
    lever.refresh_from_db()
    assert lever.contacts == [{"from": "cress"}, {"from": "dla"}]


@pytest.mark.django_db
def test_entry_pages_list_their_contacts_and_the_networks_they_refer_to(client, catalogue):
    html = client.get("/catalogue/dispositifs/cress/").content.decode()
    assert "Qui contacter" in html
    assert "CRESS Nouvelle-Aquitaine" in html and "CRESS des Pays de la Loire" in html
    assert "liquidation judiciaire le 11 juillet 2025" in html
    assert "Non vérifié" in html  # Grand Est: its page was not read
    html = client.get("/catalogue/leviers/cafe-associatif/").content.decode()
    assert 'href="/catalogue/dispositifs/cress/#contacts-title"' in html
    assert 'href="/catalogue/dispositifs/dla/#contacts-title"' in html


@pytest.mark.django_db
def test_the_scheme_page_names_the_places_of_contacts_whose_name_does_not(client, catalogue):
    html = client.get("/catalogue/dispositifs/france-active-garantie/").content.decode()
    meta = '</strong> <span class="meta">('
    assert f"France Active Franche-Comté{meta}Doubs, Jura, Haute-Saône et Territoire de" in html
    assert f"France Active Bretagne{meta}régional" in html
    html = client.get("/catalogue/dispositifs/banque-des-territoires-prets-secteur-public/")
    html = html.content.decode()
    assert f"direction régionale Réunion-océan Indien{meta}La Réunion et Mayotte" in html
