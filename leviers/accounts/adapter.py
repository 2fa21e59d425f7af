"""How django-allauth fits Leviers: the client address as core reads it (trusted proxies),
so that allauth's rate limits key on the same address as every other limit."""

from allauth.account.adapter import DefaultAccountAdapter

from leviers.core.http import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        return client_address(request) or "0.0.0.0"  # noqa: S104 (never a bind address)
