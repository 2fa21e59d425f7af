"""Error reports (the e-mail Django sends to ADMINS on a server error, the debug page) without
personal data: whatever a form posted under a name that holds a person's identity (an
address, a phone, a name, a contact, a one-time code) is masked, in every view, those of
django-allauth included (which masks only passwords). settings.DEFAULT_EXCEPTION_REPORTER_FILTER.
"""

import re

from django.views.debug import SafeExceptionReporterFilter

PERSONAL = re.compile(r"mail|phone|telephone|contact|name|nom|code|token|login", re.I)


class PersonalDataReporterFilter(SafeExceptionReporterFilter):
    def get_post_parameters(self, request):
        parameters = super().get_post_parameters(request)
        if request is None or not parameters:
            return parameters
        parameters = parameters.copy()
        for key in parameters:
            if PERSONAL.search(key):
                parameters[key] = self.cleansed_substitute
        return parameters
