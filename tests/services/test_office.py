"""The office: composed of one part per area over one context; the acting user swapped in one step
and read as a snapshot; opening work in `Office.open`, none in the constructors; every writing
method says which areas it changes; typed signatures throughout."""

from __future__ import annotations

import dataclasses
import inspect
import sys
import threading
from datetime import date

import pytest

from desktop_app.domain.actors import SIGNED_OUT, Actor, Role
from desktop_app.domain.permissions import Permission, PermissionDenied
from desktop_app.domain.schedule import parse_schedule_spec
from desktop_app.services import accounts
from desktop_app.services.changes import Area, collect_changes
from desktop_app.services.classes import ClassDraft
from desktop_app.services.database import OpenedDatabase
from desktop_app.services.office import Office, OfficeContext, OfficePart
from tests.services.test_accounts import PASSWORD, add_user, set_up

# Every method of every part that changes no record. Any other public method must carry the
# areas it writes (`@writes`); a new method lands in one list or the other on purpose.
READ_ONLY = {
    "classes": {"list", "get", "occupation_choices", "training_type_choices"},
    "trainees": {"class_roster", "get", "find_by_identity"},
    "roster": {"write_template", "preview", "write_rejected_rows"},
    "institution": {"profile"},
    "attendance": {"sessions", "grid", "history", "summary", "signin_sheets_pdf", "session_ids"},
    "assessments": {"list", "pass_marks"},
    "certificates": {"candidates", "list", "pdf", "zip", "verify", "reprint", "holder_matches"},
    "accounts": {"first_run_needed", "sign_out", "list_users"},
    "audit": {"entries", "filter_choices", "find_user_id", "verify"},
    "outbox": {"list", "detail"},
    "device": {"registration", "platform_online"},
    "backups": {"backup", "backup_if_due", "backup_on_close"},  # they write files, not records
    "teachers": {"list"},
    "demo": set(),
    "files": {"save"},  # writes files, not records
    "tables": set(),
    "subsidy": {"rules", "estimate", "write_estimate"},  # write_estimate writes a file, not records
}


def parts(office: Office) -> dict[str, OfficePart]:
    return {name: value for name, value in vars(office).items() if isinstance(value, OfficePart)}


def public_methods(part: OfficePart) -> dict[str, object]:
    return {name: member for name, member in inspect.getmembers(type(part), inspect.isfunction)
            if not name.startswith("_")}


def test_the_parts_share_one_context(office):
    assert set(parts(office)) == set(READ_ONLY)
    assert all(part._context is office.context for part in parts(office).values())


def test_every_writing_method_is_marked_with_the_areas_it_changes(office):
    for name, part in parts(office).items():
        for method_name, method in public_methods(part).items():
            areas = getattr(method, "changes", None)
            if method_name in READ_ONLY[name]:
                assert areas is None, f"office.{name}.{method_name} is listed as read-only but marked {areas}"
            else:
                assert areas, f"office.{name}.{method_name} writes but is not marked @writes(Area…)"
                assert all(isinstance(area, Area) for area in areas)
        assert READ_ONLY[name] <= set(public_methods(part)), f"READ_ONLY lists a method office.{name} lacks"


def test_no_method_takes_untyped_catch_all_arguments(office):
    for name, part in [("office", office), *parts(office).items()]:
        members = inspect.getmembers(type(part), inspect.isfunction)
        for method_name, method in members:
            if method_name.startswith("__"):
                continue
            signature = inspect.signature(inspect.unwrap(method))
            for parameter in signature.parameters.values():
                assert parameter.kind not in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL), \
                    f"{name}.{method_name} takes *{parameter.name}"
                if parameter.name != "self":
                    assert parameter.annotation is not inspect.Parameter.empty, \
                        f"{name}.{method_name}({parameter.name}) has no type"
            assert signature.return_annotation is not inspect.Signature.empty, f"{name}.{method_name} has no return type"


def test_a_writing_call_reports_its_areas_and_a_refused_one_reports_none(office):
    draft = ClassDraft(code="2026-JZ01", name="家政服务员培训班", occupation_code="4-10-01-06", level=4,
                       training_type="employment_skills", start_date=date(2026, 12, 1), end_date=date(2026, 12, 31),
                       capacity=60, planned_lessons=64, schedule=parse_schedule_spec("mon-fri:am,pm/4"))
    with collect_changes() as collected:
        office.classes.create(draft)
    assert collected.changes.areas == {Area.CLASSES, Area.SESSIONS}
    set_up(office)
    office.accounts.sign_out()
    with collect_changes() as refused, pytest.raises(PermissionDenied):
        office.classes.update("2026-JZ01", name="改名")
    assert not refused.changes
    with collect_changes() as reading:
        office.classes.list()
    assert not reading.changes


# --- opening ------------------------------------------------------------------------------------


class _Untouchable:
    """Stands in for the database: any use of it is I/O the constructors must not do."""

    def __getattr__(self, name):
        raise AssertionError(f"the database was used ({name}) while only constructing")


def test_constructing_the_context_and_the_office_does_no_io():
    opened = OpenedDatabase(db=_Untouchable(), cipher=_Untouchable(), installation_id="x", actor=SIGNED_OUT,
                            created=False, migrated_from=None, revision="head")
    office = Office(OfficeContext(opened, key_dir=None))
    assert office.actor is SIGNED_OUT
    assert office.opened is opened


def test_opening_confirms_the_account_the_database_opened_as(office, monkeypatch):
    confirmed: list[Actor] = []
    real = accounts.confirm_acting_user
    monkeypatch.setattr(accounts, "confirm_acting_user", lambda db, actor: (confirmed.append(actor), real(db, actor)))
    Office(OfficeContext(office.opened))
    assert confirmed == []  # the constructor asks nothing
    before_first_run = Office.open(office.opened)
    assert confirmed == [office.opened.actor] and before_first_run.actor == office.opened.actor
    # After the first run the built-in administrator is retired: opening acts as nobody.
    set_up(office)
    reopened = Office.open(office.opened)
    assert reopened.actor == SIGNED_OUT
    assert reopened.classes.list() == office.classes.list()  # reading needs no sign-in


def test_each_action_checks_the_account_as_before(office):
    set_up(office)
    add_user(office, "li", Role.REGISTRAR)
    other = Office(OfficeContext(office.opened, actor=SIGNED_OUT))  # another computer
    other.accounts.sign_in("li", PASSWORD)
    office.accounts.deactivate("li")
    with pytest.raises(accounts.SessionEnded):
        other.require(Permission.MANAGE_CLASSES)
    assert other.actor == SIGNED_OUT


# --- the acting user --------------------------------------------------------------------------------


def test_the_acting_user_cannot_be_assigned_only_swapped(office):
    with pytest.raises(AttributeError):
        office.actor = SIGNED_OUT  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        office.actor.role = Role.ADMINISTRATOR  # type: ignore[misc]


def test_a_reader_never_sees_a_torn_acting_user(office):
    """A worker thread swaps the acting user as fast as it can; a reader thread only ever sees
    one of the whole users that were set, each with its own name and role."""
    users = [Actor(user_id=n, username=f"user{n}", display_name=f"用户{n}", role=role)
             for n, role in enumerate((Role.ADMINISTRATOR, Role.TEACHER, Role.CLERK), start=1)]
    known = {id(actor) for actor in users} | {id(SIGNED_OUT)}
    pairs = {(actor.user_id, actor.username, actor.role) for actor in users} | {
        (SIGNED_OUT.user_id, SIGNED_OUT.username, SIGNED_OUT.role)}
    stop = threading.Event()
    seen: list[Actor] = []

    def swap() -> None:
        while not stop.is_set():
            for actor in (*users, SIGNED_OUT):
                office.context.act_as(actor)

    def read() -> None:
        distinct: set[int] = set()
        for _ in range(200_000):
            actor = office.actor
            seen.append(actor)
            distinct.add(id(actor))
            if len(distinct) == len(known):
                break

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    try:
        writer = threading.Thread(target=swap)
        reader = threading.Thread(target=read)
        writer.start()
        reader.start()
        reader.join()
        stop.set()
        writer.join()
    finally:
        sys.setswitchinterval(interval)
    assert all(id(actor) in known for actor in seen)
    assert {(a.user_id, a.username, a.role) for a in seen} <= pairs
    assert len({id(actor) for actor in seen}) > 1  # the swaps did happen while reading


def test_a_sign_in_on_a_worker_thread_is_seen_by_the_ui_thread(office):
    set_up(office)
    office.accounts.sign_out()
    signed: list[Actor] = []
    worker = threading.Thread(target=lambda: signed.append(office.accounts.sign_in("wang", PASSWORD)))
    worker.start()
    # The UI thread only reads: it polls as a window's timer would, without joining the worker.
    deadline = threading.Event()
    for _ in range(200):
        if office.actor.signed_in:
            break
        deadline.wait(0.05)
    assert office.actor.username == "wang" and office.actor.role is Role.ADMINISTRATOR
    worker.join()
    assert office.actor is signed[0]


def test_a_stale_account_check_does_not_sign_out_a_newer_sign_in(office, monkeypatch):
    """The check of a disabled account ends its session, but when someone else signed in while
    the check ran (another worker thread), that newer sign-in stays."""
    set_up(office)
    add_user(office, "li", Role.REGISTRAR)
    office.accounts.sign_in("li", PASSWORD)
    stale = office.actor
    newer = Actor(user_id=999, username="zhou", display_name="周", role=Role.CLERK)
    real = accounts.confirm_acting_user

    def check_while_someone_signs_in(db, actor):
        office.context.act_as(newer)  # a sign-in that finished on another thread meanwhile
        raise accounts.SessionEnded("accounts.session_disabled", user=actor.username)

    monkeypatch.setattr(accounts, "confirm_acting_user", check_while_someone_signs_in)
    with pytest.raises(accounts.SessionEnded):
        office.context.acting()
    assert office.actor is newer
    # Without a newer sign-in the ended session signs the office out.
    office.context.act_as(stale)
    monkeypatch.setattr(accounts, "confirm_acting_user",
                        lambda db, actor: (_ for _ in ()).throw(accounts.SessionEnded("accounts.session_disabled",
                                                                                      user=actor.username)))
    with pytest.raises(accounts.SessionEnded):
        office.context.acting()
    assert office.actor == SIGNED_OUT
    monkeypatch.setattr(accounts, "confirm_acting_user", real)


def test_unlocking_keeps_the_same_user_and_refuses_when_nobody_is_signed_in(office):
    set_up(office)
    with pytest.raises(accounts.SignInError):
        office.accounts.unlock("wrong password here")
    assert office.accounts.unlock(PASSWORD).username == "wang"
    office.accounts.sign_out()
    with pytest.raises(accounts.SignInError):
        office.accounts.unlock(PASSWORD)
    assert office.actor == SIGNED_OUT
