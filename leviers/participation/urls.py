from django.urls import path

from leviers.participation import reports, team_views, views

app_name = "participation"

# Under /projets/, beside the journey's fixed words: a public id is always 12 characters.
urlpatterns = [
    # What inhabitants see.
    path("<str:public_id>/", views.project, name="project"),
    path("<str:public_id>/contributions/", views.contributions, name="contributions"),
    path("<str:public_id>/contribuer/", views.contribute, name="contribute"),
    path("<str:public_id>/contribuer/merci/", views.thanks, name="thanks"),
    path("<str:public_id>/propositions/", views.proposals, name="proposals"),
    path("<str:public_id>/propositions/<str:proposal_id>/", views.proposal, name="proposal"),
    path(
        "<str:public_id>/propositions/<str:proposal_id>/soutenir/",
        views.support,
        name="support",
    ),
    # The team's workspace.
    path("<str:public_id>/tableau-de-bord/", team_views.dashboard, name="dashboard"),
    path("<str:public_id>/contributions/saisir/", team_views.record, name="record"),
    path("<str:public_id>/contributions/moderation/", team_views.moderation, name="moderation"),
    path(
        "<str:public_id>/contributions/<str:contribution_id>/moderer/",
        team_views.moderate,
        name="moderate",
    ),
    path("<str:public_id>/contributions.csv", team_views.contributions_csv, name="csv"),
    path("<str:public_id>/campagne/", team_views.campaign, name="campaign"),
    path("<str:public_id>/nouvelle-proposition/", team_views.proposal_new, name="proposal-new"),
    path(
        "<str:public_id>/propositions/<str:proposal_id>/repondre/",
        team_views.proposal_answer,
        name="proposal-answer",
    ),
    path(
        "<str:public_id>/propositions/<str:proposal_id>/soutiens-hors-ligne/",
        team_views.paper_supports,
        name="paper-supports",
    ),
    path("<str:public_id>/rapport/", reports.report, name="report"),
    path("<str:public_id>/rapport.pdf", reports.report_pdf, name="report-pdf"),
]
