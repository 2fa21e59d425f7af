"""The shape every import command shares: progress, French errors, final counts.

Each command adds the options it reads: most take one file (`add_source_argument`), some an
encoding (`add_encoding_argument`) or a vintage (`add_vintage_argument`).

Every importer writes in one transaction, so an import stopped by Ctrl-C changed nothing: the
command says so in French and exits with an error, without a traceback.
"""

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from leviers.core.importing.files import ImportFileError
from leviers.core.importing.writing import Counts

INTERRUPTED = (
    "Import interrompu (Ctrl-C) avant sa fin : rien n'a été modifié, l'import s'écrivant en une "
    "seule transaction. Relancez la commande pour importer."
)


@contextmanager
def noting_interrupts() -> Iterator[list[int]]:
    """A list that receives the signal when Ctrl-C is pressed inside the block, even where a
    library turns the KeyboardInterrupt into its own error (DuckDB raises RuntimeError("Query
    interrupted")). Ctrl-C still interrupts as before."""
    noted: list[int] = []
    previous = signal.getsignal(signal.SIGINT)
    if (
        threading.current_thread() is not threading.main_thread()
        or previous is not signal.default_int_handler
    ):
        yield noted
        return

    def note(signum, frame):
        noted.append(signum)
        signal.default_int_handler(signum, frame)

    signal.signal(signal.SIGINT, note)
    try:
        yield noted
    finally:
        signal.signal(signal.SIGINT, previous)


class ImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument(
            "--progression",
            dest="progress",
            action="store_true",
            default=None,
            help="Affiche la barre de progression même hors d'un terminal.",
        )

    @staticmethod
    def add_source_argument(parser, *, required: bool = True) -> None:
        parser.add_argument(
            "--source",
            required=required,
            help="Chemin du fichier à importer, ou adresse http(s) de la publication officielle.",
        )

    @staticmethod
    def add_encoding_argument(parser) -> None:
        parser.add_argument(
            "--encodage",
            dest="encoding",
            default="utf-8",
            help="Encodage du fichier CSV (par défaut utf-8 ; par exemple cp1252).",
        )

    @staticmethod
    def add_vintage_argument(
        parser, help: str = "Millésime affiché à côté des données (par défaut : déduit du fichier)."
    ) -> None:
        parser.add_argument("--millesime", dest="vintage", help=help)

    def run_import(self, source, **options) -> Counts:
        raise NotImplementedError

    def handle(self, *args, source=None, **options):
        with noting_interrupts() as interrupted:
            try:
                counts = self.run_import(source, **options)
            except KeyboardInterrupt:
                raise CommandError(INTERRUPTED) from None
            except ImportFileError as error:
                if interrupted:
                    raise CommandError(INTERRUPTED) from None
                raise CommandError(f"{error}\nRien n'a été modifié.") from None
            except Exception:
                if interrupted:
                    raise CommandError(INTERRUPTED) from None
                raise
        for reason in counts.rejections[:20]:
            self.stderr.write(f"rejeté : {reason}")
        if len(counts.rejections) > 20:
            self.stderr.write(f"… et {len(counts.rejections) - 20} autres rejets.")
        for note in getattr(counts, "notes", []):
            self.stdout.write(note)
        self.stdout.write(self.style.SUCCESS(f"Import terminé : {counts}"))
