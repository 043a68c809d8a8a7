"""`office.institution`: the institution's profile (机构信息) — read it, change it, reveal its
subsidy bank account for a stated purpose."""

from __future__ import annotations

from desktop_app.domain.institution import InstitutionFields
from desktop_app.services import institution as use_cases
from desktop_app.services.changes import Area, writes
from desktop_app.services.institution import InstitutionView
from desktop_app.services.office.context import OfficePart


class Institution(OfficePart):
    """The one institution this database serves."""

    def profile(self) -> InstitutionView | None:
        """As recorded (None before anything was); the bank account masked."""
        return use_cases.institution_profile(self._db)

    @writes(Area.INSTITUTION)
    def update(self, fields: InstitutionFields) -> InstitutionView:
        """Change the profile (administrators), audited with old and new values; the code only
        while no certificate carries it."""
        return use_cases.update_institution(self._db, self._cipher, actor=self._acting(), fields=fields)

    @writes(Area.AUDIT)
    def reveal_bank_account(self, purpose: str) -> str:
        """The full subsidy account number; the reveal is audited in the same transaction."""
        return use_cases.reveal_bank_account(self._db, self._cipher, actor=self._acting(), purpose=purpose)
