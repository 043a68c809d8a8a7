"""No identity digits beyond the masked form are in the database file (issue 15 item 6).

The masked number keeps digits 1–4 and 15–18. Before, the birth date (digits 7–14) sat in clear
beside it, so only the two county digits and the check digit were left to guess: most numbers
came out as one or two candidates from the file alone. Now the birth date is encrypted like the
number, and a database from before is converted the first time it is opened with its key."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlalchemy import select, update

from desktop_app.bootstrap import open_office
from desktop_app.domain.identity import _WEIGHTS
from desktop_app.store.models import Trainee
from tests.services.test_attendance import running  # noqa: F401  (fixture: 5 trainees in a class)


def file_bytes(settings) -> bytes:
    path = settings.sqlite_path
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def birth_texts(number: str) -> list[bytes]:
    digits = number[6:14]
    return [digits.encode(), f"{digits[:4]}-{digits[4:6]}-{digits[6:]}".encode()]


def clear_columns(settings) -> list[dict]:
    """What someone holding only the database file reads of each trainee without the key."""
    import sqlite3

    connection = sqlite3.connect(settings.sqlite_path)
    try:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(
            "SELECT id_masked, sex, birth_date, ethnicity, education, household_type FROM trainee")]
    finally:
        connection.close()


def candidates(masked: str, *, born_from: date, born_to: date) -> int:
    """How many valid resident numbers fit the masked form, county digits unknown (00–99) and
    the birth date anywhere in [born_from, born_to]: counted exactly through the check digit."""
    known = masked[:4] + "??" + "????????" + masked[14:17]
    fixed = sum(int(ch) * w for ch, w in zip(known, _WEIGHTS) if ch.isdigit())
    counties = Counter((int(a) * _WEIGHTS[4] + int(b) * _WEIGHTS[5]) % 11 for a in "0123456789" for b in "0123456789")
    dates, day = Counter(), born_from
    while day <= born_to:
        digits = f"{day:%Y%m%d}"
        dates[sum(int(ch) * w for ch, w in zip(digits, _WEIGHTS[6:14])) % 11] += 1
        day += timedelta(days=1)
    check = "10X98765432".index(masked[17])  # the remainder that gives this check character
    return sum(n * m for c, n in counties.items() for d, m in dates.items() if (fixed + c + d) % 11 == check)


def test_no_birth_date_in_the_file_and_no_number_narrowed_to_a_few(office, running, settings):  # noqa: F811
    _, persons = running
    office.close()
    data = file_bytes(settings)
    for person in persons:
        assert person.id_number.encode() not in data
        for text in birth_texts(person.id_number):
            assert text not in data, f"birth date of {person.name} in clear"
    rows = clear_columns(settings)
    assert rows and all(row["birth_date"] is None for row in rows)
    # Trainees are 16–60 at enrolment: the file leaves thousands of numbers for each of them.
    fewest = min(candidates(row["id_masked"], born_from=date(1966, 1, 1), born_to=date(2010, 12, 31)) for row in rows)
    assert fewest > 1000
    # The application itself still has the dates, and ages work from them.
    again = open_office(settings)
    try:
        found = [row.birth_date for row in again.trainees.search("")]
        for person in persons:
            born = date(int(person.id_number[6:10]), int(person.id_number[10:12]), int(person.id_number[12:14]))
            assert born in found
    finally:
        again.close()


def test_a_database_from_before_has_its_clear_dates_encrypted_at_the_next_open(office, running, settings):  # noqa: F811
    _, persons = running
    with office.db.writing() as session:  # the state a database of revision 0005 is in
        for trainee_id, in session.execute(select(Trainee.id)).all():
            session.execute(update(Trainee).where(Trainee.id == trainee_id)
                            .values(birth_date=date(1990, 5, 17), birth_date_enc=None))
    office.close()
    assert b"1990-05-17" in file_bytes(settings)

    again = open_office(settings)
    try:
        assert {row.birth_date for row in again.trainees.search("")} == {date(1990, 5, 17)}
    finally:
        again.close()
    assert all(row["birth_date"] is None for row in clear_columns(settings))
    assert b"1990-05-17" not in file_bytes(settings)
