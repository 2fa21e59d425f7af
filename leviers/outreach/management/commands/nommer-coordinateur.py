"""Name an outreach team's first coordinator (docs/aller-vers.md): the operator's command.

On the site, only an active coordinator of the team gives or takes the roles intervenant and
coordinateur (accounts/permissions.py, accounts.grant_outreach_role): somebody has to be the
first. The change is written to the team's access log, by « l'exploitant »."""

from django.core.management.base import BaseCommand, CommandError

from leviers.accounts.actions import membership_grant
from leviers.accounts.models import Membership, Organisation, User


class Command(BaseCommand):
    help = (
        "Nomme une personne coordinatrice de l'équipe d'aller-vers d'une organisation (la "
        "première ; ensuite, la coordination donne les rôles sur le site). Arguments : "
        "l'identifiant public de l'organisation, l'adresse électronique du compte."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="identifiant public de l'organisation")
        parser.add_argument("email", help="adresse électronique du compte")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(public_id=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"Organisation « {options['organisation']} » introuvable.")
        users = list(User.objects.filter(email__iexact=options["email"].strip())[:2])
        if len(users) != 1:
            raise CommandError(
                f"Aucun compte (ou plusieurs) avec l'adresse « {options['email']} » : la "
                "personne doit d'abord créer son compte."
            )
        others = organisation.memberships.filter(
            role=Membership.Role.COORDINATOR, is_active=True
        ).exclude(user=users[0])
        membership_grant(organisation, users[0], Membership.Role.COORDINATOR, by=None)
        self.stdout.write(
            f"{users[0].email} coordonne l'aller-vers de {organisation.name} "
            f"(autres coordinateurs actifs : {others.count()})."
        )
