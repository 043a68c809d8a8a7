"""`office.trainees`: people, their personal data (revealed only for a stated purpose) and corrections."""

from __future__ import annotations

from desktop_app.services import trainees as use_cases
from desktop_app.services.changes import Area, writes
from desktop_app.services.office.context import OfficePart
from desktop_app.services.trainees import RosterEntry, TraineeDetail, TraineeEdit, TraineeRow


class Trainees(OfficePart):
    """Find trainees, read one, reveal one personal field, correct a name or a subsidy claim."""

    @writes(Area.AUDIT)
    def search(self, query: str, *, limit: int = 200) -> list[TraineeRow]:
        """By name (part of it), a full identity number, or its last four characters. Signed in
        only; a search by a full number is audited (it confirms whether that person is here)."""
        actor = self._reading_personal_data()
        return use_cases.search_trainees(self._db, self._cipher, query, limit=limit, actor=actor)

    def class_roster(self, code: str) -> list[RosterEntry]:
        self._reading_personal_data()
        return use_cases.class_roster(self._db, code)

    def get(self, trainee_id: int) -> TraineeDetail:
        self._reading_personal_data()
        return use_cases.get_trainee(self._db, self._cipher, trainee_id)

    @writes(Area.AUDIT)
    def reveal_personal_field(self, trainee_id: int, field: str, purpose: str) -> str:
        """The full value of one personal field; the reveal is audited in the same transaction."""
        return use_cases.reveal_personal_field(self._db, self._cipher, actor=self._acting(), trainee_id=trainee_id,
                                               field=field, purpose=purpose)

    @writes(Area.TRAINEES)
    def correct_name(self, trainee_id: int, name: str, reason: str) -> None:
        use_cases.correct_trainee_name(self._db, actor=self._acting(), trainee_id=trainee_id, name=name,
                                       reason=reason)

    @writes(Area.ROSTER)
    def set_subsidy_claim(self, enrolment_id: int, claimed: bool, reason: str) -> None:
        """Whether this enrolment claims a subsidy (an enrolment is a roster entry)."""
        use_cases.set_subsidy_claim(self._db, actor=self._acting(), enrolment_id=enrolment_id, claimed=claimed,
                                    reason=reason)

    def find_by_identity(self, id_number: str) -> int:
        """The trainee with this full identity number (its keyed hash); refused when there is none."""
        return use_cases.find_trainee_id(self._db, self._cipher, id_number)

    @writes(Area.TRAINEES)
    def edit(self, trainee_id: int, edit: TraineeEdit, *, reason: str) -> TraineeDetail:
        """Correct personal fields with the roster's checks; history and audit keep old and new."""
        return use_cases.edit_trainee(self._db, self._cipher, actor=self._acting(), trainee_id=trainee_id, edit=edit,
                                      reason=reason)
