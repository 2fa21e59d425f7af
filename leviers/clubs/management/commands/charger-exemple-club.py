"""`leviers charger-exemple-club`: the example shipped with Leviers (leviers/clubs/content/),
the Pays de la Loire club and its Durtal meeting of 11 September 2025. A second run finds it
loaded and changes nothing; `leviers bootstrap` runs it."""

from django.core.management.base import BaseCommand, CommandError

from leviers.clubs.example import ExampleError, load_example


class Command(BaseCommand):
    help = "Charge l'exemple livré : le club des Pays de la Loire et sa rencontre de Durtal."

    def handle(self, *args, **options):
        try:
            counts = load_example()
        except ExampleError as error:
            raise CommandError(f"{error}\nRien n'a été modifié.") from None
        self.stdout.write(counts)
