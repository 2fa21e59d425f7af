from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "leviers.core"
    verbose_name = "Socle"
    default = True

    def ready(self) -> None:
        from leviers.core import checks  # noqa: F401  (registers the system checks)


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, served by the site of `leviers.core.admin_site` (failed logins
    throttled). Named in INSTALLED_APPS in place of ``django.contrib.admin``."""

    default = False
    default_site = "leviers.core.admin_site.AdminSite"
