from django.apps import AppConfig


class ClubsConfig(AppConfig):
    name = "leviers.clubs"
    verbose_name = "Clubs de collectivités"

    def ready(self):
        from leviers.clubs import mentions, personal_data
        from leviers.core import navigation

        personal_data.connect()
        mentions.register()
        navigation.register("Clubs et rencontres", "clubs:list", order=20)

    def bootstrap(self, write) -> None:
        """A step of `leviers bootstrap` (journey), after the catalogue the example names: load
        the example club of Pays de la Loire once (its command says when it is already there)."""
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        call_command("charger-exemple-club", stdout=out)
        for line in out.getvalue().splitlines():
            write(line)
