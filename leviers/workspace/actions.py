"""Writes of the workspace: a project made from a roadmap, its settings (optimistic
locking), its stage, partners and team. Each is atomic and records its activity."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from leviers.core.locking import StaleVersion
from leviers.workspace import activity
from leviers.workspace.models import Partner, Project, Stage, StageChange, TeamRole

# The roadmap's stage (catalogue vocabulary) → the project's stage.
ROADMAP_STAGES = {
    "emergence": Stage.IDEA,
    "etude": Stage.STUDY,
    "montage": Stage.SETUP,
    "lancement": Stage.LAUNCH,
    "consolidation": Stage.RUNNING,
    "evaluation": Stage.RUNNING,
}
SETTINGS_FIELDS = ("title", "description", "is_public", "anonymous_contributions")


def project_create(*, organisation, title: str, by, roadmap=None, territory=None) -> Project:
    """A project led by `organisation`. From `roadmap`: its territory, levers, schemes,
    needs, answers and description are carried over (the roadmap stays as it is, reachable by
    its links). Without one, `territory` (a commune or an EPCI) says where."""
    project = Project(organisation=organisation, title=" ".join(title.split())[:200])
    if roadmap is not None:
        project.commune_id, project.epci_id = roadmap.commune_id, roadmap.epci_id
        project.roadmap = roadmap
        project.description = roadmap.text
        project.needs, project.answers = list(roadmap.needs), dict(roadmap.answers)
        project.beneficiary = roadmap.beneficiary
        project.stage = ROADMAP_STAGES.get(roadmap.stage, Stage.IDEA)
    elif territory is not None:
        if territory._meta.model_name == "commune":
            project.commune = territory
        else:
            project.epci = territory
    project.full_clean()
    with transaction.atomic():
        project.save()
        if roadmap is not None:
            items = list(roadmap.items.all())
            project.levers.set([item.lever_id for item in items if item.lever_id])
            project.schemes.set([item.scheme_id for item in items if item.scheme_id])
        url = reverse("workspace:settings", args=[project.public_id])
        origin = " à partir d'une feuille de route" if roadmap is not None else ""
        activity.record(project, "project", f"Projet créé{origin}.", url, actor=by)
    return project


def project_update_settings(project: Project, version: int, values: dict, *, by) -> Project:
    """Write `values` (title, description, visibility...) if the project is still at
    `version`, the one the form was read at; else raise StaleVersion with the current one."""
    values = {name: values[name] for name in SETTINGS_FIELDS}
    with transaction.atomic():
        updated = Project.objects.filter(pk=project.pk, version=version).update(
            **values, version=F("version") + 1, updated_at=timezone.now()
        )
        current = Project.objects.select_related("organisation").get(pk=project.pk)
        if not updated:
            raise StaleVersion(current)
        url = reverse("workspace:settings", args=[project.public_id])
        activity.record(current, "project", "Réglages du projet modifiés.", url, actor=by)
    return current


def project_change_stage(project: Project, to_stage: str, note: str, *, by) -> StageChange:
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if locked.stage == to_stage:
            raise ValueError("Le projet est déjà à cette étape.")
        change = StageChange.objects.create(
            project=locked,
            from_stage=locked.stage,
            to_stage=to_stage,
            note=" ".join(note.split())[:300],
            changed_by=by,
        )
        Project.objects.filter(pk=locked.pk).update(
            stage=to_stage, version=F("version") + 1, updated_at=timezone.now()
        )
        url = reverse("workspace:stage", args=[locked.public_id])
        text = f"Le projet passe à l'étape « {Stage(to_stage).label} »."
        activity.record(locked, "project", text, url, actor=by)
    project.stage = to_stage
    return change


def partner_add(project: Project, organisation, role: str, *, by) -> Partner:
    if organisation.pk == project.organisation_id:
        raise ValueError(f"{organisation.name} porte déjà le projet.")
    with transaction.atomic():
        partner, created = Partner.objects.get_or_create(
            project=project, organisation=organisation, defaults={"role": role}
        )
        if not created:
            raise ValueError(f"{organisation.name} est déjà partenaire du projet.")
        url = reverse("workspace:partners", args=[project.public_id])
        text = f"{organisation.name} rejoint le projet ({partner.get_role_display().lower()})."
        activity.record(project, "project", text, url, actor=by)
    return partner


def partner_remove(partner: Partner, *, by) -> None:
    with transaction.atomic():
        partner.delete()
        url = reverse("workspace:partners", args=[partner.project.public_id])
        text = f"{partner.organisation.name} ne fait plus partie du projet."
        activity.record(partner.project, "project", text, url, actor=by)


def team_role_set(project: Project, user, function: str, *, by) -> None:
    """Name (or, when blank, forget) the function of a team member in this project."""
    function = " ".join(function.split())[:100]
    with transaction.atomic():
        if not function:
            TeamRole.objects.filter(project=project, user=user).delete()
            return
        TeamRole.objects.update_or_create(
            project=project, user=user, defaults={"function": function}
        )
        url = reverse("workspace:team", args=[project.public_id])
        text = f"{user.get_full_name() or user.get_username()} : {function}."
        activity.record(project, "project", text, url, actor=by)
