"""The statistics' pure core: periods, small cells written « < 5 », amounts hidden under the
threshold."""

from datetime import date
from decimal import Decimal

from leviers.outreach import stats

THEMES = {"portage-de-repas": "Portage de repas", "isolement": "Isolement"}
STATUSES = {"prise-en-charge": "Prise en charge", "refusee": "Refusée"}
# The communes by INSEE code, as the table names them.
COMMUNES = {"Durtal": "Durtal", "Pommerieux": "Pommerieux"}


def _quarter(day):
    return day.year, (day.month - 1) // 3 + 1


def _build(visits=(), orientations=(), rights=(), by=stats.QUARTER, min_cell=5):
    """One group per visit, orientation or right (the database would group them)."""
    return stats.build(
        [(c, *_quarter(day), 1, dict.fromkeys(set(themes), 1)) for c, day, themes in visits],
        [(c, *_quarter(day), status, 1) for c, day, status in orientations],
        [(c, *_quarter(day), 1, amount) for c, day, amount in rights],
        by=by,
        min_cell=min_cell,
        communes=COMMUNES,
        theme_labels=THEMES,
        status_labels=STATUSES,
    )


def test_a_date_falls_in_its_quarter_or_year():
    assert stats.period(date(2026, 4, 1), stats.QUARTER) == "2026 T2"
    assert stats.period(date(2026, 12, 31), stats.QUARTER) == "2026 T4"
    assert stats.period(date(2026, 4, 1), stats.YEAR) == "2026"


def test_counts_below_the_threshold_are_never_written():
    visits = [("Durtal", date(2026, 1, 5), ["isolement"])] * 6
    visits += [("Pommerieux", date(2026, 2, 5), ["isolement"])] * 4
    table = _build(visits)
    rows = {row[0]: dict(zip(table.header, row, strict=True)) for row in table.rows}
    assert rows["Durtal"]["Visites"] == "6"
    assert rows["Durtal"]["Besoins : Isolement"] == "6"
    assert rows["Pommerieux"]["Visites"] == "< 5"
    assert "4" not in table.rows[1][2:]


def test_a_themes_column_appears_only_when_someone_needed_it():
    table = _build([("Durtal", date(2026, 1, 5), ["isolement"])])
    assert "Besoins : Isolement" in table.header
    assert "Besoins : Portage de repas" not in table.header


def test_the_total_amount_is_hidden_when_few_rights_were_obtained():
    rights = [("Durtal", date(2026, 3, 1), Decimal("100.50"))] * 5
    rights += [("Pommerieux", date(2026, 3, 1), Decimal("300"))] * 2
    table = _build(rights=rights, by=stats.YEAR)
    rows = {row[0]: row for row in table.rows}
    assert rows["Durtal"][-2:] == ["5", "502.50"]
    assert rows["Pommerieux"][-2:] == ["< 5", "< 5 droits"]


def test_outcomes_are_counted_by_status():
    orientations = [("Durtal", date(2026, 5, 1), "prise-en-charge")] * 7
    table = _build(orientations=orientations)
    row = dict(zip(table.header, table.rows[0], strict=True))
    assert row["Orientations : Prise en charge"] == "7"
    assert row["Orientations : Refusée"] == "< 5"


def test_groups_of_one_commune_and_period_add_up():
    table = stats.build(
        [("Durtal", 2026, 1, 3, {"isolement": 3}), ("Durtal", 2026, 2, 4, {"isolement": 2})],
        [],
        [],
        by=stats.YEAR,
        min_cell=5,
        communes=COMMUNES,
        theme_labels=THEMES,
        status_labels=STATUSES,
    )
    assert table.rows == [["Durtal", "2026", "7", "5", "< 5", "< 5", "< 5", "< 5 droits"]]


def test_two_communes_of_the_same_name_are_two_rows_named_with_their_department():
    visits = [("93066", 2026, 1, 6, {}), ("97411", 2026, 1, 7, {}), ("49127", 2026, 1, 8, {})]
    communes = stats.commune_labels(
        [
            ("93066", "Saint-Denis", "Seine-Saint-Denis"),
            ("97411", "Saint-Denis", "La Réunion"),
            ("49127", "Durtal", "Maine-et-Loire"),
        ]
    )
    table = stats.build(
        visits,
        [],
        [],
        by=stats.YEAR,
        min_cell=5,
        communes=communes,
        theme_labels=THEMES,
        status_labels=STATUSES,
    )
    assert [row[:3] for row in table.rows] == [
        ["Durtal", "2026", "8"],
        ["Saint-Denis (La Réunion)", "2026", "7"],
        ["Saint-Denis (Seine-Saint-Denis)", "2026", "6"],
    ]


def test_two_communes_of_the_same_name_and_department_are_told_apart_by_their_code():
    labels = stats.commune_labels(
        [("01001", "Le Bourg", "Ain"), ("01002", "Le Bourg", "Ain"), ("01003", "Brénod", "Ain")]
    )
    assert labels == {
        "01001": "Le Bourg (Ain, 01001)",
        "01002": "Le Bourg (Ain, 01002)",
        "01003": "Brénod",
    }


def test_the_table_fragment_escapes_what_it_shows():
    from django.template.loader import render_to_string

    table = stats.Table(["Commune", "Visites"], [["<b>Durtal</b>", "< 5"]])
    html = render_to_string("outreach/_stats_table.html", {"table": table}, using="jinja2")
    assert '<th scope="row">&lt;b&gt;Durtal&lt;/b&gt;</th><td>&lt; 5</td>' in html
