"""WSGI entry point. In production, the deployment checks must pass before serving."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leviers.settings")
application = get_wsgi_application()

from leviers.core.checks import refuse_unsafe_production  # noqa: E402

refuse_unsafe_production()
