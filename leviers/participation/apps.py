from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "leviers.participation"
    verbose_name = "Participation des habitants"
