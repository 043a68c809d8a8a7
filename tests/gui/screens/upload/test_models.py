"""The outbox table colours each batch state and shows a next try only while the batch still waits."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.batches import PENDING_STATES, RECEIPT_STATES, BatchState
from desktop_app.gui.screens.upload.models import STATE_COLOURS, OutboxModel
from desktop_app.gui.theme import qcolor
from desktop_app.services.outbox import BatchRow

pytestmark = pytest.mark.usefixtures("chinese")

NEXT_TRY = datetime(2026, 3, 2, 1, 30, tzinfo=timezone.utc)


def _batch(number: int, state: BatchState, **changes) -> BatchRow:
    values = dict(batch_id=f"B{number}", kind="cohort_completion", class_code=f"2026-X{number}", class_name="电工班",
                  state=state, attempts=1, next_attempt_at=NEXT_TRY, last_error=None,
                  created_at=datetime(2026, 3, 1, tzinfo=timezone.utc), sent_at=None, sequence=None,
                  receipt_status=None, received_at=None, issue_count=0, supersedes=None, superseded_by=None,
                  content_hash="0" * 64)
    values.update(changes)
    return BatchRow(**values)


def test_every_state_has_its_colour_and_word_and_only_waiting_batches_show_a_next_try():
    assert set(STATE_COLOURS) == set(BatchState)
    model = OutboxModel([_batch(n, state) for n, state in enumerate(BatchState)])
    for row, state in enumerate(BatchState):
        assert model.data(model.index(row, OutboxModel.STATE)) == state.label_zh
        assert model.data(model.index(row, OutboxModel.STATE), Qt.ItemDataRole.ForegroundRole) == \
            qcolor(STATE_COLOURS[state])
        next_try = model.data(model.index(row, OutboxModel.NEXT_TRY))
        assert (next_try != "") == (state in PENDING_STATES), state


def test_a_returned_batch_is_the_most_urgent_until_its_correction_is_sealed():
    returned = _batch(2, BatchState.REJECTED)
    model = OutboxModel([_batch(1, BatchState.ACCEPTED), returned])
    assert model.returned(returned) and model.most_urgent() == 1
    correction = _batch(3, BatchState.SEALED, kind="correction", supersedes=returned.batch_id)
    model.set_rows([correction, *model.rows()])
    assert not model.returned(returned)


def test_the_batch_panel_words_a_receipt_by_what_the_platform_decided(qtbot, office):
    from desktop_app.gui.feedback import NoticeBanner
    from desktop_app.gui.operations import Operations
    from desktop_app.gui.screens.upload.batch_panel import BatchPanel
    from desktop_app.gui.tasks import TaskRunner
    from desktop_app.services.outbox import BatchDetail

    outbox = OutboxModel()
    panel = BatchPanel(office, Operations(TaskRunner()), outbox=outbox, notice=NoticeBanner())
    qtbot.addWidget(panel)
    for state in BatchState:
        row = _batch(1, state, sequence=7 if state.is_final else None, received_at="2026-03-02T01:30:00Z")
        outbox.set_rows([row])
        panel.detail = BatchDetail(row=row, issues=[], receipt_verified=True, content_hash=row.content_hash,
                                   key_id="k1", size_bytes=100)
        panel.render()
        text = panel.receipt_label.text()
        assert state.label_zh in panel.title.text()
        assert ("省平台没有提出问题。" in text) == \
            (state in RECEIPT_STATES), (state, text)
        assert ("已接收" in text) == (state is BatchState.ACCEPTED_WITH_WARNINGS), (state, text)
