"""What inhabitants bring to a project: contributions with their provenance, and proposals.

A contribution says how it came (online, door to door, paper form, meeting, phone) and who
typed it: the inhabitant online, or a member of the team on their behalf, in which case the
page says so truthfully (« recueilli par Jeanne Martin au porte-à-porte »). Personal data is
kept to the minimum: an inhabitant is « un habitant » unless they give a name to show, and a
way to reach them is kept only with their consent.

A proposal is drawn from contributions; inhabitants support it; the team answers it, with the
decision that settled it (meetings.Decision), and the answer is published to the contributors
concerned.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format

from leviers.accounts.models import new_public_id
from leviers.workspace.models import Project

ANONYMOUS_SIGNATURE = "Un habitant"


class Kind(models.TextChoices):
    IDEA = "idee", "Idée"
    NEED = "besoin", "Besoin"
    REMARK = "remarque", "Remarque"


class Channel(models.TextChoices):
    ONLINE = "en-ligne", "En ligne"
    DOOR = "porte-a-porte", "Porte-à-porte"
    PAPER = "papier", "Formulaire papier"
    MEETING = "reunion", "Réunion"
    PHONE = "telephone", "Téléphone"


# How a provenance reads after « recueilli par X … ».
CHANNEL_PHRASES = {
    Channel.DOOR: "au porte-à-porte",
    Channel.PAPER: "sur formulaire papier",
    Channel.MEETING: "en réunion",
    Channel.PHONE: "au téléphone",
}


class Tag(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField("étiquette", max_length=60)

    class Meta:
        verbose_name = "étiquette"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="one_tag_name_per_project",
                violation_error_message="Cette étiquette existe déjà dans ce projet.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ContributionGroup(models.Model):
    """Similar contributions gathered under one title (« Horaires du marché »)."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="contribution_groups"
    )
    title = models.CharField("intitulé", max_length=200)

    class Meta:
        verbose_name = "regroupement"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class ContributionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Contribution.Status.PUBLISHED)

    def for_display(self):
        """What a list of contributions shows: its author, collector, tags and group."""
        return self.select_related("recorded_by", "group").prefetch_related("tags")


class Contribution(models.Model):
    class Status(models.TextChoices):
        PENDING = "a-moderer", "À modérer"
        PUBLISHED = "publiee", "Publiée"
        HIDDEN = "masquee", "Masquée"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField("nature", max_length=20, choices=Kind.choices, default=Kind.IDEA)
    text = models.TextField("contribution", max_length=2000)
    channel = models.CharField("provenance", max_length=20, choices=Channel.choices)
    # The inhabitant, when they contributed with their account (kept out of public pages).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="habitant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    author_name = models.CharField(
        "nom affiché",
        max_length=100,
        blank=True,
        help_text="Laisser vide : la contribution est signée « Un habitant ».",
    )
    # Who typed it on the inhabitant's behalf (a member of the team), and who collected it.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisie par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recorded_contributions",
    )
    collector = models.CharField("recueillie par", max_length=100, blank=True)
    place = models.CharField("rue ou hameau", max_length=120, blank=True)
    collected_on = models.DateField("recueillie le")
    wants_contact = models.BooleanField("accepte d'être recontacté", default=False)
    contact = models.CharField("courriel ou téléphone", max_length=200, blank=True)
    status = models.CharField(
        "état", max_length=20, choices=Status.choices, default=Status.PUBLISHED
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="contributions")
    group = models.ForeignKey(
        ContributionGroup,
        verbose_name="regroupement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    created_at = models.DateTimeField("saisie le", auto_now_add=True)
    # Optimistic locking (core/locking.py): a write states the version it read.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = "contribution"
        ordering = ["-collected_on", "-created_at"]
        indexes = [
            # The public list and the dashboard: a project's contributions in a state, newest
            # first.
            models.Index(
                fields=["project", "status", "-collected_on"], name="contribution_by_status"
            ),
            # The campaign view: a project's contributions by provenance and date.
            models.Index(
                fields=["project", "channel", "collected_on"], name="contribution_campaign"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(contact="") | Q(wants_contact=True),
                name="contact_only_with_consent",
                violation_error_message=(
                    "Un moyen de recontacter l'habitant n'est gardé qu'avec son accord."
                ),
            ),
            models.CheckConstraint(
                condition=Q(channel=Channel.ONLINE) | ~Q(collector=""),
                name="collected_contribution_names_its_collector",
                violation_error_message=(
                    "Une contribution recueillie hors ligne nomme la personne qui l'a recueillie."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return reverse("participation:contributions", args=[self.project.public_id])

    @property
    def signature(self) -> str:
        return self.author_name or ANONYMOUS_SIGNATURE

    def provenance(self) -> str:
        """How the contribution came, as the pages write it:
        « recueilli par Jeanne Martin au porte-à-porte, rue des Lilas, le 3 mars 2025 »."""
        day = date_format(self.collected_on, "j F Y")
        if self.channel == Channel.ONLINE:
            return f"en ligne, le {day}"
        parts = [f"recueilli par {self.collector} {CHANNEL_PHRASES[self.channel]}"]
        if self.place:
            parts.append(self.place)
        parts.append(f"le {day}")
        return ", ".join(parts)

    @property
    def typed_by_someone_else(self) -> bool:
        return self.recorded_by_id is not None and self.recorded_by_id != self.author_id


class ProposalQuerySet(models.QuerySet):
    def with_support_counts(self):
        """`online_supports`: a count per proposal in a subquery (on the support table's
        proposal index), not a join grouped over every column of the proposal and of what is
        selected with it: three times less work for a project of 3,000 supports."""
        supports = (
            Support.objects.filter(proposal=OuterRef("pk"))
            .order_by()
            .values("proposal")
            .annotate(n=Count("*"))
            .values("n")
        )
        return self.annotate(
            online_supports=Coalesce(Subquery(supports, output_field=IntegerField()), 0)
        )


class Proposal(models.Model):
    class Status(models.TextChoices):
        OPEN = "ouverte", "Ouverte aux soutiens"
        STUDY = "a-l-etude", "À l'étude"
        ADOPTED = "retenue", "Retenue"
        DECLINED = "non-retenue", "Non retenue"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField("intitulé", max_length=200)
    text = models.TextField("proposition", max_length=4000)
    contributions = models.ManyToManyField(
        Contribution, verbose_name="contributions d'origine", related_name="proposals"
    )
    status = models.CharField("état", max_length=20, choices=Status.choices, default=Status.OPEN)
    # Supports given on paper or at a meeting, counted by the team.
    paper_supports = models.PositiveIntegerField("soutiens hors ligne", default=0)
    decision = models.ForeignKey(
        "meetings.Decision",
        verbose_name="décision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        help_text="La décision du journal des décisions qui tranche la proposition.",
    )
    answer = models.TextField("réponse publiée", blank=True)
    answered_at = models.DateTimeField("réponse publiée le", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = "proposition"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:proposal", args=[self.project.public_id, self.public_id])


class Support(models.Model):
    """An inhabitant supports a proposal (once)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "soutien"
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_support_per_person")
        ]

    def __str__(self) -> str:
        return f"Soutien à « {self.proposal} »"

    @property
    def project(self):
        return self.proposal.project
