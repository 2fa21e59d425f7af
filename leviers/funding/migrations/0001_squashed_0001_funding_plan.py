"""funding 0001_funding_plan written again (decision 44): a new database runs this migration, a
database that has applied 0001_funding_plan keeps it. Its operations, each AddIndex and
AddConstraint moved into the CreateModel of its model, then Django's optimizer (which folds
AddField and AlterField into CreateModel); an AlterField that makes a field unique is left after
them, so that PostgreSQL names its constraint as before. CreateModel operations in a row are
grouped in one CreateModels (core/migration_operations.py), which renders their models once.

It had no data migration."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import leviers.core.identifiers
import leviers.core.migration_operations
import leviers.funding.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('funding', '0001_funding_plan')]

    initial = True

    dependencies = [
        ('accounts', '__first__'),
        ('workspace', '0003_project_workspace'),
    ]

    operations = [
        leviers.core.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name='Application',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('title', models.CharField(help_text='Par exemple : rénovation du local.', max_length=200, verbose_name='objet de la demande')),
                        ('scheme_slug', models.SlugField(blank=True, max_length=120, verbose_name='dispositif du catalogue')),
                        ('funder', models.CharField(blank=True, help_text='Par exemple : Fondation de France, conseil départemental.', max_length=200, verbose_name='financeur')),
                        ('amount_asked', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(0)], verbose_name='montant demandé (€)')),
                        ('amount_granted', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='montant accordé (€)')),
                        ('year', models.PositiveSmallIntegerField(default=leviers.funding.models.this_year, help_text="L'année où compter l'aide quand aucun versement n'est prévu.", validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='année')),
                        ('status', models.CharField(choices=[('a-preparer', 'À préparer'), ('depose', 'Déposé'), ('en-instruction', 'En instruction'), ('accorde', 'Accordé'), ('refuse', 'Refusé'), ('verse', 'Versé'), ('solde', 'Soldé')], default='a-preparer', max_length=20, verbose_name='état')),
                        ('status_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='depuis le')),
                        ('notes', models.TextField(blank=True, verbose_name='notes')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('updated_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='funding_applications', to='workspace.project')),
                    ],
                    options={
                        'verbose_name': 'demande de financement',
                        'verbose_name_plural': 'demandes de financement',
                        'ordering': ['year', 'title', 'id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('funder', ''), ('scheme_slug', ''), _negated=True), name='funding_application_has_funder', violation_error_message='Choisissez un dispositif du catalogue ou nommez le financeur.')],
                    },
                ),
                migrations.CreateModel(
                    name='BudgetLine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('kind', models.CharField(choices=[('depense', 'Dépense'), ('fonds-propres', 'Fonds propres'), ('benevolat', 'Bénévolat (heures)')], default='depense', max_length=20, verbose_name='nature')),
                        ('label', models.CharField(help_text='Par exemple : travaux du local, mobilier.', max_length=200, verbose_name='intitulé')),
                        ('year', models.PositiveSmallIntegerField(default=leviers.funding.models.this_year, validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='année')),
                        ('amount', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=12, validators=[django.core.validators.MinValueValidator(0)], verbose_name='montant (€)')),
                        ('hours', models.DecimalField(decimal_places=1, default=Decimal('0'), max_digits=8, validators=[django.core.validators.MinValueValidator(0)], verbose_name='heures de bénévolat')),
                        ('valued', models.BooleanField(default=False, help_text='Au taux horaire réglé pour le site (le SMIC horaire brut par défaut).', verbose_name='valoriser ces heures dans le budget')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='budget_lines', to='workspace.project')),
                    ],
                    options={
                        'verbose_name': 'ligne du budget',
                        'verbose_name_plural': 'lignes du budget',
                        'ordering': ['year', 'kind', 'label', 'id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('amount__gte', 0), ('hours__gte', 0)), name='funding_budgetline_not_negative', violation_error_message="Un montant ou un nombre d'heures ne peut être négatif.")],
                    },
                ),
                migrations.CreateModel(
                    name='Deadline',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('label', models.CharField(help_text='Par exemple : dépôt du dossier complet.', max_length=200, verbose_name='échéance')),
                        ('due_on', models.DateField(verbose_name='pour le')),
                        ('done_on', models.DateField(blank=True, null=True, verbose_name='faite le')),
                        ('reminded_lead', models.PositiveSmallIntegerField(blank=True, editable=False, null=True)),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deadlines', to='funding.application')),
                    ],
                    options={
                        'verbose_name': 'échéance',
                        'ordering': ['due_on', 'id'],
                        'indexes': [models.Index(fields=['done_on', 'due_on'], name='funding_deadline_open_due')],
                    },
                ),
                migrations.CreateModel(
                    name='Document',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('name', models.CharField(help_text='Par exemple : délibération du conseil municipal.', max_length=200, verbose_name='pièce')),
                        ('state', models.CharField(choices=[('a-rassembler', 'À rassembler'), ('pret', 'Prêt'), ('transmis', 'Transmis')], default='a-rassembler', max_length=20, verbose_name='état')),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='funding.application')),
                    ],
                    options={
                        'verbose_name': 'pièce du dossier',
                        'verbose_name_plural': 'pièces du dossier',
                        'ordering': ['id'],
                    },
                ),
                migrations.CreateModel(
                    name='Instalment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='année')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(0)], verbose_name='montant (€)')),
                        ('received_on', models.DateField(blank=True, null=True, verbose_name='reçu le')),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='instalments', to='funding.application')),
                    ],
                    options={
                        'verbose_name': 'versement',
                        'ordering': ['year', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='StatusChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('a-preparer', 'À préparer'), ('depose', 'Déposé'), ('en-instruction', 'En instruction'), ('accorde', 'Accordé'), ('refuse', 'Refusé'), ('verse', 'Versé'), ('solde', 'Soldé')], max_length=20, verbose_name='état')),
                        ('changed_on', models.DateField(verbose_name='le')),
                        ('note', models.CharField(blank=True, max_length=300, verbose_name='précision')),
                        ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='history', to='funding.application')),
                        ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='par')),
                    ],
                    options={
                        'verbose_name': "changement d'état",
                        'ordering': ['changed_on', 'recorded_at', 'id'],
                    },
                ),
            ],
        ),
    ]
