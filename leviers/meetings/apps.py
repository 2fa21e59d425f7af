from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "leviers.meetings"
    verbose_name = "Réunions, copil et décisions"

    def ready(self):
        from leviers.meetings import personal_data

        personal_data.connect()
