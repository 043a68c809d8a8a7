"""`office.subsidy`: the city's subsidy figures and what each trainee of a class earns."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from desktop_app.services import subsidy as use_cases
from desktop_app.services.changes import Area, writes
from desktop_app.services.office.context import OfficePart
from desktop_app.services.subsidy import CityRulesView, ClassEstimate


class Subsidy(OfficePart):
    """Subsidy figures (dataset + local override) and the per-class estimate."""

    def rules(self) -> CityRulesView:
        """The figures in force, each with where it comes from (dataset, override, unset)."""
        return use_cases.show_city_rules(self._db)

    @writes(Area.REFERENCE)
    def set_rules(self, **changes: int | None) -> CityRulesView:
        """An administrator's local override (fen or percent, by CityRules field name); audited."""
        return use_cases.set_city_rules(self._db, actor=self._acting(), changes=changes)

    def estimate(self, class_code: str, *, claim_date: date | None = None,
                 as_of: datetime | None = None) -> ClassEstimate:
        """Per trainee: training subsidy, living allowance, payee and every reason; with totals."""
        return use_cases.class_estimate(self._db, self._cipher, class_code, claim_date=claim_date, as_of=as_of)

    def write_estimate(self, estimate: ClassEstimate, path: Path) -> None:
        """The estimate as an xlsx (masked identity numbers)."""
        use_cases.write_estimate_workbook(estimate, path)
