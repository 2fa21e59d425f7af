from django.apps import AppConfig


def _may_see_outreach(user) -> bool:
    """The header's « Aller-vers »: for the teams' workers, when the module is on."""
    from django.conf import settings

    from leviers.accounts.permissions import works_in_outreach

    return settings.OUTREACH_ENABLED and works_in_outreach(user)


class OutreachConfig(AppConfig):
    name = "leviers.outreach"
    verbose_name = "Aller-vers"

    def ready(self):
        from leviers.core import navigation
        from leviers.outreach import personal_data

        personal_data.connect()
        navigation.register("Aller-vers", "outreach:home", predicate=_may_see_outreach, order=90)
