"""The public projects, read-only: what, where, which stage, who leads it, the next meetings
announced to inhabitants, and the address of its public page.

Through the permission door (`workspace.view_project`): a private project is a 404, as a
project that does not exist, unless the person signed in is of its team.
"""

from django.http import JsonResponse
from django.utils import timezone

from leviers.api.errors import error, get_only
from leviers.meetings.models import Meeting
from leviers.workspace.models import Project

NEXT_MEETINGS = 5


def project_as_dict(project: Project, meetings) -> dict:
    return {
        "id": project.public_id,
        "title": project.title,
        "description": project.description,
        "stage": {"code": project.stage, "label": project.get_stage_display()},
        "commune": (
            {"code": project.commune.code, "name": project.commune.name}
            if project.commune
            else None
        ),
        "epci": {"siren": project.epci.siren, "name": project.epci.name} if project.epci else None,
        "organisation": {
            "id": project.organisation.public_id,
            "name": project.organisation.name,
            "kind": project.organisation.kind,
        },
        "next_meetings": [
            {
                "id": occurrence.meeting.public_id,
                "title": occurrence.meeting.title,
                "place": occurrence.meeting.place,
                "starts_at": timezone.localtime(occurrence.starts_at).isoformat(),
                "ends_at": timezone.localtime(occurrence.ends_at).isoformat(),
                "url": occurrence.meeting.get_absolute_url(),
            }
            for occurrence in meetings
        ],
        "url": project.get_absolute_url(),
    }


@get_only
def project_detail(request, public_id: str):
    project = (
        Project.objects.select_related("organisation", "commune", "epci")
        .filter(public_id=public_id)
        .first()
    )
    if project is None or not request.user.has_perm("workspace.view_project", project):
        # (a private project is not said to exist)
        return error(f"Aucun projet public d'identifiant « {public_id} ».", 404)
    meetings = Meeting.objects.upcoming(project, public_only=True, limit=NEXT_MEETINGS)
    for occurrence in meetings:
        occurrence.meeting.project = project  # its URL names the project: no second read
    return JsonResponse(project_as_dict(project, meetings))
