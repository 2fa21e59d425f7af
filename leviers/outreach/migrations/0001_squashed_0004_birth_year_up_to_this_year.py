"""outreach 0001 to 0004 in one migration (decision 44): a new database runs this one, a database
that has applied some of them runs the rest of them. Their operations, each AddIndex and
AddConstraint moved into the CreateModel of its model, then Django's optimizer (which folds
AddField and AlterField into CreateModel); an AlterField that makes a field unique is left after
them, so that PostgreSQL names its constraint as before. CreateModel operations in a row are
grouped in one CreateModels (core/migration_operations.py), which renders their models once.

They had no data migration."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import leviers.core.identifiers
import leviers.core.migration_operations
import leviers.outreach.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('outreach', '0001_initial'), ('outreach', '0002_access_log_roles'), ('outreach', '0003_access_log_keyset'), ('outreach', '0004_birth_year_up_to_this_year')]

    initial = True

    dependencies = [
        ('accounts', '0005_outreach_roles'),
        ('accounts', '__first__'),
        ('services', '0001_directory'),
        ('territories', '0002_commune_outline'),
    ]

    operations = [
        leviers.core.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name='Orientation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('service_label', models.CharField(blank=True, help_text="Le service vers qui orienter, s'il n'est pas dans l'annuaire.", max_length=200, verbose_name='service')),
                        ('theme', models.CharField(blank=True, max_length=40, verbose_name='thème')),
                        ('status', models.CharField(choices=[('proposee', 'Proposée'), ('acceptee', 'Acceptée par la personne'), ('transmise', 'Transmise'), ('prise-en-charge', 'Prise en charge'), ('refusee', 'Refusée'), ('sans-reponse', 'Sans réponse')], default='proposee', max_length=20, verbose_name='état')),
                        ('follow_up_on', models.DateField(blank=True, null=True, verbose_name='à relancer le')),
                        ('created_on', models.DateField(default=django.utils.timezone.localdate, editable=False)),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='services.service', verbose_name="service de l'annuaire")),
                    ],
                    options={
                        'verbose_name': 'orientation',
                        'ordering': ['-created_on', '-id'],
                        'indexes': [models.Index(fields=['status', 'follow_up_on'], name='outreach_orientation_due')],
                    },
                ),
                migrations.CreateModel(
                    name='OrientationChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('proposee', 'Proposée'), ('acceptee', 'Acceptée par la personne'), ('transmise', 'Transmise'), ('prise-en-charge', 'Prise en charge'), ('refusee', 'Refusée'), ('sans-reponse', 'Sans réponse')], max_length=20)),
                        ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('orientation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='outreach.orientation')),
                    ],
                    options={
                        'ordering': ['changed_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Person',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('label', models.CharField(help_text='Pas de nom complet : des initiales (M. D.) ou un pseudonyme.', max_length=40, verbose_name='initiales ou pseudonyme')),
                        ('birth_year', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1900), django.core.validators.MaxValueValidator(leviers.outreach.models.this_year)], verbose_name='année de naissance')),
                        ('lives_alone', models.BooleanField(blank=True, null=True, verbose_name='vit seule')),
                        ('preferred_contact', models.CharField(choices=[('visite', 'Par une visite'), ('telephone', 'Par téléphone'), ('courrier', 'Par courrier'), ('proche', 'Par un proche')], default='visite', max_length=20, verbose_name='comment la joindre')),
                        ('phone', models.CharField(blank=True, max_length=20, validators=[django.core.validators.RegexValidator('^\\+?[0-9 .-]{10,20}$', 'Écrivez un numéro de téléphone de 10 chiffres, par exemple 02 41 00 00 00.')], verbose_name='téléphone')),
                        ('referent_name', models.CharField(blank=True, help_text='Seulement si la personne le souhaite.', max_length=80, verbose_name='proche ou référent')),
                        ('referent_phone', models.CharField(blank=True, max_length=20, validators=[django.core.validators.RegexValidator('^\\+?[0-9 .-]{10,20}$', 'Écrivez un numéro de téléphone de 10 chiffres, par exemple 02 41 00 00 00.')], verbose_name='téléphone du proche')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('last_activity_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('anonymised_at', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('withdrawn_at', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('commune', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='territories.commune', verbose_name='commune')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='outreach_people', to='accounts.organisation')),
                    ],
                    options={
                        'verbose_name': 'personne accompagnée',
                        'verbose_name_plural': 'personnes accompagnées',
                        'ordering': ['-last_activity_at', 'id'],
                        'indexes': [models.Index(fields=['organisation', '-last_activity_at'], name='outreach_person_recent'), models.Index(fields=['anonymised_at', 'last_activity_at'], name='outreach_person_idle')],
                    },
                ),
            ],
        ),
        migrations.AddField(
            model_name='orientation',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='orientations', to='outreach.person'),
        ),
        leviers.core.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name='Consent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('scopes', models.JSONField(default=list, verbose_name='elle accepte')),
                        ('oral', models.BooleanField(default=True, verbose_name="donné à l'oral")),
                        ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('withdrawn_at', models.DateTimeField(blank=True, null=True)),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('withdrawn_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='consents', to='outreach.person')),
                    ],
                    options={
                        'verbose_name': 'consentement',
                        'ordering': ['-recorded_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Right',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('kind', models.CharField(choices=[('aspa', 'Minimum vieillesse (ASPA)'), ('css', 'Complémentaire santé solidaire'), ('aide_logement', 'Aide au logement'), ('apa', "Allocation personnalisée d'autonomie (APA)"), ('autre', 'Autre droit')], max_length=20, verbose_name='droit')),
                        ('other_label', models.CharField(blank=True, max_length=120, verbose_name='lequel')),
                        ('status', models.CharField(choices=[('identifie', 'Identifié'), ('demande', 'Demandé'), ('obtenu', 'Obtenu'), ('refuse', 'Refusé')], default='identifie', max_length=20, verbose_name='état')),
                        ('monthly_amount', models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='montant mensuel (€)')),
                        ('identified_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='identifié le')),
                        ('requested_on', models.DateField(blank=True, null=True, verbose_name='demandé le')),
                        ('decided_on', models.DateField(blank=True, null=True, verbose_name='décision le')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rights', to='outreach.person')),
                    ],
                    options={
                        'verbose_name': 'droit suivi',
                        'verbose_name_plural': 'droits suivis',
                        'ordering': ['identified_on', 'id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('kind', 'autre'), ('other_label', ''), _negated=True), name='outreach_right_other_has_label', violation_error_message='Pour un autre droit, écrivez lequel.')],
                    },
                ),
                migrations.CreateModel(
                    name='Visit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('visited_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='date de la visite')),
                        ('themes', models.JSONField(blank=True, default=list, verbose_name='situation')),
                        ('needs', models.CharField(blank=True, help_text='Ce dont la personne a besoin, sans détail médical.', max_length=500, verbose_name='besoins, en quelques mots')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='visits', to='outreach.person')),
                        ('worker', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='intervenant')),
                    ],
                    options={
                        'verbose_name': 'visite',
                        'ordering': ['-visited_on', '-id'],
                        'indexes': [models.Index(fields=['visited_on'], name='outreach_visit_date')],
                    },
                ),
                migrations.CreateModel(
                    name='AccessLog',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.CharField(choices=[('lecture', 'Lecture de la fiche'), ('export', 'Export des données'), ('suppression', 'Suppression des données'), ('role-donne', 'Rôle donné'), ('role-retire', 'Rôle retiré')], default='lecture', max_length=20)),
                        ('at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='outreach_access_log', to='accounts.organisation')),
                        ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('person', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='access_log', to='outreach.person')),
                        ('member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('role', models.CharField(blank=True, max_length=20)),
                    ],
                    options={
                        'verbose_name': 'accès à une fiche',
                        'ordering': ['-at', '-id'],
                        'indexes': [models.Index(fields=['organisation', '-at', '-id'], name='outreach_access_page')],
                    },
                ),
            ],
        ),
    ]
