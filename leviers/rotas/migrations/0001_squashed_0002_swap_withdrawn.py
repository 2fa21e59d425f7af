"""rotas 0001 to 0002 in one migration (decision 44): a new database runs this one, a database
that has applied some of them runs the rest of them. Their operations, each AddIndex and
AddConstraint moved into the CreateModel of its model, then Django's optimizer (which folds
AddField and AlterField into CreateModel); an AlterField that makes a field unique is left after
them, so that PostgreSQL names its constraint as before. CreateModel operations in a row are
grouped in one CreateModels (core/migration_operations.py), which renders their models once.

They had no data migration."""

import django.db.models.deletion
import leviers.core.identifiers
import leviers.core.migration_operations
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('rotas', '0001_series_slots_volunteers_feeds'), ('rotas', '0002_swap_withdrawn')]

    initial = True

    dependencies = [
        ('accounts', '0004_email_addresses_of_existing_users'),
        ('accounts', '__first__'),
        ('workspace', '0003_project_workspace'),
    ]

    operations = [
        leviers.core.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name='FeedToken',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=12, unique=True)),
                        ('scope', models.CharField(choices=[('projet', 'Tous les créneaux du projet'), ('personne', 'Mes créneaux'), ('association', "Les créneaux d'une association")], max_length=12)),
                        ('token_hash', models.CharField(max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('revoked_at', models.DateTimeField(blank=True, null=True)),
                        ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.organisation')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rota_feeds', to='workspace.project')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rota_feeds', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'agenda partagé',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Series',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=12, unique=True)),
                        ('kind', models.CharField(choices=[('associations', 'Tenue par des associations (une par créneau)'), ('benevoles', 'Tenue par des bénévoles (plusieurs par créneau)')], max_length=20, verbose_name='tenue par')),
                        ('title', models.CharField(max_length=200, verbose_name='titre')),
                        ('place', models.CharField(blank=True, max_length=200, verbose_name='lieu')),
                        ('description', models.TextField(blank=True, max_length=2000, verbose_name='description')),
                        ('is_public', models.BooleanField(default=True, help_text="Visible sur la page publique du projet ; sinon, l'équipe seule la voit.", verbose_name='annoncée aux habitants')),
                        ('needs_licence', models.BooleanField(default=False, verbose_name='avec buvette (autorisation temporaire de débit de boissons)')),
                        ('capacity', models.PositiveSmallIntegerField(default=2, help_text='Pour une série tenue par des bénévoles.', verbose_name='bénévoles par créneau')),
                        ('first_day', models.DateField(verbose_name='premier jour')),
                        ('last_day', models.DateField(verbose_name='dernier jour')),
                        ('weekdays', models.CharField(help_text='0 = lundi … 6 = dimanche', max_length=7, verbose_name='jours')),
                        ('start_time', models.TimeField(verbose_name='début')),
                        ('end_time', models.TimeField(verbose_name='fin')),
                        ('interval', models.PositiveSmallIntegerField(default=1, verbose_name='toutes les … semaines')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('invited', models.ManyToManyField(blank=True, related_name='invited_rota_series', to='accounts.organisation', verbose_name='associations invitées à prendre un créneau')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rota_series', to='workspace.project')),
                    ],
                    options={
                        'verbose_name': 'série de créneaux',
                        'verbose_name_plural': 'séries de créneaux',
                        'ordering': ['first_day', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='Slot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=12, unique=True)),
                        ('starts_at', models.DateTimeField(verbose_name='début')),
                        ('ends_at', models.DateTimeField(verbose_name='fin')),
                        ('holder_name', models.CharField(blank=True, max_length=200, verbose_name='association (sans compte)')),
                        ('needs_licence', models.BooleanField(default=False, verbose_name='avec buvette')),
                        ('is_cancelled', models.BooleanField(default=False, verbose_name='annulé')),
                        ('capacity', models.PositiveSmallIntegerField(default=0, verbose_name='places')),
                        ('taken', models.PositiveSmallIntegerField(default=0, verbose_name='inscrits')),
                        ('reminded_at', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='rota_slots', to='accounts.organisation', verbose_name='association')),
                        ('series', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='slots', to='rotas.series')),
                    ],
                    options={
                        'verbose_name': 'créneau',
                        'ordering': ['starts_at'],
                        'indexes': [models.Index(fields=['series', 'starts_at'], name='rotas_slot_series_start'), models.Index(fields=['organisation', 'starts_at'], name='rotas_slot_org_start'), models.Index(fields=['starts_at'], name='rotas_slot_start')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('taken__lte', models.F('capacity'))), name='rotas_slot_taken_within_capacity', violation_error_message='Ce créneau est complet.'), models.CheckConstraint(condition=models.Q(('organisation__isnull', True), ('holder_name', ''), _connector='OR'), name='rotas_slot_one_holder', violation_error_message='Un créneau est tenu par une seule association.')],
                    },
                ),
                migrations.CreateModel(
                    name='Volunteer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=12, unique=True)),
                        ('name', models.CharField(max_length=200, verbose_name='nom')),
                        ('contact', models.CharField(blank=True, help_text="Facultatif, vu de l'équipe seule, pour prévenir la personne.", max_length=200, verbose_name='téléphone ou courriel')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('added_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='volunteers', to='workspace.project')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='rota_volunteers', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'bénévole',
                        'ordering': ['name'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('user__isnull', False)), fields=('project', 'user'), name='rotas_one_volunteer_per_user_and_project')],
                    },
                ),
                migrations.CreateModel(
                    name='SignUp',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('seeks_replacement', models.BooleanField(default=False, verbose_name='cherche un remplaçant')),
                        ('no_show', models.BooleanField(default=False, verbose_name='absent')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('slot', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signups', to='rotas.slot')),
                        ('volunteer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signups', to='rotas.volunteer')),
                    ],
                    options={
                        'verbose_name': 'inscription',
                        'ordering': ['created_at'],
                        'constraints': [models.UniqueConstraint(fields=('slot', 'volunteer'), name='rotas_one_signup_per_slot', violation_error_message='Cette personne est déjà inscrite sur ce créneau.')],
                    },
                ),
                migrations.CreateModel(
                    name='Swap',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=12, unique=True)),
                        ('status', models.CharField(choices=[('proposee', 'En attente de réponse'), ('acceptee', 'Acceptée'), ('refusee', 'Refusée'), ('caduque', 'Caduque (un des créneaux a changé de main)'), ('retiree', "Retirée par qui l'avait proposée")], default='proposee', max_length=10)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('answered_at', models.DateTimeField(blank=True, null=True)),
                        ('answered_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('from_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.organisation')),
                        ('offered', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='rotas.slot')),
                        ('proposed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('to_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.organisation')),
                        ('wanted', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='rotas.slot')),
                        ('from_volunteer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='rotas.volunteer')),
                        ('to_volunteer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='rotas.volunteer')),
                    ],
                    options={
                        'verbose_name': 'échange',
                        'ordering': ['-created_at'],
                    },
                ),
            ],
        ),
    ]
