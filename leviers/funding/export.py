"""The funding plan as CSV (`financement-<projet>.csv`), for a spreadsheet or a funder's form.

Three parts in one file, each row starting with what it is: the budget lines, the
applications (one row per instalment, or one row when none is planned), and the totals by
year. Amounts are written with a decimal comma and no thousands separator (« 12500,50 »), as
a French spreadsheet reads them. Titles and names are typed by people: a cell a spreadsheet
would run as a formula is written inert, as the observatory's directory export does (OWASP).
"""

from __future__ import annotations

import csv
from decimal import Decimal

from leviers.core.csv_export import inert
from leviers.funding.plan import money
from leviers.funding.report import funder_of

COLUMNS = [
    "partie",
    "intitule",
    "nature_ou_financeur",
    "dispositif",
    "etat",
    "annee",
    "montant",
    "heures",
    "montant_demande",
    "montant_accorde",
    "recu_le",
]


def amount(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".replace(".", ",").removesuffix(",00")


def write_plan(out, context: dict) -> None:
    """`context`: report.plan_context(project)."""
    out.write("\ufeff")  # Excel reads UTF-8 with its BOM.
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)

    def row(*cells) -> None:
        writer.writerow([inert(str(cell)) for cell in cells])

    rate = context["volunteer_rate"]
    for line in context["lines"]:
        valued = money(line.hours * rate) if line.valued else None
        value = line.amount if line.kind != "benevolat" else valued
        hours = amount(line.hours) if line.kind == "benevolat" else ""
        row("budget", line.label, line.get_kind_display(), "", "", line.year, amount(value), hours)
    for application in context["applications"]:
        common = [
            "demande",
            application.title,
            funder_of(application),
            application.scheme_slug,
            application.get_status_display(),
        ]
        asked, granted = amount(application.amount_asked), amount(application.amount_granted)
        instalments = list(application.instalments.all())
        if not instalments:
            counted = amount(application.counted_amount)
            row(*common, application.year, counted, "", asked, granted, "")
        for instalment in instalments:
            received = instalment.received_on.isoformat() if instalment.received_on else ""
            row(*common, instalment.year, amount(instalment.amount), "", asked, granted, received)
    for year in context["totals"].years:
        for label, value in (
            ("budget", year.budget),
            ("acquis", year.secured),
            ("en attente", year.pending),
            ("en préparation", year.planned),
            ("reste à trouver", year.missing),
        ):
            row("total", label, "", "", "", year.year, amount(value))
