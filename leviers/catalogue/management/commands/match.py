import json

from django.core.management.base import BaseCommand
from django.utils.datastructures import MultiValueDict

from leviers.catalogue import vocabulary
from leviers.catalogue.matching import as_dict
from leviers.catalogue.profiles import ProfileError, read_situation
from leviers.catalogue.service import run_match

SYMBOLS = {True: "✔", False: "✘", None: "?"}


class Command(BaseCommand):
    help = (
        "Leviers, retours d'expérience et dispositifs adaptés à un territoire et à un projet, "
        "avec la raison de chaque verdict. Exemple : leviers match --commune 53180 "
        "--porteur commune --etape emergence --besoin commerce"
    )

    def add_arguments(self, parser):
        parser.add_argument("--commune", default="", help="Code INSEE de la commune (53180).")
        parser.add_argument("--epci", default="", help="SIREN de l'intercommunalité.")
        parser.add_argument(
            "--porteur",
            default="",
            help=f"Qui porte le projet : {', '.join(vocabulary.BENEFICIARIES)}.",
        )
        parser.add_argument(
            "--etape", default="", help=f"Étape du projet : {', '.join(vocabulary.STAGES)}."
        )
        parser.add_argument(
            "--besoin",
            action="append",
            default=[],
            help=f"Besoin (répétable) : {', '.join(vocabulary.NEEDS)}.",
        )
        parser.add_argument("--texte", default="", help="Description libre du projet.")
        parser.add_argument(
            "--reponse",
            action="append",
            default=[],
            help="Réponse à une question (répétable) : identifiant=oui ou identifiant=non.",
        )
        parser.add_argument("--format", choices=["texte", "json"], default="texte")

    def handle(self, *args, **options):
        # The same parameters, limits and errors as the pages and the API.
        params = MultiValueDict(
            {name: [options[name]] for name in ("commune", "epci", "porteur", "etape", "texte")}
            | {"besoin": options["besoin"], "reponse": options["reponse"]}
        )
        try:
            result, territory = run_match(read_situation(params))
        except ProfileError as error:
            self.stderr.write(f"Erreur : {error}")
            raise SystemExit(2) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(as_dict(result, territory), ensure_ascii=False, indent=2))
            return
        self._print(result, territory)

    def _print(self, result, territory):
        place = territory["commune"] or territory["epci"]
        self.stdout.write(self.style.MIGRATE_HEADING(f"Territoire : {place['name']}"))
        self.stdout.write(self.style.MIGRATE_HEADING("\nLeviers"))
        for ranked in result.levers[:8]:
            self.stdout.write(f"- {ranked.item.name}")
            for reason in ranked.reasons:
                self.stdout.write(f"    {reason}")
        self.stdout.write(self.style.MIGRATE_HEADING("\nRetours d'expérience"))
        for ranked in result.experiences[:5]:
            self.stdout.write(f"- {ranked.item.name} ({ranked.item.place})")
            for reason in ranked.reasons:
                self.stdout.write(f"    {reason}")
        for group in result.schemes_by_verdict().values():
            if not group:
                continue
            self.stdout.write(
                self.style.MIGRATE_HEADING(f"\nDispositifs — {group[0].verdict.label}")
            )
            for ranked in group:
                self.stdout.write(f"- {ranked.item.name} ({ranked.item.operator})")
                for reason in ranked.verdict.reasons:
                    self.stdout.write(f"    {SYMBOLS[reason.met]} {reason.text}")
                    for detail in reason.details:
                        self.stdout.write(f"        {SYMBOLS[detail.met]} {detail.text}")
                for reason in ranked.reasons:
                    self.stdout.write(f"    · {reason}")
        if result.questions:
            self.stdout.write(
                self.style.MIGRATE_HEADING("\nQuestions qui préciseraient les verdicts")
            )
            for question, count in result.questions:
                self.stdout.write(
                    f"- {question.text} (--reponse {question.id}=oui|non ; {count} dispositif(s))"
                )
