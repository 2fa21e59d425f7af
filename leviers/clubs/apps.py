from django.apps import AppConfig


class ClubsConfig(AppConfig):
    name = "leviers.clubs"
    verbose_name = "Clubs de collectivités"
