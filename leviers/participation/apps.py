from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "leviers.participation"
    verbose_name = "Participation des habitants"

    def ready(self):
        from leviers.accounts.signals import collect_personal_data, forget_user
        from leviers.participation import personal_data

        collect_personal_data.connect(personal_data._collect, dispatch_uid="participation-collect")
        forget_user.connect(personal_data._forget, dispatch_uid="participation-forget")
