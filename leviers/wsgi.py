"""WSGI entry point. In production, the deployment checks must pass before serving."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leviers.settings")
application = get_wsgi_application()

from leviers.core.checks import refuse_unsafe_production  # noqa: E402

refuse_unsafe_production()

from leviers.core.memory import freeze_startup  # noqa: E402

# Last: what is loaded now lives as long as the worker; full garbage collections skip it.
freeze_startup()
