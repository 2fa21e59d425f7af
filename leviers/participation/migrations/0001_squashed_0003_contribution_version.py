"""participation 0001 to 0003 in one migration (decision 44): a new database runs this one, a database
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

    replaces = [('participation', '0001_contributions_proposals'), ('participation', '0002_proposal_decision'), ('participation', '0003_contribution_version')]

    initial = True

    dependencies = [
        ('accounts', '__first__'),
        ('meetings', '0001_meetings_copil_decisions'),
        ('workspace', '0001_initial'),
    ]

    operations = [
        leviers.core.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name='ContributionGroup',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('title', models.CharField(max_length=200, verbose_name='intitulé')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contribution_groups', to='workspace.project')),
                    ],
                    options={
                        'verbose_name': 'regroupement',
                        'ordering': ['title'],
                    },
                ),
                migrations.CreateModel(
                    name='Contribution',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('kind', models.CharField(choices=[('idee', 'Idée'), ('besoin', 'Besoin'), ('remarque', 'Remarque')], default='idee', max_length=20, verbose_name='nature')),
                        ('text', models.TextField(max_length=2000, verbose_name='contribution')),
                        ('channel', models.CharField(choices=[('en-ligne', 'En ligne'), ('porte-a-porte', 'Porte-à-porte'), ('papier', 'Formulaire papier'), ('reunion', 'Réunion'), ('telephone', 'Téléphone')], max_length=20, verbose_name='provenance')),
                        ('author_name', models.CharField(blank=True, help_text='Laisser vide : la contribution est signée « Un habitant ».', max_length=100, verbose_name='nom affiché')),
                        ('collector', models.CharField(blank=True, max_length=100, verbose_name='recueillie par')),
                        ('place', models.CharField(blank=True, max_length=120, verbose_name='rue ou hameau')),
                        ('collected_on', models.DateField(verbose_name='recueillie le')),
                        ('wants_contact', models.BooleanField(default=False, verbose_name="accepte d'être recontacté")),
                        ('contact', models.CharField(blank=True, max_length=200, verbose_name='courriel ou téléphone')),
                        ('status', models.CharField(choices=[('a-moderer', 'À modérer'), ('publiee', 'Publiée'), ('masquee', 'Masquée')], default='publiee', max_length=20, verbose_name='état')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='saisie le')),
                        ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contributions', to=settings.AUTH_USER_MODEL, verbose_name='habitant')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contributions', to='workspace.project')),
                        ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='recorded_contributions', to=settings.AUTH_USER_MODEL, verbose_name='saisie par')),
                        ('group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contributions', to='participation.contributiongroup', verbose_name='regroupement')),
                    ],
                    options={
                        'verbose_name': 'contribution',
                        'ordering': ['-collected_on', '-created_at'],
                        'indexes': [models.Index(fields=['project', 'status', '-collected_on'], name='contribution_by_status'), models.Index(fields=['project', 'channel', 'collected_on'], name='contribution_campaign')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('contact', ''), ('wants_contact', True), _connector='OR'), name='contact_only_with_consent', violation_error_message="Un moyen de recontacter l'habitant n'est gardé qu'avec son accord."), models.CheckConstraint(condition=models.Q(('channel', 'en-ligne'), models.Q(('collector', ''), _negated=True), _connector='OR'), name='collected_contribution_names_its_collector', violation_error_message="Une contribution recueillie hors ligne nomme la personne qui l'a recueillie.")],
                    },
                ),
                migrations.CreateModel(
                    name='Proposal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=leviers.core.identifiers.new_public_id, editable=False, max_length=16, unique=True)),
                        ('title', models.CharField(max_length=200, verbose_name='intitulé')),
                        ('text', models.TextField(max_length=4000, verbose_name='proposition')),
                        ('status', models.CharField(choices=[('ouverte', 'Ouverte aux soutiens'), ('a-l-etude', "À l'étude"), ('retenue', 'Retenue'), ('non-retenue', 'Non retenue')], default='ouverte', max_length=20, verbose_name='état')),
                        ('paper_supports', models.PositiveIntegerField(default=0, verbose_name='soutiens hors ligne')),
                        ('answer', models.TextField(blank=True, verbose_name='réponse publiée')),
                        ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='réponse publiée le')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='créée le')),
                        ('contributions', models.ManyToManyField(related_name='proposals', to='participation.contribution', verbose_name="contributions d'origine")),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='proposals', to='workspace.project')),
                        ('decision', models.ForeignKey(blank=True, help_text='La décision du journal des décisions qui tranche la proposition.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='proposals', to='meetings.decision', verbose_name='décision')),
                    ],
                    options={
                        'verbose_name': 'proposition',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Tag',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=60, verbose_name='étiquette')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tags', to='workspace.project')),
                    ],
                    options={
                        'verbose_name': 'étiquette',
                        'ordering': ['name'],
                        'constraints': [models.UniqueConstraint(fields=('project', 'name'), name='one_tag_name_per_project', violation_error_message='Cette étiquette existe déjà dans ce projet.')],
                    },
                ),
            ],
        ),
        migrations.AddField(
            model_name='contribution',
            name='tags',
            field=models.ManyToManyField(blank=True, related_name='contributions', to='participation.tag'),
        ),
        migrations.CreateModel(
            name='Support',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='supports', to='participation.proposal')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='proposal_supports', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'soutien',
                'constraints': [models.UniqueConstraint(fields=('proposal', 'user'), name='one_support_per_person')],
            },
        ),
        migrations.AddField(
            model_name='contribution',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
    ]
