"""Users made before sign-in by e-mail (the admin's staff, a database from before accounts) get
their address in allauth's table, unverified: the first sign-in by code verifies it."""

from django.db import migrations


def record_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    known = set(EmailAddress.objects.values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        EmailAddress(user_id=user_id, email=email.strip().lower(), primary=True, verified=False)
        for user_id, email in User.objects.exclude(email="").values_list("id", "email")
        if user_id not in known
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_memberships_invitations_networks"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(record_addresses, migrations.RunPython.noop)]
