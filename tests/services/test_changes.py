"""Writing calls report the areas they changed to the collector open on their own thread."""

import threading

import pytest

from desktop_app.services.changes import Area, Changes, collect_changes, writes


class _Facade:
    @writes(Area.ATTENDANCE)
    def set_mark(self) -> str:
        return "marked"

    @writes(Area.CLASSES, Area.SESSIONS)
    def refuse(self) -> None:
        raise ValueError("refused")


def test_a_writing_call_reports_its_areas_and_returns_its_result():
    with collect_changes() as collected:
        assert _Facade().set_mark() == "marked"
    assert collected.changes == Changes(frozenset({Area.ATTENDANCE}))
    assert collected.changes.touches(Area.ATTENDANCE, Area.TRAINEES)
    assert not collected.changes.touches(Area.CLASSES)


def test_a_call_that_raised_reports_nothing():
    with collect_changes() as collected, pytest.raises(ValueError):
        _Facade().refuse()
    assert not collected.changes


def test_outside_a_collector_nothing_is_gathered_and_calls_still_work():
    assert _Facade().set_mark() == "marked"
    with collect_changes() as collected:
        pass
    assert not collected.changes


def test_nested_collectors_pass_their_areas_outwards():
    with collect_changes() as outer:
        with collect_changes() as inner:
            _Facade().set_mark()
        assert inner.changes.areas == {Area.ATTENDANCE}
    assert outer.changes.areas == {Area.ATTENDANCE}


def test_two_threads_never_see_each_others_changes():
    seen: dict[str, frozenset] = {}
    barrier = threading.Barrier(2)

    def work(name: str, call) -> None:
        with collect_changes() as collected:
            barrier.wait()
            call()
            barrier.wait()
        seen[name] = collected.changes.areas

    facade = _Facade()
    a = threading.Thread(target=work, args=("a", facade.set_mark))
    b = threading.Thread(target=work, args=("b", lambda: None))
    a.start(); b.start(); a.join(); b.join()
    assert seen == {"a": frozenset({Area.ATTENDANCE}), "b": frozenset()}


def test_the_marked_areas_are_readable_for_documentation():
    assert _Facade.set_mark.changes == frozenset({Area.ATTENDANCE})
