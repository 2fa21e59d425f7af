"""training 0001_initial written again (decision 44): a new database runs this migration, a
database that has applied 0001_initial keeps it. Its operations, each AddIndex and
AddConstraint moved into the CreateModel of its model, then Django's optimizer (which folds
AddField and AlterField into CreateModel); an AlterField that makes a field unique is left after
them, so that PostgreSQL names its constraint as before. CreateModel operations in a row are
grouped in one CreateModels (core/migration_operations.py), which renders their models once.

It had no data migration."""

import django.db.models.deletion
import leviers.core.migration_operations
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('training', '0001_initial')]

    initial = True

    dependencies = [
        ('accounts', '__first__'),
    ]

    operations = [
        leviers.core.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name='Module',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=80, unique=True, verbose_name='identifiant')),
                        ('title', models.CharField(max_length=200, verbose_name='titre')),
                        ('summary', models.TextField(verbose_name='en une phrase')),
                        ('duration', models.CharField(blank=True, max_length=60, verbose_name='durée')),
                        ('readings', models.JSONField(default=list, verbose_name='lectures')),
                        ('resources', models.JSONField(default=list, verbose_name='ressources du catalogue')),
                        ('case', models.JSONField(default=dict, verbose_name='cas')),
                        ('questions', models.JSONField(default=list, verbose_name='auto-évaluation')),
                        ('sources', models.JSONField(default=list, verbose_name='sources')),
                        ('verification', models.CharField(default='verifie', max_length=20, verbose_name='vérification')),
                        ('verification_note', models.TextField(blank=True, verbose_name='note de vérification')),
                    ],
                    options={
                        'verbose_name': 'module de formation',
                        'verbose_name_plural': 'modules de formation',
                        'ordering': ['title'],
                    },
                ),
                migrations.CreateModel(
                    name='Path',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=80, unique=True, verbose_name='identifiant')),
                        ('title', models.CharField(max_length=200, verbose_name='titre')),
                        ('summary', models.TextField(verbose_name='présentation')),
                        ('audience', models.CharField(blank=True, max_length=200, verbose_name='pour qui')),
                    ],
                    options={
                        'verbose_name': 'parcours de formation',
                        'verbose_name_plural': 'parcours de formation',
                        'ordering': ['title'],
                    },
                ),
                migrations.CreateModel(
                    name='PathStep',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveSmallIntegerField(verbose_name='rang')),
                        ('when', models.CharField(blank=True, max_length=120, verbose_name='quand')),
                        ('module', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='steps', to='training.module')),
                        ('path', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='steps', to='training.path')),
                    ],
                    options={
                        'ordering': ['path', 'position'],
                        'constraints': [models.UniqueConstraint(fields=('path', 'position'), name='training_step_position_unique', violation_error_message='Deux modules ne peuvent pas avoir le même rang.'), models.UniqueConstraint(fields=('path', 'module'), name='training_step_module_unique', violation_error_message="Un module ne figure qu'une fois dans un parcours.")],
                    },
                ),
            ],
        ),
        migrations.AddField(
            model_name='path',
            name='modules',
            field=models.ManyToManyField(related_name='paths', through='training.PathStep', to='training.module'),
        ),
        migrations.CreateModel(
            name='Progress',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('read_on', models.DateTimeField(blank=True, null=True, verbose_name='lu le')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='tentatives')),
                ('best_score', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='meilleur score')),
                ('questions', models.PositiveSmallIntegerField(default=0, verbose_name='questions')),
                ('passed_on', models.DateTimeField(blank=True, null=True, verbose_name='réussi le')),
                ('module', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='progress', to='training.module')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='training_progress', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'progression',
                'verbose_name_plural': 'progressions',
                'indexes': [models.Index(fields=['module', 'user'], name='training_progress_module')],
                'constraints': [models.UniqueConstraint(fields=('user', 'module'), name='training_progress_unique', violation_error_message='Une seule progression par personne et par module.')],
            },
        ),
    ]
