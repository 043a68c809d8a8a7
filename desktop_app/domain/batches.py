"""An outbox batch's states (PROTOCOL §10): their words and the moves allowed between them.

sealed → sending → (sent_unconfirmed) → accepted | accepted_with_warnings | rejected; superseded
once an accepted correction replaces a rejected batch, or once a batch waiting under a revoked key
is signed again as a new one. Every change of a batch's state goes through `transition`, which
refuses a move the state machine does not have: that is a programming error, not a user's.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType

from desktop_app.domain.labelled import LabelledEnum


class BatchState(LabelledEnum):
    SEALED = "sealed", "待上传", "Waiting to upload"
    SENDING = "sending", "上传中", "Uploading"
    SENT_UNCONFIRMED = "sent_unconfirmed", "已发送待确认", "Sent, awaiting confirmation"
    ACCEPTED = "accepted", "已上传", "Uploaded"
    ACCEPTED_WITH_WARNINGS = "accepted_with_warnings", "已上传（有提醒）", "Uploaded (with notes)"
    REJECTED = "rejected", "被退回", "Returned"
    SUPERSEDED = "superseded", "已被新批次取代", "Replaced by a newer batch"

    @property
    def is_pending(self) -> bool:
        """Still to go up (counted as waiting, sent by the next upload)."""
        return self in PENDING_STATES

    @property
    def may_be_on_platform(self) -> bool:
        """Sent, and the answer never arrived: ask for its receipt before sending it again."""
        return self in UNCONFIRMED_STATES

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATES


PENDING_STATES = (BatchState.SEALED, BatchState.SENDING, BatchState.SENT_UNCONFIRMED)
UNCONFIRMED_STATES = (BatchState.SENDING, BatchState.SENT_UNCONFIRMED)
# What a platform's receipt can say about a batch.
RECEIPT_STATES = (BatchState.ACCEPTED, BatchState.ACCEPTED_WITH_WARNINGS, BatchState.REJECTED)
FINAL_STATES = (*RECEIPT_STATES, BatchState.SUPERSEDED)

# Each move is one the code makes (tests/sync/test_batch_transitions.py walks a flow for each).
ALLOWED_TRANSITIONS: Mapping[BatchState, frozenset[BatchState]] = MappingProxyType({
    # Sent; signed again as a new batch after the key was revoked; a receipt carried back on USB.
    BatchState.SEALED: frozenset({BatchState.SENDING, BatchState.SUPERSEDED, *RECEIPT_STATES}),
    # Not delivered or refused (back to waiting); the answer was lost; the receipt, or refused whole.
    BatchState.SENDING: frozenset({BatchState.SEALED, BatchState.SENT_UNCONFIRMED, *RECEIPT_STATES}),
    # The platform has no receipt: sent again; the receipt query was refused; the receipt.
    BatchState.SENT_UNCONFIRMED: frozenset({BatchState.SENDING, BatchState.SEALED, *RECEIPT_STATES}),
    # A correction of it was accepted.
    BatchState.REJECTED: frozenset({BatchState.SUPERSEDED}),
    BatchState.ACCEPTED: frozenset(),
    BatchState.ACCEPTED_WITH_WARNINGS: frozenset(),
    BatchState.SUPERSEDED: frozenset(),
})


class BatchTransitionError(RuntimeError):
    """A move between batch states that the state machine does not allow: a bug, raised loudly."""


_recorders: list[list[tuple[BatchState, BatchState]]] = []
_recorders_lock = threading.Lock()


def transition(current: BatchState | str, target: BatchState | str) -> BatchState:
    """`target`, once the move from `current` is checked against ALLOWED_TRANSITIONS.

    Staying in the same state is not a move (an unconfirmed batch whose receipt query fails
    again stays unconfirmed). Raises BatchTransitionError for a move that is not allowed.
    """
    current, target = BatchState(current), BatchState(target)
    if target is current:
        return target
    if target not in ALLOWED_TRANSITIONS[current]:
        raise BatchTransitionError(f"an outbox batch cannot go from {current.value!r} to {target.value!r}")
    with _recorders_lock:
        for recorder in _recorders:
            recorder.append((current, target))
    return target


@contextmanager
def recording_transitions() -> Iterator[list[tuple[BatchState, BatchState]]]:
    """Collect every move `transition` makes (in any thread) while the block runs, in order."""
    moves: list[tuple[BatchState, BatchState]] = []
    with _recorders_lock:
        _recorders.append(moves)
    try:
        yield moves
    finally:
        with _recorders_lock:
            # By identity: two recorders may hold equal lists.
            _recorders[:] = [recorder for recorder in _recorders if recorder is not moves]
