"""meetings 0001 to 0003 in one migration (decision 44): a new database runs this one, a database
that has applied some of them runs the rest of them. Their operations, each AddIndex and
AddConstraint moved into the CreateModel of its model, then Django's optimizer (which folds
AddField and AlterField into CreateModel); an AlterField that makes a field unique is left after
them, so that PostgreSQL names its constraint as before. CreateModel operations in a row are
grouped in one CreateModels (core/migration_operations.py), which renders their models once.

They had no data migration."""

import django.core.validators
import django.db.models.deletion
import leviers.core.identifiers
import leviers.core.migration_operations
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('meetings', '0001_meetings_copil_decisions'), ('meetings', '0002_feed_tokens'), ('meetings', '0003_versions_for_two_editors')]

    initial = True

    dependencies = [
        ('accounts', '0002_organisations'),
        ('accounts', '__first__'),
        ('workspace', '0003_project_workspace'),
    ]

    operations = [
        leviers.core.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name='CommitteeMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('college', models.CharField(choices=[('elus', 'Élus'), ('associations', 'Associations'), ('artisans', 'Artisans et commerçants'), ('agriculteurs', 'Agriculteurs'), ('habitants', 'Habitants'), ('partenaires', 'Partenaires')], max_length=20, verbose_name='collège')),
                        ('name', models.CharField(max_length=120, verbose_name='nom')),
                        ('quality', models.CharField(blank=True, help_text='Par exemple : adjointe au maire.', max_length=200, verbose_name='qualité')),
                        ('is_active', models.BooleanField(default=True, verbose_name='siège au comité')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='committee_seats', to='accounts.organisation', verbose_name='organisation représentée')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='committee', to='workspace.project')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='committee_seats', to=settings.AUTH_USER_MODEL, verbose_name='compte')),
                    ],
                    options={
                        'verbose_name': 'membre du comité de pilotage',
                        'verbose_name_plural': 'membres du comité de pilotage',
                        'ordering': ['college', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='Meeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('title', models.CharField(max_length=200, verbose_name='intitulé')),
                        ('kind', models.CharField(choices=[('publique', 'Réunion publique'), ('copil', 'Comité de pilotage'), ('equipe', 'Équipe projet'), ('atelier', 'Atelier')], default='publique', max_length=20, verbose_name='type de réunion')),
                        ('is_public', models.BooleanField(default=True, help_text='La réunion paraît sur la page publique du projet et dans son agenda.', verbose_name='annoncée aux habitants')),
                        ('place', models.CharField(help_text='Par exemple : salle des fêtes.', max_length=200, verbose_name='lieu')),
                        ('starts_at', models.DateTimeField(help_text='Date et heure de la réunion, ou de la première de la série.', verbose_name='première date')),
                        ('duration_minutes', models.PositiveSmallIntegerField(default=120, validators=[django.core.validators.MinValueValidator(15), django.core.validators.MaxValueValidator(720)], verbose_name='durée (minutes)')),
                        ('frequency', models.CharField(blank=True, choices=[('', 'Une seule fois'), ('hebdomadaire', 'Chaque semaine'), ('bimensuelle', 'Toutes les deux semaines'), ('mensuelle', 'Chaque mois (même semaine, même jour)')], default='', max_length=20, verbose_name='répétition')),
                        ('until', models.DateField(blank=True, null=True, verbose_name="jusqu'au")),
                        ('skipped_months', models.JSONField(blank=True, default=list, verbose_name='mois sans réunion')),
                        ('cancelled_dates', models.JSONField(blank=True, default=list, verbose_name='dates annulées')),
                        ('agenda', models.TextField(blank=True, verbose_name='ordre du jour')),
                        ('registration', models.BooleanField(default=False, help_text="Les habitants peuvent s'inscrire à une date.", verbose_name='inscription')),
                        ('capacity', models.PositiveSmallIntegerField(blank=True, help_text="Laisser vide s'il n'y a pas de limite.", null=True, verbose_name='places')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meetings', to='workspace.project')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                    ],
                    options={
                        'verbose_name': 'réunion',
                        'verbose_name_plural': 'réunions',
                        'ordering': ['starts_at'],
                        'indexes': [models.Index(fields=['project', 'starts_at'], name='meeting_project_start')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('until__isnull', True), models.Q(('frequency', ''), _negated=True), _connector='OR'), name='meeting_until_only_when_recurring', violation_error_message='Une date de fin ne vaut que pour une réunion répétée.')],
                    },
                ),
                migrations.CreateModel(
                    name='Registration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('occurs_on', models.DateField(verbose_name='date')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='meetings.meeting')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meeting_registrations', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'inscription',
                        'constraints': [models.UniqueConstraint(fields=('meeting', 'occurs_on', 'user'), name='one_registration_per_date', violation_error_message='Vous êtes déjà inscrit à cette date.')],
                    },
                ),
                migrations.CreateModel(
                    name='Sitting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('held_on', models.DateField(verbose_name='date')),
                        ('headcount', models.PositiveIntegerField(blank=True, help_text='Le nombre total de personnes présentes, nommées ou non.', null=True, verbose_name='nombre de présents')),
                        ('minutes', models.TextField(blank=True, max_length=5000, verbose_name='compte rendu')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sittings', to='meetings.meeting')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                    ],
                    options={
                        'verbose_name': 'séance',
                        'ordering': ['-held_on'],
                        'constraints': [models.UniqueConstraint(fields=('meeting', 'held_on'), name='one_sitting_per_date', violation_error_message='Cette séance est déjà enregistrée.')],
                    },
                ),
                migrations.CreateModel(
                    name='Attendee',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, verbose_name='nom')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='attendances', to=settings.AUTH_USER_MODEL)),
                        ('member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='attendances', to='meetings.committeemember')),
                        ('sitting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendees', to='meetings.sitting')),
                    ],
                    options={
                        'verbose_name': 'présent',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='FeedToken',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token_hash', models.CharField(editable=False, max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='créé le')),
                        ('last_used_at', models.DateTimeField(blank=True, null=True, verbose_name='dernière lecture')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='feed_tokens', to='workspace.project')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='feed_tokens', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': "lien d'agenda privé",
                        'verbose_name_plural': "liens d'agenda privés",
                        'constraints': [models.UniqueConstraint(fields=('project', 'user'), name='one_feed_token_per_person')],
                    },
                ),
                migrations.CreateModel(
                    name='Decision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('title', models.CharField(max_length=300, verbose_name='ce qui est décidé')),
                        ('details', models.TextField(blank=True, verbose_name='précisions')),
                        ('decided_on', models.DateField(verbose_name='date de la décision')),
                        ('body', models.CharField(choices=[('copil', 'Comité de pilotage'), ('conseil-municipal', 'Conseil municipal'), ('conseil-communautaire', 'Conseil communautaire'), ('reunion-publique', 'Réunion publique'), ('equipe', 'Équipe projet'), ('bureau', "Bureau ou conseil d'administration")], max_length=30, verbose_name='qui a décidé')),
                        ('method', models.CharField(choices=[('consensus', 'Consensus'), ('vote', 'Vote'), ('deliberation', 'Délibération')], max_length=20, verbose_name='comment')),
                        ('votes_for', models.PositiveIntegerField(blank=True, null=True, verbose_name='pour')),
                        ('votes_against', models.PositiveIntegerField(blank=True, null=True, verbose_name='contre')),
                        ('abstentions', models.PositiveIntegerField(blank=True, null=True, verbose_name='abstentions')),
                        ('deliberation_number', models.CharField(blank=True, max_length=40, verbose_name='numéro de délibération')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='workspace.project')),
                        ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('sitting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='decisions', to='meetings.sitting', verbose_name='prise en séance')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                    ],
                    options={
                        'verbose_name': 'décision',
                        'ordering': ['-decided_on', '-created_at'],
                        'indexes': [models.Index(fields=['project', '-decided_on'], name='decision_project_date')],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('method', 'vote'), _negated=True), models.Q(('votes_against__isnull', False), ('votes_for__isnull', False)), _connector='OR'), name='decision_vote_has_counts', violation_error_message='Un vote indique le nombre de voix pour et contre.'), models.CheckConstraint(condition=models.Q(('method', 'vote'), models.Q(('abstentions__isnull', True), ('votes_against__isnull', True), ('votes_for__isnull', True)), _connector='OR'), name='decision_counts_only_for_a_vote', violation_error_message='Des voix ne se comptent que pour un vote.'), models.CheckConstraint(condition=models.Q(models.Q(('method', 'deliberation'), _negated=True), models.Q(('deliberation_number', ''), _negated=True), _connector='OR'), name='decision_deliberation_has_number', violation_error_message='Une délibération porte son numéro.')],
                    },
                ),
            ],
        ),
    ]
