"""Signals through which higher apps hand over the personal data they hold about a person.

Accounts sits low on the app ladder: it must not import the apps that store personal data
(contributions, meetings, notifications...). Instead each of them connects receivers to these
two signals, usually from a module `<app>/personal_data.py` wired in its `AppConfig.ready()`:

    from leviers.accounts.signals import collect_personal_data, forget_user

    @receiver(collect_personal_data)
    def _export(sender, user, **kwargs):
        return {"contributions": [...]}   # JSON-serialisable

    @receiver(forget_user)
    def _forget(sender, user, **kwargs):
        ...  # anonymise (« un habitant ») or delete what this app holds about `user`

`collect_personal_data` is sent when a person exports their data (« Mes données »); each receiver
returns a JSON-serialisable dict of what its app holds about `user`, merged into the export under
the receiver's app label. `forget_user` is sent inside the transaction that deletes the account,
*before* the user row is deleted: receivers anonymise what the project needs to keep (a
contribution stays, signed « un habitant ») and delete the rest; their return value is ignored.
A receiver that raises aborts the deletion (the transaction is rolled back), so nothing is half
forgotten.

Both are sent with `sender=User` (the user model class) and the keyword argument `user`.
"""

from django.dispatch import Signal

#: Sent with ``user``; receivers return a JSON-serialisable dict of their data about ``user``.
collect_personal_data = Signal()

#: Sent with ``user`` inside the deletion transaction, before the account is deleted; receivers
#: anonymise or delete their data about ``user``.
forget_user = Signal()

#: Sent inside the transaction that changes a membership's role or state (accounts.actions),
#: with ``membership`` (after the change), ``role_before``, ``active_before`` and ``by`` (who
#: changed it; None for the operator's commands). The outreach app writes the changes of its
#: roles to the team's access log.
membership_changed = Signal()
