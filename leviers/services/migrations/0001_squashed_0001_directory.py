"""services 0001_directory written again (decision 44): a new database runs this migration, a
database that has applied 0001_directory keeps it. Its operations, each AddIndex and
AddConstraint moved into the CreateModel of its model, then Django's optimizer (which folds
AddField and AlterField into CreateModel); an AlterField that makes a field unique is left after
them, so that PostgreSQL names its constraint as before. CreateModel operations in a row are
grouped in one CreateModels (core/migration_operations.py), which renders their models once.

It had no data migration."""

import django.db.models.deletion
import leviers.core.identifiers
import leviers.core.migration_operations
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('services', '0001_directory')]

    initial = True

    dependencies = [
        ('territories', '0002_commune_outline'),
    ]

    operations = [
        leviers.core.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name='Structure',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('source', models.CharField(default='leviers', max_length=100, verbose_name='source')),
                        ('di_id', models.CharField(blank=True, max_length=300, verbose_name='identifiant data·inclusion')),
                        ('name', models.CharField(max_length=150, verbose_name='nom')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('siret', models.CharField(blank=True, max_length=14, verbose_name='SIRET')),
                        ('postal_code', models.CharField(blank=True, max_length=5, verbose_name='code postal')),
                        ('address', models.CharField(blank=True, max_length=300, verbose_name='adresse')),
                        ('address_complement', models.CharField(blank=True, max_length=300, verbose_name="complément d'adresse")),
                        ('latitude', models.FloatField(blank=True, null=True)),
                        ('longitude', models.FloatField(blank=True, null=True)),
                        ('phone', models.CharField(blank=True, max_length=40, verbose_name='téléphone')),
                        ('email', models.EmailField(blank=True, max_length=200, verbose_name='courriel')),
                        ('website', models.URLField(blank=True, max_length=300, verbose_name='site internet')),
                        ('opening_hours', models.CharField(blank=True, help_text='Format OpenStreetMap.', max_length=300, verbose_name="horaires d'accueil")),
                        ('accessibility_url', models.URLField(blank=True, max_length=300, verbose_name='accessibilité (Acceslibre)')),
                        ('networks', models.JSONField(blank=True, default=list, verbose_name='réseaux porteurs')),
                        ('updated_on', models.DateField(blank=True, null=True, verbose_name='mise à jour chez la source')),
                        ('commune', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='structures', to='territories.commune', verbose_name='commune')),
                    ],
                    options={
                        'verbose_name': 'structure',
                        'ordering': ['name'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('di_id', ''), _negated=True), fields=('di_id',), name='services_structure_di_id')],
                    },
                ),
                migrations.CreateModel(
                    name='Service',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('source', models.CharField(default='leviers', max_length=100, verbose_name='source')),
                        ('di_id', models.CharField(blank=True, max_length=300, verbose_name='identifiant data·inclusion')),
                        ('name', models.CharField(max_length=150, verbose_name='nom')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('kind', models.CharField(blank=True, max_length=40, verbose_name='type de service')),
                        ('themes', models.JSONField(blank=True, default=list, verbose_name='thématiques')),
                        ('local_themes', models.JSONField(blank=True, default=list, verbose_name='thèmes personnes âgées')),
                        ('fees', models.CharField(blank=True, max_length=40, verbose_name='frais')),
                        ('fees_details', models.TextField(blank=True, verbose_name='précisions sur les frais')),
                        ('publics', models.JSONField(blank=True, default=list, verbose_name='publics')),
                        ('access_conditions', models.TextField(blank=True, verbose_name="conditions d'accès")),
                        ('postal_code', models.CharField(blank=True, max_length=5, verbose_name='code postal')),
                        ('address', models.CharField(blank=True, max_length=300, verbose_name='adresse')),
                        ('address_complement', models.CharField(blank=True, max_length=300, verbose_name="complément d'adresse")),
                        ('latitude', models.FloatField(blank=True, null=True)),
                        ('longitude', models.FloatField(blank=True, null=True)),
                        ('phone', models.CharField(blank=True, max_length=40, verbose_name='téléphone')),
                        ('email', models.EmailField(blank=True, max_length=200, verbose_name='courriel')),
                        ('contact_name', models.CharField(blank=True, max_length=200, verbose_name='contact')),
                        ('reception_modes', models.JSONField(blank=True, default=list, verbose_name="modes d'accueil")),
                        ('eligibility_zone', models.JSONField(blank=True, default=list, verbose_name="zone d'éligibilité")),
                        ('mobilisation_link', models.URLField(blank=True, max_length=500, verbose_name='lien de mobilisation')),
                        ('mobilisation_modes', models.JSONField(blank=True, default=list, verbose_name='modes de mobilisation')),
                        ('mobilisable_by', models.JSONField(blank=True, default=list, verbose_name='mobilisable par')),
                        ('mobilisation_details', models.TextField(blank=True, verbose_name='précisions sur la mobilisation')),
                        ('opening_hours', models.CharField(blank=True, help_text='Format OpenStreetMap.', max_length=300, verbose_name="horaires d'accueil")),
                        ('updated_on', models.DateField(blank=True, null=True, verbose_name='mise à jour chez la source')),
                        ('commune', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='services', to='territories.commune', verbose_name='commune')),
                        ('structure', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='services', to='services.structure', verbose_name='structure')),
                    ],
                    options={
                        'verbose_name': 'service',
                        'ordering': ['name'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('di_id', ''), _negated=True), fields=('di_id',), name='services_service_di_id')],
                    },
                ),
            ],
        ),
    ]
