"""What a writing call changed, so a window can redraw only the screens that show it.

Every writing method of the facade is marked with the areas of the records it changes
(`@writes(Area.ATTENDANCE)`). A caller that wants to know — the window's operation helper —
runs the call inside `collect_changes()` and reads the areas afterwards; a caller that does not
care (the command line) pays nothing but a set lookup. The areas are gathered per thread, so
two operations running at once on the window's worker threads never see each other's changes.
(Anki returns an `OpChanges` from each backend operation for the same purpose.)
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ParamSpec, TypeVar


class Area(StrEnum):
    """A kind of record a screen may show."""

    INSTITUTION = "institution"
    CLASSES = "classes"
    SESSIONS = "sessions"
    TRAINEES = "trainees"
    ROSTER = "roster"
    ATTENDANCE = "attendance"
    ASSESSMENTS = "assessments"
    CERTIFICATES = "certificates"
    OUTBOX = "outbox"
    ACCOUNTS = "accounts"
    AUDIT = "audit"
    DEVICE = "device"
    REFERENCE = "reference"
    TEACHERS = "teachers"


@dataclass(frozen=True)
class Changes:
    """The areas one operation changed (empty: it only read)."""

    areas: frozenset[Area] = field(default_factory=frozenset)

    def touches(self, *areas: Area) -> bool:
        return not self.areas.isdisjoint(areas)

    def __bool__(self) -> bool:
        return bool(self.areas)

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(self.areas | other.areas)


NO_CHANGES = Changes()

_local = threading.local()


class ChangeCollector:
    """Areas reported on this thread while `collect_changes()` is open."""

    def __init__(self) -> None:
        self._areas: set[Area] = set()

    def add(self, areas: frozenset[Area]) -> None:
        self._areas.update(areas)

    @property
    def changes(self) -> Changes:
        return Changes(frozenset(self._areas))


@contextmanager
def collect_changes() -> Iterator[ChangeCollector]:
    """Gather the areas that writing calls made on this thread report; nests (an outer
    collector also receives what an inner one gathered)."""
    collector = ChangeCollector()
    stack: list[ChangeCollector] = getattr(_local, "stack", None) or []
    _local.stack = stack
    stack.append(collector)
    try:
        yield collector
    finally:
        stack.pop()
        if stack:
            stack[-1].add(collector.changes.areas)


def report_changes(*areas: Area) -> None:
    """Tell the innermost open collector on this thread (if any) that these areas changed.
    For a call whose areas depend on what it did; most use `@writes` instead."""
    stack = getattr(_local, "stack", None)
    if stack:
        stack[-1].add(frozenset(areas))


P = ParamSpec("P")
R = TypeVar("R")


def writes(*areas: Area) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a facade method as changing these areas. Reported only when it returns: a call
    that raised changed nothing (writes and their audit entries share one transaction)."""
    frozen = frozenset(areas)

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            result = method(*args, **kwargs)
            report_changes(*frozen)
            return result

        wrapper.changes = frozen  # type: ignore[attr-defined]  # read by the tests and the docs
        return wrapper

    return decorate
