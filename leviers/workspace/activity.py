"""What happened in a project, for its activity page and its team's digests.

Any app of a project (meetings, participation...) calls, where something digest-worthy
happens, inside the transaction that makes it happen:

    from leviers.workspace import activity

    activity.record(project, "meeting", "Réunion publique le samedi 12 avril à 10 h",
                    meeting.get_absolute_url(), actor=request.user)

`kind` is one of `Activity.Kind` (project, contribution, proposal, meeting, decision, copil):
a person chooses by kind what their digest brings (`NotificationPreference`). `text` is one
short French sentence that names no inhabitant (it goes by e-mail to the team); `url` is a
path of this site (« /projets/… »). `actor`, the person who did it, never hears of it in
their own digest. Nothing is sent here: the digest command (`leviers envoyer-resumes`)
gathers activities once a day.
"""

from __future__ import annotations

from leviers.workspace.models import Activity

KINDS = frozenset(Activity.Kind.values)


def record(project, kind: str, text: str, url: str, actor=None) -> Activity:
    """Write one activity of `project`. Raises ValueError on an unknown kind or a `url` that
    is not a path of this site (a programming error, caught by the caller's tests)."""
    if kind not in KINDS:
        raise ValueError(f"Nature d'activité inconnue : {kind!r} (attendu : {sorted(KINDS)}).")
    if not url.startswith("/") or url.startswith("//"):
        raise ValueError(f"L'adresse d'une activité est un chemin du site : {url!r}.")
    text = " ".join(text.split())
    limit = Activity._meta.get_field("text").max_length
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if actor is not None and not actor.is_authenticated:
        actor = None
    return Activity.objects.create(
        project=project.project, kind=kind, text=text, url=url, actor=actor
    )
