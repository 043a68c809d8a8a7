"""The background upload policy, with a fake clock and a facade that only records its calls."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest

from desktop_app.domain.actors import SIGNED_OUT, Actor, Role
from desktop_app.gui.operations import Operations
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.upload_scheduler import AUTO_UPLOAD_INTERVAL_S, UploadScheduler
from desktop_app.services.accounts import SessionEnded
from desktop_app.services.outbox import SyncReport

CLERK = Actor(user_id=2, username="li", display_name="李文员", role=Role.CLERK)
TEACHER = Actor(user_id=3, username="zhang", display_name="张老师", role=Role.TEACHER)
URL = "https://pt.example.cn"


class FakeOffice:
    """Answers `outbox.sync` with the next prepared outcome; `release` lets a held upload finish."""

    def __init__(self) -> None:
        self.actor = CLERK
        self.outbox = SimpleNamespace(sync=self.sync)
        self.calls: list[dict] = []
        self.outcomes: list[object] = []
        self.release = threading.Event()
        self.release.set()

    def sync(self, url, *, progress, cancelled, force):
        self.calls.append({"url": url, "force": force})
        progress(0, 2)
        self.release.wait(10)
        progress(2, 2)
        outcome = self.outcomes.pop(0) if self.outcomes else SyncReport(uploaded=1)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def rig(qtbot, qapp):
    tasks = TaskRunner()
    operations = Operations(tasks)
    office, clock = FakeOffice(), Clock()
    url = {"value": URL}
    scheduler = UploadScheduler(office, operations, platform_url=lambda: url["value"], monotonic=clock)
    finished: list[tuple[object, bool]] = []
    scheduler.finished.connect(lambda outcome, manual: finished.append((outcome, manual)))
    yield scheduler, office, clock, finished, url
    office.release.set()
    tasks.wait_for_done()
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=10_000)


def wait_done(qtbot, scheduler) -> None:
    qtbot.waitUntil(lambda: not scheduler.running, timeout=10_000)


def test_online_with_batches_waiting_starts_a_background_upload(qtbot, rig):
    scheduler, office, clock, finished, _url = rig
    scheduler.note_waiting(2)
    assert not scheduler.running  # the platform's state is not known yet
    with qtbot.waitSignal(scheduler.started) as started:
        scheduler.note_online(True)
    assert started.args == [False]
    wait_done(qtbot, scheduler)
    assert office.calls == [{"url": URL, "force": False}]  # the background respects the retry back-off
    assert finished[0][0].uploaded == 1 and finished[0][1] is False


@pytest.mark.parametrize("online, waiting, url", [(False, 2, URL), (True, 0, URL), (True, 2, None)])
def test_nothing_starts_offline_with_nothing_waiting_or_without_an_address(rig, online, waiting, url):
    scheduler, office, _clock, _finished, address = rig
    address["value"] = url
    scheduler.note_waiting(waiting)
    scheduler.note_online(online)
    assert not scheduler.running and not scheduler.due() and office.calls == []


@pytest.mark.parametrize("actor", [SIGNED_OUT, TEACHER])
def test_nobody_and_a_role_that_may_not_upload_never_upload_in_the_background(rig, actor):
    scheduler, office, _clock, _finished, _url = rig
    office.actor = actor
    scheduler.note_waiting(2)
    scheduler.note_online(True)
    assert not scheduler.running and office.calls == []


def test_not_more_often_than_the_interval_after_the_last_upload(qtbot, rig):
    scheduler, office, clock, _finished, _url = rig
    office.outcomes = [SyncReport(waiting=2, offline=False, retry_after_seconds=30)]
    scheduler.note_waiting(2)
    scheduler.note_online(True)
    wait_done(qtbot, scheduler)
    clock.now += AUTO_UPLOAD_INTERVAL_S - 1
    scheduler.note_waiting(2)  # the refresh after the upload: still two waiting
    scheduler.note_online(True)
    assert not scheduler.running and len(office.calls) == 1
    clock.now += 1
    assert scheduler.consider()
    wait_done(qtbot, scheduler)
    assert len(office.calls) == 2


def test_an_upload_that_finds_the_platform_gone_goes_offline_until_the_next_probe(qtbot, rig):
    scheduler, office, clock, finished, _url = rig
    office.outcomes = [SyncReport(waiting=2, offline=True)]
    scheduler.note_waiting(2)
    scheduler.note_online(True)
    wait_done(qtbot, scheduler)
    assert scheduler.online is False and finished[0][0].offline
    clock.now += AUTO_UPLOAD_INTERVAL_S * 5
    scheduler.note_waiting(2)
    assert not scheduler.running  # offline: nothing is tried until the probe says otherwise
    scheduler.note_online(True)
    wait_done(qtbot, scheduler)
    assert len(office.calls) == 2


def test_a_class_sealed_just_after_an_upload_goes_at_once(qtbot, rig):
    scheduler, office, clock, _finished, _url = rig
    scheduler.note_waiting(1)
    scheduler.note_online(True)
    wait_done(qtbot, scheduler)
    scheduler.note_waiting(0)
    clock.now += 5  # well inside the interval
    with qtbot.waitSignal(scheduler.started):
        scheduler.note_waiting(1)  # a class was sealed: one more batch waits
    wait_done(qtbot, scheduler)
    assert len(office.calls) == 2


def test_one_upload_at_a_time_and_a_person_is_not_held_back_by_the_interval(qtbot, rig):
    scheduler, office, clock, finished, _url = rig
    office.release.clear()
    assert scheduler.start(manual=True)
    assert not scheduler.start(manual=True) and not scheduler.start(manual=False)
    scheduler.note_waiting(3)
    scheduler.note_online(True)  # due otherwise, but one is running
    office.release.set()
    wait_done(qtbot, scheduler)
    assert office.calls == [{"url": URL, "force": True}]  # a person asking ignores the back-off
    assert finished[0][1] is True
    assert scheduler.start(manual=True)  # straight after, whatever the interval
    wait_done(qtbot, scheduler)
    assert len(office.calls) == 2


def test_progress_and_stopping_reach_the_upload_screen_through_signals(qtbot, rig):
    scheduler, office, _clock, finished, _url = rig
    progress: list[tuple[int, int]] = []
    scheduler.progressed.connect(lambda done, total: progress.append((done, total)))
    office.release.clear()
    scheduler.start(manual=True)
    run = scheduler.current
    scheduler.stop()
    assert run.cancelled()
    office.release.set()
    wait_done(qtbot, scheduler)
    qtbot.waitUntil(lambda: (2, 2) in progress)
    assert progress[0] == (0, 2)


def test_a_failed_upload_is_handed_to_the_screen_not_lost(qtbot, rig):
    scheduler, office, _clock, finished, _url = rig
    office.outcomes = [SessionEnded("accounts.session_disabled", user="li")]
    failures = []
    scheduler.operations.failed.connect(failures.append)
    scheduler.start(manual=True)
    wait_done(qtbot, scheduler)
    assert isinstance(finished[0][0], SessionEnded) and finished[0][1] is True
    assert [type(error) for error in failures] == [SessionEnded]  # the window asks for a sign-in again
