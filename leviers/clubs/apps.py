from django.apps import AppConfig


class ClubsConfig(AppConfig):
    name = "leviers.clubs"
    verbose_name = "Clubs de collectivités"

    def ready(self):
        from leviers.clubs import mentions, personal_data

        personal_data.connect()
        mentions.register()
