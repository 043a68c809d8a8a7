"""The outbox batch's state machine: the stored values and words of its seven states, the moves it
allows, and the loud refusal of every other move."""

from __future__ import annotations

import itertools
import threading

import pytest

from desktop_app.domain.batches import (
    ALLOWED_TRANSITIONS,
    FINAL_STATES,
    PENDING_STATES,
    RECEIPT_STATES,
    UNCONFIRMED_STATES,
    BatchState,
    BatchTransitionError,
    recording_transitions,
    transition,
)

S = BatchState

# Stored in outbox_batch.state since the first release: changing one needs a migration.
STORED = ["sealed", "sending", "sent_unconfirmed", "accepted", "accepted_with_warnings", "rejected", "superseded"]


def test_the_stored_values_are_todays_strings():
    assert [state.value for state in BatchState] == STORED
    assert all(BatchState(value) == value for value in STORED)


@pytest.mark.parametrize(("state", "zh", "en"), [
    (S.SEALED, "待上传", "Waiting to upload"),
    (S.SENDING, "上传中", "Uploading"),
    (S.SENT_UNCONFIRMED, "已发送待确认", "Sent, awaiting confirmation"),
    (S.ACCEPTED, "已上传", "Uploaded"),
    (S.ACCEPTED_WITH_WARNINGS, "已上传（有提醒）", "Uploaded (with notes)"),
    (S.REJECTED, "被退回", "Returned"),
    (S.SUPERSEDED, "已被新批次取代", "Replaced by a newer batch"),
])
def test_each_state_has_its_words_in_both_languages(state, zh, en):
    assert (state.label("zh"), state.label("en")) == (zh, en)
    assert f"{state.words:zh}" == zh and f"{state.words:en}" == en


def test_the_groups_of_states_split_waiting_from_settled():
    assert set(PENDING_STATES) | set(FINAL_STATES) == set(BatchState)
    assert not set(PENDING_STATES) & set(FINAL_STATES)
    assert set(UNCONFIRMED_STATES) < set(PENDING_STATES) and set(RECEIPT_STATES) < set(FINAL_STATES)
    assert [s for s in BatchState if s.is_pending] == list(PENDING_STATES)
    assert [s for s in BatchState if s.may_be_on_platform] == list(UNCONFIRMED_STATES)
    assert [s for s in BatchState if s.is_final] == list(FINAL_STATES)


def test_the_allowed_moves_are_data_for_every_state_and_lead_only_forward_from_settled_states():
    assert set(ALLOWED_TRANSITIONS) == set(BatchState)
    assert all(state not in targets for state, targets in ALLOWED_TRANSITIONS.items())
    # A settled batch moves only once more: a returned one when its correction is accepted.
    assert {state: set(ALLOWED_TRANSITIONS[state]) for state in FINAL_STATES} == {
        S.ACCEPTED: set(), S.ACCEPTED_WITH_WARNINGS: set(), S.REJECTED: {S.SUPERSEDED}, S.SUPERSEDED: set()}
    with pytest.raises(TypeError):
        ALLOWED_TRANSITIONS[S.SEALED] = frozenset()  # type: ignore[index]


# In the enum's order: a set's order differs between processes, and pytest-xdist workers must agree.
ALLOWED = [(a, b) for a in BatchState for b in BatchState if b in ALLOWED_TRANSITIONS[a]]
REFUSED = [(a, b) for a, b in itertools.permutations(BatchState, 2) if b not in ALLOWED_TRANSITIONS[a]]


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_an_allowed_move_returns_the_new_state_from_a_member_or_its_stored_string(current, target):
    assert transition(current, target) is target
    assert transition(current.value, target.value) is target


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_a_move_the_state_machine_does_not_have_is_refused_loudly(current, target):
    with recording_transitions() as moves, pytest.raises(BatchTransitionError) as refused:
        transition(current, target)
    assert repr(current.value) in str(refused.value) and repr(target.value) in str(refused.value)
    assert moves == []  # a refused move is not recorded as made


def test_the_refusals_include_going_back_from_an_upload_the_platform_accepted():
    for target in (S.SEALED, S.SENDING, S.REJECTED, S.SUPERSEDED):
        with pytest.raises(BatchTransitionError):
            transition(S.ACCEPTED, target)
    with pytest.raises(BatchTransitionError):
        transition(S.SUPERSEDED, S.ACCEPTED)


def test_a_stored_value_that_is_no_state_is_refused():
    with pytest.raises(ValueError):
        transition("lost", S.SENDING)
    with pytest.raises(ValueError):
        transition(S.SEALED, "uploaded")


def test_staying_in_a_state_is_not_a_move():
    with recording_transitions() as moves:
        for state in BatchState:
            assert transition(state, state) is state
    assert moves == []


def test_the_recorder_sees_each_move_in_order_from_every_thread_and_only_while_it_records():
    transition(S.SEALED, S.SENDING)
    with recording_transitions() as outer:
        transition(S.SEALED, S.SENDING)
        with recording_transitions() as inner:
            worker = threading.Thread(target=transition, args=(S.SENDING, S.SENT_UNCONFIRMED))
            worker.start()
            worker.join()
        transition(S.SENT_UNCONFIRMED, S.ACCEPTED)
    transition(S.REJECTED, S.SUPERSEDED)
    assert inner == [(S.SENDING, S.SENT_UNCONFIRMED)]
    assert outer == [(S.SEALED, S.SENDING), (S.SENDING, S.SENT_UNCONFIRMED), (S.SENT_UNCONFIRMED, S.ACCEPTED)]
