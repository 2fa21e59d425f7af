"""workspace 0001 to 0003 in one migration (decision 44): a new database runs this one, a database
that has applied some of them runs the rest of them. Their operations, each AddIndex and
AddConstraint moved into the CreateModel of its model, then Django's optimizer (which folds
AddField and AlterField into CreateModel); an AlterField that makes a field unique is left after
them, so that PostgreSQL names its constraint as before. CreateModel operations in a row are
grouped in one CreateModels (core/migration_operations.py), which renders their models once.

They had no data migration."""

import django.db.models.deletion
import django.utils.timezone
import leviers.core.identifiers
import leviers.core.migration_operations
import leviers.workspace.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('workspace', '0001_initial'), ('workspace', '0002_activity'), ('workspace', '0003_project_workspace')]

    initial = True

    dependencies = [
        ('accounts', '0002_organisations'),
        ('accounts', '__first__'),
        ('catalogue', '0002_experience_in_a_department'),
        ('journey', '0002_tables_of_the_projects_app'),
        ('territories', '0002_commune_outline'),
    ]

    operations = [
        leviers.core.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name='Project',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('title', models.CharField(max_length=200, verbose_name='titre')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('stage', models.CharField(choices=[('idee', 'Idée'), ('etude', 'Étude'), ('montage', 'Montage'), ('lancement', 'Lancement'), ('fonctionnement', 'Fonctionnement')], default='idee', max_length=20, verbose_name='étape')),
                        ('is_public', models.BooleanField(default=True, help_text='Les habitants voient la page du projet.', verbose_name='page publique')),
                        ('anonymous_contributions', models.BooleanField(default=False, help_text='Un habitant peut contribuer sans créer de compte.', verbose_name='contributions sans compte')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='créé le')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='modifié le')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('commune', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='territories.commune')),
                        ('epci', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='territories.epci')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='accounts.organisation', verbose_name='organisation porteuse')),
                        ('answers', models.JSONField(blank=True, default=dict, verbose_name='réponses aux questions')),
                        ('beneficiary', models.CharField(blank=True, max_length=40, verbose_name='porteur')),
                        ('levers', models.ManyToManyField(blank=True, related_name='projects', to='catalogue.lever', verbose_name='leviers')),
                        ('needs', models.JSONField(blank=True, default=list, verbose_name='besoins')),
                        ('roadmap', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='projects', to='journey.roadmap', verbose_name="feuille de route d'origine")),
                        ('schemes', models.ManyToManyField(blank=True, related_name='projects', to='catalogue.scheme', verbose_name='dispositifs')),
                    ],
                    options={
                        'verbose_name': 'projet',
                        'verbose_name_plural': 'projets',
                        'ordering': ['-created_at'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('commune__isnull', False), ('epci__isnull', False), _connector='OR'), name='project_has_a_territory', violation_error_message='Un projet porte sur une commune ou un EPCI.')],
                    },
                ),
                migrations.CreateModel(
                    name='Partner',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('copilote', 'Co-pilote'), ('partenaire', 'Partenaire')], default='copilote', max_length=20, verbose_name='rôle')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='partnerships', to='accounts.organisation')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='partners', to='workspace.project')),
                    ],
                    options={
                        'verbose_name': 'organisation partenaire',
                        'verbose_name_plural': 'organisations partenaires',
                        'constraints': [models.UniqueConstraint(fields=('project', 'organisation'), name='one_partnership')],
                    },
                ),
                migrations.CreateModel(
                    name='Activity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('project', 'La vie du projet : étape, partenaires, équipe, réglages'), ('contribution', 'Les contributions des habitants'), ('proposal', 'Les propositions'), ('meeting', 'Les réunions'), ('decision', 'Les décisions'), ('copil', 'Le comité de pilotage')], max_length=20, verbose_name='nature')),
                        ('text', models.CharField(max_length=300, verbose_name="ce qui s'est passé")),
                        ('url', models.CharField(max_length=500, verbose_name='adresse')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='le')),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='par')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='activities', to='workspace.project')),
                    ],
                    options={
                        'verbose_name': 'activité',
                        'verbose_name_plural': 'activités',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['project', '-created_at'], name='activity_of_project')],
                    },
                ),
                migrations.CreateModel(
                    name='NotificationPreference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('frequency', models.CharField(choices=[('quotidien', "Un résumé par jour (s'il s'est passé quelque chose)"), ('hebdomadaire', 'Un résumé par semaine'), ('jamais', 'Aucun courriel')], default='quotidien', max_length=20, verbose_name='fréquence')),
                        ('kinds', models.JSONField(blank=True, default=leviers.workspace.models.every_activity_kind, verbose_name='ce que je reçois')),
                        ('last_sent_at', models.DateTimeField(blank=True, null=True, verbose_name='dernier résumé envoyé le')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notification_preference', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'préférence de notification',
                        'verbose_name_plural': 'préférences de notification',
                    },
                ),
                migrations.CreateModel(
                    name='StageChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('from_stage', models.CharField(choices=[('idee', 'Idée'), ('etude', 'Étude'), ('montage', 'Montage'), ('lancement', 'Lancement'), ('fonctionnement', 'Fonctionnement')], max_length=20, verbose_name='étape quittée')),
                        ('to_stage', models.CharField(choices=[('idee', 'Idée'), ('etude', 'Étude'), ('montage', 'Montage'), ('lancement', 'Lancement'), ('fonctionnement', 'Fonctionnement')], max_length=20, verbose_name='nouvelle étape')),
                        ('note', models.CharField(blank=True, max_length=300, verbose_name='pourquoi')),
                        ('changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='le')),
                        ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='par')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stage_changes', to='workspace.project')),
                    ],
                    options={
                        'verbose_name': "changement d'étape",
                        'verbose_name_plural': "changements d'étape",
                        'ordering': ['-changed_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='TeamRole',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('function', models.CharField(max_length=100, verbose_name='rôle dans le projet')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='team_roles', to='workspace.project')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='team_roles', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': "rôle dans l'équipe",
                        'verbose_name_plural': "rôles dans l'équipe",
                        'constraints': [models.UniqueConstraint(fields=('project', 'user'), name='one_team_role')],
                    },
                ),
            ],
        ),
    ]
