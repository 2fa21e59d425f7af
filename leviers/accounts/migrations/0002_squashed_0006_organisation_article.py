"""accounts 0002 to 0006 in one migration (decision 44): a new database runs this one, a database
that has applied some of them runs the rest of them. Their operations, each AddIndex and
AddConstraint moved into the CreateModel of its model, then Django's optimizer (which folds
AddField and AlterField into CreateModel); an AlterField that makes a field unique is left after
them, so that PostgreSQL names its constraint as before. CreateModel operations in a row are
grouped in one CreateModels (core/migration_operations.py), which renders their models once.

0001_initial (the user) stays apart: allauth's `account` migrations depend on the user model and
0004 depends on them, so one squash of 0001-0006 would be a cycle.

Data migrations kept: this squash also runs on a database made before the accounts app (the
`migrate` command records 0001 as applied, accounts/management/commands/migrate.py), whose users
and their content type are there already: `adopt_user_content_type` (0002) and
`record_addresses` (0004) are copied below. Left out: `give_memberships_a_public_id` (0003),
which filled the memberships already there, and there are none before this migration creates
their table."""

import django.db.models.deletion
import leviers.accounts.identifiers
import leviers.core.identifiers
import leviers.core.migration_operations
from django.conf import settings
from django.db import migrations, models


def adopt_user_content_type(apps, schema_editor):
    """A database made before the accounts app: its users' content type (admin history,
    permissions) becomes accounts.user instead of a second one being created."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="accounts", model="user").exists():
        ContentType.objects.filter(app_label="auth", model="user").update(app_label="accounts")


def record_addresses(apps, schema_editor):
    """Users made before sign-in by e-mail (the admin's staff, a database from before accounts)
    get their address in allauth's table, unverified: the first sign-in by code verifies it."""
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    known = set(EmailAddress.objects.values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        EmailAddress(user_id=user_id, email=email.strip().lower(), primary=True, verified=False)
        for user_id, email in User.objects.exclude(email="").values_list("id", "email")
        if user_id not in known
    )


class Migration(migrations.Migration):

    replaces = [('accounts', '0002_organisations'), ('accounts', '0003_memberships_invitations_networks'), ('accounts', '0004_email_addresses_of_existing_users'), ('accounts', '0005_outreach_roles'), ('accounts', '0006_organisation_article')]

    dependencies = [
        ('account', '0009_emailaddress_unique_primary_email'),
        ('accounts', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('territories', '0002_commune_outline'),
    ]

    operations = [
        migrations.RunPython(adopt_user_content_type, migrations.RunPython.noop),
        leviers.core.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name='Organisation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('name', models.CharField(max_length=200, verbose_name='nom')),
                        ('kind', models.CharField(choices=[('commune', 'Commune'), ('epci', 'Intercommunalité'), ('association', 'Association'), ('cooperative', 'Coopérative'), ('accompagnement', "Structure d'accompagnement"), ('reseau', 'Réseau'), ('autre', 'Autre')], max_length=20, verbose_name='nature')),
                        ('siren', models.CharField(blank=True, help_text="9 chiffres, sur l'avis de situation INSEE ou l'annuaire des entreprises.", max_length=9, validators=[leviers.accounts.identifiers.validate_siren], verbose_name='SIREN')),
                        ('rna', models.CharField(blank=True, help_text='Pour une association : W suivi de 9 chiffres (répertoire national des associations).', max_length=10, validators=[leviers.accounts.identifiers.validate_rna], verbose_name='numéro RNA')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='créée le')),
                        ('commune', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='organisation', to='territories.commune', verbose_name='commune')),
                        ('epci', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='organisation', to='territories.epci', verbose_name='intercommunalité')),
                        ('networks', models.ManyToManyField(blank=True, help_text="Réseaux et structures d'accompagnement dont les animateurs suivent cette organisation (ils la voient dans l'administration).", limit_choices_to={'kind__in': ['reseau', 'accompagnement']}, related_name='accompanied', to='accounts.organisation', verbose_name='accompagnée par')),
                        ('article', models.CharField(blank=True, choices=[('', 'Aucun (« Durtal »)'), ('le', 'le (« le RTES »)'), ('la', 'la (« la CRESS des Pays de la Loire »)'), ("l'", "l' (« l'IRESA »)"), ('les', 'les (« les Amis du café »)')], help_text='Dans une phrase : « Animé par la CRESS des Pays de la Loire ». Aucun pour un nom de commune ou un nom qui porte déjà son article.', max_length=3, verbose_name='article devant le nom')),
                    ],
                    options={
                        'verbose_name': 'organisation',
                        'verbose_name_plural': 'organisations',
                        'ordering': ['name'],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('kind', 'commune'), _negated=True), ('commune__isnull', False), _connector='OR'), name='commune_organisation_is_a_commune', violation_error_message='Une organisation de nature « commune » nomme sa commune.'), models.CheckConstraint(condition=models.Q(models.Q(('kind', 'epci'), _negated=True), ('epci__isnull', False), _connector='OR'), name='epci_organisation_is_an_epci', violation_error_message='Une intercommunalité nomme son EPCI.')],
                    },
                ),
                migrations.CreateModel(
                    name='Invitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('email', models.EmailField(max_length=254, verbose_name='adresse électronique')),
                        ('role', models.CharField(choices=[('admin', 'Administrateur'), ('membre', 'Membre'), ('animateur', 'Animateur'), ('intervenant', 'Intervenant'), ('coordinateur', 'Coordinateur')], default='membre', max_length=20, verbose_name='rôle')),
                        ('token_hash', models.CharField(editable=False, max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='envoyée le')),
                        ('expires_at', models.DateTimeField(verbose_name="valable jusqu'au")),
                        ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='acceptée le')),
                        ('accepted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='acceptée par')),
                        ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='invitée par')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='accounts.organisation')),
                    ],
                    options={
                        'verbose_name': 'invitation',
                        'verbose_name_plural': 'invitations',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Membership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('admin', 'Administrateur'), ('membre', 'Membre'), ('animateur', 'Animateur'), ('intervenant', 'Intervenant'), ('coordinateur', 'Coordinateur')], default='membre', max_length=20, verbose_name='rôle')),
                        ('is_active', models.BooleanField(default=True, verbose_name='active')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='depuis le')),
                        ('deactivated_at', models.DateTimeField(blank=True, null=True, verbose_name='désactivée le')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='accounts.organisation')),
                        ('public_id', models.CharField(editable=False, max_length=16, null=True)),
                    ],
                    options={
                        'verbose_name': 'appartenance',
                        'verbose_name_plural': 'appartenances',
                        'constraints': [models.UniqueConstraint(fields=('user', 'organisation'), name='one_membership')],
                    },
                ),
            ],
        ),
        migrations.AlterField(
            model_name='membership',
            name='public_id',
            field=models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True),
        ),
        migrations.RunPython(record_addresses, migrations.RunPython.noop),
    ]
