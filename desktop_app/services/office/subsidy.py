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
    def set_rules(self, *, local_factor_percent: int | None = None, shortage_uplift_percent: int | None = None,
                  training_certificate_fen: int | None = None, living_allowance_fen_per_day: int | None = None,
                  work_for_training_fen_per_month: int | None = None) -> CityRulesView:
        """An administrator's local override of the figures given (None: left as it is); audited."""
        return use_cases.set_city_rules(self._db, actor=self._acting(), changes={
            "local_factor_percent": local_factor_percent, "shortage_uplift_percent": shortage_uplift_percent,
            "training_certificate_fen": training_certificate_fen,
            "living_allowance_fen_per_day": living_allowance_fen_per_day,
            "work_for_training_fen_per_month": work_for_training_fen_per_month})

    def estimate(self, class_code: str, *, claim_date: date | None = None,
                 as_of: datetime | None = None) -> ClassEstimate:
        """Per trainee: training subsidy, living allowance, payee and every reason; with totals."""
        return use_cases.class_estimate(self._db, self._cipher, class_code, claim_date=claim_date, as_of=as_of)

    def write_estimate(self, estimate: ClassEstimate, path: Path) -> None:
        """The estimate as an xlsx (masked identity numbers)."""
        use_cases.write_estimate_workbook(estimate, path)
