"""observatory 0001 to 0005 in one migration (decision 44): a new database runs this one, a database
that has applied some of them runs the rest of them. Their operations, each AddIndex and
AddConstraint moved into the CreateModel of its model, then Django's optimizer (which folds
AddField and AlterField into CreateModel); an AlterField that makes a field unique is left after
them, so that PostgreSQL names its constraint as before. CreateModel operations in a row are
grouped in one CreateModels (core/migration_operations.py), which renders their models once.

They had no data migration."""

import django.db.models.deletion
import django.db.models.functions.text
import leviers.core.migration_operations
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('observatory', '0001_initial'), ('observatory', '0002_establishment_position'), ('observatory', '0003_contribution'), ('observatory', '0004_ess_share_over_employers'), ('observatory', '0005_establishment_indexes_without_like')]

    initial = True

    dependencies = [
        ('accounts', '__first__'),
        ('territories', '0002_commune_outline'),
    ]

    operations = [
        leviers.core.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name='ActorProfile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('siret', models.CharField(blank=True, help_text='Établissement SIRENE décrit.', max_length=14, verbose_name='SIRET')),
                        ('rna', models.CharField(blank=True, help_text='Association sans SIRET (bénévole) : numéro du répertoire national (W…).', max_length=10, verbose_name='numéro RNA')),
                        ('name', models.CharField(blank=True, help_text='Obligatoire pour une association sans SIRET.', max_length=300, verbose_name='nom')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('contact', models.CharField(blank=True, max_length=300, verbose_name='contact')),
                        ('website', models.URLField(blank=True, max_length=300, verbose_name='site internet')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='mis à jour le')),
                        ('commune', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='ess_actor_profiles', to='territories.commune')),
                    ],
                    options={
                        'verbose_name': "fiche d'acteur",
                        'verbose_name_plural': "fiches d'acteurs",
                        'ordering': ['name', 'siret'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('rna', ''), ('siret', ''), _negated=True), name='actor_siret_or_rna', violation_error_message='Indiquez un SIRET ou un numéro RNA.'), models.UniqueConstraint(condition=models.Q(('siret', ''), _negated=True), fields=('siret',), name='actor_unique_siret', violation_error_message='Ce SIRET a déjà une fiche.'), models.UniqueConstraint(condition=models.Q(('rna', ''), _negated=True), fields=('rna',), name='actor_unique_rna', violation_error_message='Ce numéro RNA a déjà une fiche.'), models.CheckConstraint(condition=models.Q(('siret', ''), ('siret__regex', '^[0-9]{14}$'), _connector='OR'), name='actor_siret_format', violation_error_message='Le SIRET compte 14 chiffres.'), models.CheckConstraint(condition=models.Q(('rna', ''), ('rna__regex', '^W[0-9A-Z]{9}$'), _connector='OR'), name='actor_rna_format', violation_error_message="Le numéro RNA s'écrit W suivi de 9 caractères."), models.CheckConstraint(condition=models.Q(models.Q(('siret', ''), _negated=True), models.Q(models.Q(('name', ''), _negated=True), ('commune__isnull', False)), _connector='OR'), name='actor_rna_needs_name_and_commune', violation_error_message="Une association sans SIRET a besoin d'un nom et d'une commune.")],
                    },
                ),
                migrations.CreateModel(
                    name='ActorLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('partenariat', 'Partenariat'), ('mutualisation', 'Mutualisation'), ('fournisseur', 'Fournisseur'), ('meme_besoin', 'Même besoin ailleurs')], max_length=20, verbose_name='nature du lien')),
                        ('note', models.CharField(blank=True, max_length=300, verbose_name='précision')),
                        ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links_out', to='observatory.actorprofile', verbose_name='de')),
                        ('target', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links_in', to='observatory.actorprofile', verbose_name='vers')),
                    ],
                    options={
                        'verbose_name': 'lien entre acteurs',
                        'verbose_name_plural': 'liens entre acteurs',
                        'constraints': [models.UniqueConstraint(fields=('source', 'target', 'kind'), name='actor_link_unique', violation_error_message='Ce lien existe déjà.'), models.CheckConstraint(condition=models.Q(('source', models.F('target')), _negated=True), name='actor_link_not_self', violation_error_message='Un acteur ne se lie pas à lui-même.')],
                    },
                ),
                migrations.CreateModel(
                    name='Contribution',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('what', models.CharField(choices=[('fiche', 'Compléter une fiche'), ('association', 'Ajouter une association sans salarié')], max_length=12, verbose_name='nature')),
                        ('actor_key', models.CharField(help_text="L'acteur décrit ou ajouté.", max_length=14, verbose_name="SIRET ou RNA de l'acteur")),
                        ('proposed', models.JSONField(default=dict, verbose_name='valeurs proposées')),
                        ('submitted_at', models.DateTimeField(auto_now_add=True, verbose_name='proposée le')),
                        ('status', models.CharField(choices=[('en_attente', 'En attente'), ('acceptee', 'Acceptée'), ('refusee', 'Refusée')], default='en_attente', max_length=10, verbose_name='état')),
                        ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='relue le')),
                        ('commune', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ess_contributions', to='territories.commune')),
                        ('reviewer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='relue par')),
                    ],
                    options={
                        'verbose_name': "proposition d'un acteur",
                        'verbose_name_plural': 'propositions des acteurs',
                        'ordering': ['-submitted_at'],
                        'indexes': [models.Index(fields=['status', '-submitted_at'], name='contribution_status_date')],
                    },
                ),
                migrations.CreateModel(
                    name='CommuneEssStats',
                    fields=[
                        ('establishments', models.PositiveIntegerField(default=0, verbose_name="établissements de l'ESS")),
                        ('legal_units', models.PositiveIntegerField(default=0, verbose_name="unités légales de l'ESS")),
                        ('employer_establishments', models.PositiveIntegerField(default=0, verbose_name='établissements employeurs')),
                        ('headcount_low', models.PositiveIntegerField(default=0, verbose_name='effectif estimé, borne basse')),
                        ('headcount_high', models.PositiveIntegerField(default=0, verbose_name='effectif estimé, borne haute')),
                        ('headcount_unknown', models.PositiveIntegerField(default=0, verbose_name='établissements sans tranche')),
                        ('by_family', models.JSONField(default=dict, verbose_name='établissements par famille')),
                        ('by_section', models.JSONField(default=dict, verbose_name='établissements par section NAF')),
                        ('private_establishments', models.PositiveIntegerField(default=0, verbose_name='établissements privés actifs (tous secteurs)')),
                        ('commune', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='ess_stats', serialize=False, to='territories.commune')),
                        ('private_employer_establishments', models.PositiveIntegerField(default=0, verbose_name='établissements employeurs privés actifs')),
                    ],
                    options={
                        'verbose_name': "indicateurs ESS d'une commune",
                        'verbose_name_plural': 'indicateurs ESS des communes',
                    },
                ),
                migrations.CreateModel(
                    name='TerritoryEssStats',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('establishments', models.PositiveIntegerField(default=0, verbose_name="établissements de l'ESS")),
                        ('legal_units', models.PositiveIntegerField(default=0, verbose_name="unités légales de l'ESS")),
                        ('employer_establishments', models.PositiveIntegerField(default=0, verbose_name='établissements employeurs')),
                        ('headcount_low', models.PositiveIntegerField(default=0, verbose_name='effectif estimé, borne basse')),
                        ('headcount_high', models.PositiveIntegerField(default=0, verbose_name='effectif estimé, borne haute')),
                        ('headcount_unknown', models.PositiveIntegerField(default=0, verbose_name='établissements sans tranche')),
                        ('by_family', models.JSONField(default=dict, verbose_name='établissements par famille')),
                        ('by_section', models.JSONField(default=dict, verbose_name='établissements par section NAF')),
                        ('private_establishments', models.PositiveIntegerField(default=0, verbose_name='établissements privés actifs (tous secteurs)')),
                        ('level', models.CharField(choices=[('epci', 'EPCI'), ('department', 'Département'), ('region', 'Région'), ('france', 'France')], max_length=10, verbose_name='niveau')),
                        ('code', models.CharField(max_length=9, verbose_name='code')),
                        ('private_employer_establishments', models.PositiveIntegerField(default=0, verbose_name='établissements employeurs privés actifs')),
                    ],
                    options={
                        'verbose_name': "indicateurs ESS d'un territoire",
                        'verbose_name_plural': 'indicateurs ESS des territoires',
                        'constraints': [models.UniqueConstraint(fields=('level', 'code'), name='ess_stats_level_code', violation_error_message='Ce territoire a déjà ses indicateurs.')],
                    },
                ),
                migrations.CreateModel(
                    name='EssEstablishment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('siret', models.CharField(max_length=14, verbose_name='SIRET')),
                        ('siren', models.CharField(max_length=9, verbose_name='SIREN')),
                        ('name', models.CharField(max_length=300, verbose_name='dénomination')),
                        ('trade_name', models.CharField(blank=True, max_length=300, verbose_name="enseigne ou nom d'usage")),
                        ('address', models.CharField(blank=True, max_length=300, verbose_name='adresse')),
                        ('postal_code', models.CharField(blank=True, max_length=5, verbose_name='code postal')),
                        ('naf_code', models.CharField(blank=True, max_length=6, verbose_name='code NAF')),
                        ('naf_label', models.CharField(blank=True, max_length=200, verbose_name='activité (NAF)')),
                        ('naf_section', models.CharField(blank=True, max_length=1, verbose_name='section NAF')),
                        ('legal_category', models.CharField(blank=True, max_length=4, verbose_name='catégorie juridique')),
                        ('family', models.CharField(choices=[('association', 'Associations'), ('cooperative', 'Coopératives'), ('mutuelle', 'Mutuelles'), ('fondation', 'Fondations'), ('societe_commerciale', "Sociétés commerciales de l'ESS"), ('autre', "Autres organismes de l'ESS")], max_length=20, verbose_name="famille de l'ESS")),
                        ('ess_flag', models.BooleanField(verbose_name='marquée ESS dans SIRENE')),
                        ('ess_legal_category', models.BooleanField(verbose_name="catégorie juridique de l'ESS")),
                        ('headcount_band', models.CharField(blank=True, max_length=2, verbose_name="tranche d'effectif")),
                        ('employer', models.BooleanField(null=True, verbose_name='employeur')),
                        ('created_on', models.DateField(blank=True, null=True, verbose_name='date de création')),
                        ('head_office', models.BooleanField(default=False, verbose_name='siège')),
                        ('commune', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='ess_establishments', to='territories.commune')),
                        ('latitude', models.FloatField(blank=True, null=True, verbose_name='latitude')),
                        ('longitude', models.FloatField(blank=True, null=True, verbose_name='longitude')),
                    ],
                    options={
                        'verbose_name': "établissement de l'ESS",
                        'verbose_name_plural': "établissements de l'ESS",
                        'ordering': ['name', 'siret'],
                        'indexes': [models.Index(models.F('commune'), django.db.models.functions.text.Lower('name'), name='ess_estab_commune_name'), models.Index(fields=['siren'], name='ess_estab_siren')],
                        'constraints': [models.UniqueConstraint(fields=('siret',), name='ess_estab_unique_siret')],
                    },
                ),
            ],
        ),
    ]
