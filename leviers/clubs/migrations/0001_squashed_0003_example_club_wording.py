"""clubs 0001 to 0003 in one migration (decision 44): a new database runs this one, a database
that has applied some of them runs the rest of them. Their operations, each AddIndex and
AddConstraint moved into the CreateModel of its model, then Django's optimizer (which folds
AddField and AlterField into CreateModel); an AlterField that makes a field unique is left after
them, so that PostgreSQL names its constraint as before. CreateModel operations in a row are
grouped in one CreateModels (core/migration_operations.py), which renders their models once.

Data migrations: `draw_public_ids` (0002) filled the sequences already there, and there are none
before this migration creates their table: left out. The wording of the example club (0003) is
kept (copied below): the organisations it mends belong to accounts, whose migrations may have
run before the clubs app existed."""

import datetime
import django.db.models.deletion
import django.utils.timezone
import leviers.clubs.models
import leviers.core.identifiers
import leviers.core.migration_operations
from django.conf import settings
from django.db import migrations, models

ARTICLES = [
    ("CRESS des Pays de la Loire", "reseau", "la"),
    (
        "RTES, réseau des collectivités territoriales pour une économie sociale et solidaire",
        "reseau",
        "le",
    ),
    ("IRESA", "autre", "l'"),
    ("CEAS 72", "accompagnement", "le"),
    ("APESS 53", "autre", "l'"),
]
SHIPPED = (
    "Lancé en mai 2022, le club réunit les collectivités des Pays de la Loire engagées pour "
    "l'économie sociale et solidaire. Il est co-animé par la CRESS des Pays de la Loire et le RTES."
)
NOW = (
    "Le club réunit les collectivités des Pays de la Loire engagées pour l'économie sociale et "
    "solidaire."
)


def forwards(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    Club = apps.get_model("clubs", "Club")
    for name, kind, article in ARTICLES:
        Organisation.objects.filter(name=name, kind=kind, article="").update(article=article)
    Club.objects.filter(slug="pays-de-la-loire", description=SHIPPED).update(description=NOW)


def backwards(apps, schema_editor):
    Club = apps.get_model("clubs", "Club")
    Club.objects.filter(slug="pays-de-la-loire", description=NOW).update(description=SHIPPED)


class Migration(migrations.Migration):

    replaces = [('clubs', '0001_clubs_meetings_reports_letters'), ('clubs', '0002_versions_for_editing_on_the_site'), ('clubs', '0003_example_club_wording')]

    initial = True

    dependencies = [
        ('accounts', '0006_organisation_article'),
        ('accounts', '__first__'),
        ('territories', '0002_commune_outline'),
    ]

    operations = [
        leviers.core.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name='Club',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('slug', models.SlugField(max_length=80, unique=True, verbose_name='adresse')),
                        ('name', models.CharField(max_length=200, verbose_name='nom')),
                        ('description', models.TextField(blank=True, max_length=4000, verbose_name='présentation')),
                        ('launched_on', models.DateField(blank=True, null=True, verbose_name='lancé le')),
                        ('source_title', models.CharField(blank=True, max_length=300, verbose_name='source')),
                        ('source_url', models.URLField(blank=True, verbose_name='adresse de la source')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('department', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='clubs', to='territories.department', verbose_name='département')),
                        ('organisers', models.ManyToManyField(help_text='Les réseaux qui animent le club : leurs animateurs gèrent membres et rencontres.', related_name='clubs_run', to='accounts.organisation', verbose_name='animé par')),
                        ('region', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='clubs', to='territories.region', verbose_name='région')),
                    ],
                    options={
                        'verbose_name': 'club',
                        'verbose_name_plural': 'clubs',
                        'ordering': ['name'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('region__isnull', False), ('department__isnull', False), _connector='OR'), name='club_covers_a_territory', violation_error_message='Un club couvre une région ou un département.')],
                    },
                ),
                migrations.CreateModel(
                    name='ClubMeeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('title', models.CharField(max_length=300, verbose_name='titre')),
                        ('theme', models.CharField(blank=True, max_length=300, verbose_name='thème')),
                        ('description', models.TextField(blank=True, max_length=4000, verbose_name='présentation')),
                        ('date', models.DateField(verbose_name='date')),
                        ('start_time', models.TimeField(blank=True, null=True, verbose_name='début')),
                        ('end_time', models.TimeField(blank=True, null=True, verbose_name='fin')),
                        ('place', models.CharField(blank=True, max_length=300, verbose_name='lieu')),
                        ('capacity', models.PositiveSmallIntegerField(blank=True, help_text='Vide : sans limite.', null=True, verbose_name='places')),
                        ('registration_open', models.BooleanField(default=True, verbose_name='inscriptions ouvertes')),
                        ('is_published', models.BooleanField(default=True, help_text='Visible sur la page publique du club.', verbose_name='annoncée')),
                        ('attendance_note', models.CharField(blank=True, help_text="Pour une rencontre passée sans inscriptions en ligne : « une vingtaine d'élus et d'agents ».", max_length=200, verbose_name='participation')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('club', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meetings', to='clubs.club')),
                        ('co_organisers', models.ManyToManyField(blank=True, related_name='club_meetings_organised', to='accounts.organisation', verbose_name='co-organisateurs')),
                        ('host_commune', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='club_meetings', to='territories.commune', verbose_name="commune d'accueil")),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                    ],
                    options={
                        'verbose_name': 'rencontre',
                        'verbose_name_plural': 'rencontres',
                        'ordering': ['-date'],
                        'indexes': [models.Index(fields=['club', 'date'], name='clubs_meeting_club_date')],
                    },
                ),
                migrations.CreateModel(
                    name='ClubMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('joined_on', models.DateField(default=datetime.date.today, verbose_name='membre depuis')),
                        ('club', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='clubs.club')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='club_memberships', to='accounts.organisation', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'organisation membre',
                        'verbose_name_plural': 'organisations membres',
                        'ordering': ['organisation__name'],
                        'constraints': [models.UniqueConstraint(fields=('club', 'organisation'), name='one_club_membership', violation_error_message='Cette organisation est déjà membre du club.')],
                    },
                ),
                migrations.CreateModel(
                    name='ClubContact',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('name', models.CharField(blank=True, max_length=200, verbose_name='nom')),
                        ('role', models.CharField(blank=True, max_length=200, verbose_name='fonction')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='club_contacts', to=settings.AUTH_USER_MODEL, verbose_name='compte')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contacts', to='clubs.clubmember')),
                    ],
                    options={
                        'verbose_name': 'contact',
                        'verbose_name_plural': 'contacts',
                        'constraints': [models.CheckConstraint(condition=models.Q(('user__isnull', False), models.Q(('name', ''), _negated=True), _connector='OR'), name='club_contact_named', violation_error_message='Un contact a un compte ou un nom.')],
                    },
                ),
            ],
        ),
        migrations.AddField(
            model_name='club',
            name='members',
            field=models.ManyToManyField(related_name='clubs', through='clubs.ClubMember', to='accounts.organisation', verbose_name='membres'),
        ),
        leviers.core.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name='NewsletterIssue',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('period', models.CharField(help_text='AAAA-MM', max_length=10, verbose_name='période')),
                        ('sent_at', models.DateTimeField(verbose_name='envoyée le')),
                        ('recipients', models.PositiveIntegerField(default=0, verbose_name='destinataires')),
                        ('experience_slugs', models.JSONField(blank=True, default=list)),
                        ('club', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='newsletter_issues', to='clubs.club')),
                    ],
                    options={
                        'verbose_name': 'lettre envoyée',
                        'verbose_name_plural': 'lettres envoyées',
                        'ordering': ['club', '-sent_at'],
                        'constraints': [models.UniqueConstraint(fields=('club', 'period'), name='one_letter_per_period')],
                    },
                ),
                migrations.CreateModel(
                    name='Registration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('inscrit', 'Inscrit'), ('attente', "Liste d'attente"), ('annule', 'Désinscrit')], max_length=10, verbose_name='état')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='inscrit le')),
                        ('attended', models.BooleanField(blank=True, null=True, verbose_name='présent')),
                        ('reminded_at', models.DateTimeField(blank=True, null=True, verbose_name='rappel envoyé le')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='clubs.clubmeeting')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='club_registrations', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'inscription',
                        'verbose_name_plural': 'inscriptions',
                        'ordering': ['meeting', 'created_at', 'pk'],
                        'indexes': [models.Index(fields=['meeting', 'status', 'created_at'], name='clubs_reg_status')],
                        'constraints': [models.UniqueConstraint(fields=('meeting', 'user'), name='one_registration', violation_error_message='Cette personne est déjà inscrite.')],
                    },
                ),
                migrations.CreateModel(
                    name='Report',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=300, verbose_name='titre')),
                        ('introduction', models.TextField(blank=True, max_length=8000, verbose_name='introduction')),
                        ('conclusion', models.TextField(blank=True, max_length=4000, verbose_name='pour finir')),
                        ('is_published', models.BooleanField(default=False, verbose_name='publié')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='publié le')),
                        ('source_title', models.CharField(blank=True, help_text='Quand le compte rendu reprend un texte publié ailleurs : son titre.', max_length=300, verbose_name='source')),
                        ('source_url', models.URLField(blank=True, verbose_name='adresse de la source')),
                        ('source_resource', models.SlugField(blank=True, help_text='Le compte rendu publié, quand il est une ressource du catalogue (son slug).', max_length=120, verbose_name='ressource du catalogue')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('meeting', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='report', to='clubs.clubmeeting')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                    ],
                    options={
                        'verbose_name': 'retour sur une rencontre',
                        'verbose_name_plural': 'retours sur les rencontres',
                    },
                ),
                migrations.CreateModel(
                    name='Sequence',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='ordre')),
                        ('start_time', models.TimeField(blank=True, null=True, verbose_name='heure')),
                        ('section', models.CharField(blank=True, help_text='Le titre de la partie de la journée.', max_length=200, verbose_name='partie')),
                        ('title', models.CharField(max_length=300, verbose_name='titre')),
                        ('summary', models.TextField(blank=True, max_length=8000, verbose_name='ce qui a été dit (compte rendu)')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sequences', to='clubs.clubmeeting')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('public_id', models.CharField(editable=False, max_length=16, null=True)),
                    ],
                    options={
                        'verbose_name': 'séquence',
                        'verbose_name_plural': 'séquences',
                        'ordering': ['meeting', 'position', 'start_time', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='CatalogueLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('lever', 'Levier'), ('experience', 'Expérience'), ('scheme', 'Dispositif')], max_length=20, verbose_name='type')),
                        ('slug', models.SlugField(max_length=120, verbose_name='fiche du catalogue')),
                        ('sequence', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='clubs.sequence')),
                    ],
                    options={
                        'verbose_name': 'fiche du catalogue présentée',
                        'verbose_name_plural': 'fiches du catalogue présentées',
                        'indexes': [models.Index(fields=['kind', 'slug'], name='clubs_link_kind_slug')],
                        'constraints': [models.UniqueConstraint(fields=('sequence', 'kind', 'slug'), name='one_catalogue_link', violation_error_message='Cette fiche est déjà liée à la séquence.')],
                    },
                ),
                migrations.CreateModel(
                    name='Attachment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('title', models.CharField(max_length=200, verbose_name='titre')),
                        ('file', models.FileField(max_length=200, upload_to=leviers.clubs.models.attachment_path, verbose_name='fichier')),
                        ('filename', models.CharField(max_length=200, verbose_name='nom du fichier')),
                        ('extension', models.CharField(editable=False, max_length=5)),
                        ('content_type', models.CharField(editable=False, max_length=100)),
                        ('size', models.PositiveIntegerField(editable=False, verbose_name='taille (octets)')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='clubs.report')),
                        ('sequence', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='attachments', to='clubs.sequence', verbose_name='séquence')),
                    ],
                    options={
                        'verbose_name': 'document',
                        'verbose_name_plural': 'documents',
                        'ordering': ['report', 'sequence', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Speaker',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='ordre')),
                        ('name', models.CharField(max_length=200, verbose_name='nom')),
                        ('role', models.CharField(blank=True, max_length=300, verbose_name='fonction')),
                        ('organisation_name', models.CharField(blank=True, max_length=200, verbose_name='organisation (sans compte)')),
                        ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='club_speakers', to='accounts.organisation', verbose_name='organisation')),
                        ('sequence', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='speakers', to='clubs.sequence')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='club_talks', to=settings.AUTH_USER_MODEL, verbose_name='compte')),
                    ],
                    options={
                        'verbose_name': 'intervenant',
                        'verbose_name_plural': 'intervenants',
                        'ordering': ['sequence', 'position', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Subscription',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='abonné le')),
                        ('club', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='subscriptions', to='clubs.club')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='club_subscriptions', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'abonnement à la lettre',
                        'verbose_name_plural': 'abonnements à la lettre',
                        'constraints': [models.UniqueConstraint(fields=('club', 'user'), name='one_club_subscription')],
                    },
                ),
            ],
        ),
        migrations.AlterField(
            model_name='sequence',
            name='public_id',
            field=models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
