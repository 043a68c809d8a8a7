"""封存并上传 on the classes page and the 上传 page: real sealed batches, the real reference platform."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop_app.store.models import Institution


def prepare_for_sealing(office, class_code: str) -> None:
    """Results for everyone and the certificates that follow: what a clerk does before sealing."""
    for row in office.assessments.list(class_code):
        office.assessments.record(class_code, row.enrolment_id, theory=800, practical=850, result="pass", retake=False)
    office.certificates.issue(class_code)


def institution_code(office) -> str:
    with office.db.reading() as session:
        return session.scalar(select(Institution.code).order_by(Institution.id).limit(1))


def wait_sync_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.tasks.pending == 0 and not window.uploads.running, timeout=30_000)


def seal_from_classes_page(qtbot, window, classes_page, select_class, class_code: str) -> None:
    select_class(class_code)
    panel = classes_page.detail
    assert panel.status_actions.seal_button.isVisible() and panel.status_actions.seal_button.text() == "封存并上传"
    panel.status_actions.seal_button.click()
    box = panel.status_actions.confirm_box
    assert box is not None and "不能再修改" in box.text()
    with qtbot.waitSignal(classes_page.class_sealed, timeout=30_000):
        box.button(QMessageBox.StandardButton.Yes).click()


def test_sealing_a_completed_class_puts_it_in_the_upload_queue(qtbot, demo_window, classes_page, select_class,
                                                                 code, demo_office):
    prepare_for_sealing(demo_office, code("YL01"))
    seal_from_classes_page(qtbot, demo_window, classes_page, select_class, code("YL01"))
    panel = classes_page.detail
    qtbot.waitUntil(lambda: panel.status_actions.seal_message is not None and panel.detail.row.status.value == "sealed",
                    timeout=20_000)
    assert "待上传" in panel.status_actions.seal_message.text()
    assert not panel.status_actions.seal_button.isVisible()
    qtbot.waitUntil(lambda: demo_window.waiting_status.text() == "待上传：1 批", timeout=20_000)
    page = demo_window.pages["sync"]
    with qtbot.waitSignal(page.batches_loaded, timeout=20_000):
        demo_window.show_page("sync")
    model = page.batch_model
    assert model.rowCount() == 1
    assert model.index(0, model.STATE).data() == "待上传"
    assert model.index(0, model.KIND).data() == "结业上报"
    assert "本机尚未在省平台登记" in page.registration_bar.label.text()
    wait_sync_idle(qtbot, demo_window)


def test_sealing_is_refused_with_every_reason(qtbot, demo_window, classes_page, select_class, code):
    select_class(code("YL01"))
    panel = classes_page.detail
    panel.status_actions.seal_button.click()
    with qtbot.waitSignal(panel.status_actions.seal_refused, timeout=30_000) as blocker:
        panel.status_actions.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    reasons = blocker.args[0]
    assert "还不能封存" in reasons and "没有考核结果" in reasons
    box = panel.status_actions.seal_message
    assert box is not None and box.icon() == QMessageBox.Icon.Warning
    assert "还不能封存" in box.text() and "另有" in box.text()  # the long list is cut short…
    assert box.detailedText() == reasons  # …and given in full under "Show Details"
    assert "Traceback" not in reasons
    assert panel.status_actions.seal_button.isEnabled() and panel.detail.row.status.value == "completed"


def test_upload_now_sends_the_batch_to_the_platform_and_shows_the_receipt(
        qtbot, demo_window, classes_page, select_class, code, demo_office, platform_server):
    prepare_for_sealing(demo_office, code("YL01"))
    seal_from_classes_page(qtbot, demo_window, classes_page, select_class, code("YL01"))
    wait_sync_idle(qtbot, demo_window)
    demo_office.device.register(platform_server.url, platform_server.enrolment_code(institution_code(demo_office)))
    demo_window.settings = replace(demo_window.settings, platform_url=platform_server.url)
    # Hold the background upload back (it has tests of its own): this one is about the button.
    demo_window.uploads.last_upload_at = time.monotonic()
    page = demo_window.pages["sync"]
    panel = page.batch_panel
    with qtbot.waitSignal(page.batches_loaded, timeout=20_000):
        demo_window.show_page("sync")
    assert "已在省平台登记" in page.registration_bar.label.text()
    with qtbot.waitSignal(demo_window.upload_finished, timeout=60_000) as blocker:
        page.upload_button.click()
    report = blocker.args[0]
    assert report.uploaded == 1 and not report.offline and report.stopped_reason is None
    qtbot.waitUntil(lambda: page.batch_model.rowCount() == 1
                    and page.batch_model.index(0, page.batch_model.STATE).data().startswith("已上传"), timeout=20_000)
    assert page.batch_model.index(0, page.batch_model.RECEIPT).data().startswith("第 ")
    assert "已上传 1 个批次" in page.notice.text()
    qtbot.waitUntil(lambda: demo_window.waiting_status.text() == "待上传：0 批", timeout=20_000)
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.row.state.startswith("accepted"),
                    timeout=20_000)
    assert "签名已验证" in panel.receipt_label.text()
    assert [b["status"] for b in platform_server.batches()][0].startswith("accepted")
    wait_sync_idle(qtbot, demo_window)


def test_background_upload_starts_when_online_with_batches_waiting(
        qtbot, demo_window, code, demo_office, platform_server):
    prepare_for_sealing(demo_office, code("YL01"))
    demo_office.device.register(platform_server.url, platform_server.enrolment_code(institution_code(demo_office)))
    demo_office.outbox.seal(code("YL01"))
    demo_window.settings = replace(demo_window.settings, platform_url=platform_server.url)
    with qtbot.waitSignal(demo_window.upload_finished, timeout=60_000) as blocker:
        demo_window.refresh_status()  # the snapshot says 1 waiting…
        qtbot.waitUntil(lambda: demo_window.snapshot.batches_waiting == 1, timeout=20_000)
        demo_window._show_online(True)  # …and the probe says online: it goes by itself
    assert blocker.args[0].uploaded == 1
    qtbot.waitUntil(lambda: demo_window.waiting_status.text() == "待上传：0 批", timeout=20_000)
    # Right after an automatic upload, the status refresh it causes does not start another.
    assert not demo_window.uploads.running
    wait_sync_idle(qtbot, demo_window)


def test_a_computer_registered_from_the_command_line_goes_online_and_uploads_by_itself(
        qtbot, demo_window, code, demo_office, platform_server):
    """`skilldesk platform register --url …` stores the address in the database, not in the
    settings: the window must use it rather than claim the platform is not set up."""
    assert demo_window.settings.platform_url is None
    assert demo_window.online_status.text() == "离线（尚未设置省平台地址）"
    prepare_for_sealing(demo_office, code("YL01"))
    demo_office.device.register(platform_server.url, platform_server.enrolment_code(institution_code(demo_office)))
    demo_office.outbox.seal(code("YL01"))
    with qtbot.waitSignal(demo_window.upload_finished, timeout=60_000) as blocker:
        demo_window.refresh_status()  # the snapshot names the registered address; the probe finds it up
    assert blocker.args[0].uploaded == 1 and blocker.args[0].accepted == 1
    assert demo_window.platform_url() == platform_server.url
    qtbot.waitUntil(lambda: demo_window.online_status.text() == "在线", timeout=20_000)
    qtbot.waitUntil(lambda: demo_window.waiting_status.text() == "待上传：0 批", timeout=20_000)
    wait_sync_idle(qtbot, demo_window)


def test_upload_when_not_registered_says_what_to_do(qtbot, demo_window, code, demo_office):
    prepare_for_sealing(demo_office, code("YL01"))
    demo_office.outbox.seal(code("YL01"))
    page = demo_window.pages["sync"]
    with qtbot.waitSignal(page.batches_loaded, timeout=20_000):
        demo_window.show_page("sync")
    with qtbot.waitSignal(demo_window.upload_finished, timeout=30_000):
        page.upload_button.click()
    qtbot.waitUntil(lambda: page.notice.kind == "warning", timeout=20_000)
    assert "还没有在省平台登记" in page.notice.text()
    wait_sync_idle(qtbot, demo_window)


def test_go_and_fix_opens_the_class_on_the_classes_page(qtbot, demo_window, code, demo_office):
    prepare_for_sealing(demo_office, code("YL01"))
    demo_office.outbox.seal(code("YL01"))
    page = demo_window.pages["sync"]
    with qtbot.waitSignal(page.batch_panel.loaded, timeout=20_000):
        demo_window.show_page("sync")
    page.batch_panel.fix_button.click()
    assert demo_window.current_page_id() == "classes"
    classes = demo_window.pages["classes"]
    qtbot.waitUntil(lambda: classes.selected_class() is not None and classes.selected_class().code == code("YL01"),
                    timeout=20_000)
    wait_sync_idle(qtbot, demo_window)


def test_export_to_usb_writes_the_signed_batch(qtbot, demo_window, code, demo_office, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    prepare_for_sealing(demo_office, code("YL01"))
    demo_office.outbox.seal(code("YL01"))
    page = demo_window.pages["sync"]
    with qtbot.waitSignal(page.batch_panel.loaded, timeout=20_000):
        demo_window.show_page("sync")
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *args, **kwargs: str(usb)))
    with qtbot.waitSignal(page.batch_exported, timeout=20_000) as blocker:
        page.export_button.click()
    names = sorted(path.name for path in blocker.args[0])
    assert [name.rsplit(".", 1)[-1] for name in names] == ["json", "pem", "sig"]
    assert all((usb / name).exists() for name in names)
    assert "含个人信息" in page.notice.text()
    wait_sync_idle(qtbot, demo_window)


def test_an_empty_outbox_says_how_batches_get_there(qtbot, demo_window):
    page = demo_window.pages["sync"]
    with qtbot.waitSignal(page.batches_loaded, timeout=20_000):
        demo_window.show_page("sync")
    assert page.header.heading.text() == "上传"
    assert "还没有批次" in page.empty_label.text()
    wait_sync_idle(qtbot, demo_window)


# --- correcting what the platform returned, from the 上传 page ------------------------------------


def full_id(office, trainee_id: int) -> str:
    return office.trainees.reveal_personal_field(trainee_id, "id_number", "测试：向平台登记核对数据")


def upload_and_get_returned(qtbot, window, office, platform, class_code: str):
    """Seal the class, upload it from the page; the platform returns it. The returned batch's row."""
    row = office.outbox.seal(class_code)
    window.settings = replace(window.settings, platform_url=platform.url)
    page = window.pages["sync"]
    panel = page.batch_panel
    with qtbot.waitSignal(page.batches_loaded, timeout=20_000):
        window.show_page("sync")
    wait_sync_idle(qtbot, window)
    if office.outbox.detail(row.batch_id).row.state == "sealed":
        with qtbot.waitSignal(window.upload_finished, timeout=60_000) as blocker:
            page.upload_button.click()
        assert blocker.args[0].rejected == 1
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.row.batch_id == row.batch_id
                    and panel.detail.row.state == "rejected" and panel.issue_model.rowCount() > 0, timeout=30_000)
    return page, row


def seal_and_upload_correction(qtbot, window, page, monkeypatch, returned):
    """“Seal correction…” (its reason suggested from what was corrected), then “Upload now”."""
    from PySide6.QtWidgets import QInputDialog

    asked = {}

    def get_text(*args, **kwargs):
        asked["title"], asked["text"] = args[1], args[4]
        return args[4], True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    assert page.correction_button.isEnabled()
    with qtbot.waitSignal(page.correction_sealed, timeout=30_000) as sealed:
        page.correction_button.click()
    correction = sealed.args[0]
    assert correction.kind == "correction" and correction.supersedes == returned.batch_id
    panel = page.batch_panel
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.row.batch_id == correction.batch_id,
                    timeout=20_000)
    wait_sync_idle(qtbot, window)
    with qtbot.waitSignal(window.upload_finished, timeout=60_000) as blocker:
        page.upload_button.click()
    assert blocker.args[0].accepted == 1 and blocker.args[0].rejected == 0
    return asked, correction


def assert_correction_accepted(qtbot, window, page, office, platform, returned, correction):
    assert office.outbox.detail(returned.batch_id).row.state == "superseded"
    assert office.outbox.detail(returned.batch_id).row.superseded_by == correction.batch_id
    assert office.outbox.detail(correction.batch_id).row.state in ("accepted", "accepted_with_warnings")
    held = {b["batch_id"]: b["status"] for b in platform.batches()}
    assert held[returned.batch_id] == "superseded" and held[correction.batch_id].startswith("accepted")
    model = page.batch_model

    def shown_state(batch_id):
        position = model.row_of(batch_id)
        return model.index(position, model.STATE).data() if position >= 0 else None

    qtbot.waitUntil(lambda: shown_state(returned.batch_id) == "已被新批次取代"
                    and (shown_state(correction.batch_id) or "").startswith("已上传"), timeout=20_000)
    wait_sync_idle(qtbot, window)


def test_a_name_the_platform_returned_is_corrected_in_a_dialog_sealed_and_accepted(
        qtbot, demo_window, code, demo_office, platform_server, monkeypatch):
    from desktop_app.gui.screens.upload.correction_dialogs import NameCorrectionDialog
    from desktop_app.gui.screens.upload.models import ReceiptIssueModel

    class_code = code("YL01")
    prepare_for_sealing(demo_office, class_code)
    demo_office.device.register(platform_server.url, platform_server.enrolment_code(institution_code(demo_office)))
    first = demo_office.trainees.class_roster(class_code)[0]
    platform_server.seed_registry({full_id(demo_office, first.trainee_id): "王小明"})
    page, returned = upload_and_get_returned(qtbot, demo_window, demo_office, platform_server, class_code)
    panel = page.batch_panel

    # The problem is selected, marked as still to correct, and “更正…” can fix it.
    assert "被退回" in panel.title.text() and "更正…" in panel.receipt_label.text()
    issue = panel.selected_issue()
    assert issue is not None and issue.code == "trainee.name_mismatch" and issue.trainee_id == first.trainee_id
    position = panel.issue_model.row_of_issue((issue.code, issue.record_id, issue.field))
    assert panel.issue_model.index(position, ReceiptIssueModel.CORRECTION).data() == "待更正"
    assert panel.correct_button.text() == "更正…" and panel.correct_button.isEnabled()
    assert "身份证" in panel.issue_hint.text()

    panel.correct_button.click()
    dialog = panel.correction_dialog
    assert isinstance(dialog, NameCorrectionDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "更正学员姓名"
    qtbot.waitUntil(lambda: dialog.id_masked is not None, timeout=20_000)
    facts = dialog.trainee_label.text()
    assert f"第 {first.roll_no} 号" in facts and first.name in facts and first.id_masked in facts
    assert dialog.platform_label.text() == issue.message and "身份证" in dialog.platform_label.text()
    assert dialog.reason_edit.text() == "按省平台意见，以身份证上的姓名为准"
    assert not dialog.ok_button.isEnabled()  # no name yet
    dialog.name_edit.setText(first.name)  # the name already on record is no correction
    assert not dialog.ok_button.isEnabled()
    dialog.submit()
    assert dialog.error_label.isVisible() and "现在登记的姓名" in dialog.error_label.text()
    dialog.name_edit.setText(" 王小明 ")
    dialog.reason_edit.setText("  ")
    assert not dialog.ok_button.isEnabled()  # the reason is required
    dialog.reason_edit.setText("按省平台意见，以身份证上的姓名为准")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(panel.issue_corrected, timeout=20_000) as corrected:
        dialog.ok_button.click()
    assert "王小明" in corrected.args[0] and first.name in corrected.args[0]
    assert demo_office.trainees.get(first.trainee_id).row.name == "王小明"
    qtbot.waitUntil(lambda: panel.correction_dialog is None and not dialog.isVisible(), timeout=20_000)

    # The row says it was corrected (and shows the new name); the page says what to do next.
    qtbot.waitUntil(lambda: panel.detail.issues[position].trainee_name == "王小明"
                    and panel.issue_model.index(position, ReceiptIssueModel.CORRECTION).data() == "✓ 已更正",
                    timeout=20_000)
    assert "王小明" in panel.issue_model.index(position, ReceiptIssueModel.TRAINEE).data()
    assert "封存更正批次" in page.notice.text() and "全部更正" in page.notice.text()
    assert panel.selected_issue() is not None and not panel.correct_button.isEnabled()
    assert "已在此更正" in panel.issue_hint.text()

    asked, correction = seal_and_upload_correction(qtbot, demo_window, page, monkeypatch, returned)
    assert asked["title"] == f"封存 {class_code} 的更正批次"
    assert asked["text"].startswith("按省平台意见更正：") and "王小明" in asked["text"]
    assert_correction_accepted(qtbot, demo_window, page, demo_office, platform_server, returned, correction)


def test_a_subsidy_over_the_limit_is_withdrawn_in_a_dialog_sealed_and_accepted(
        qtbot, demo_window, code, demo_office, platform_server, monkeypatch):
    from desktop_app.gui.screens.upload.correction_dialogs import SubsidyWithdrawalDialog
    from desktop_app.gui.screens.upload.models import ReceiptIssueModel

    class_code = code("YL01")
    prepare_for_sealing(demo_office, class_code)
    demo_office.device.register(platform_server.url, platform_server.enrolment_code(institution_code(demo_office)))
    first = demo_office.trainees.class_roster(class_code)[0]
    assert first.subsidy_status == "eligible"
    year = demo_office.classes.get(class_code).row.end_date.year
    platform_server.seed_prior_subsidies(full_id(demo_office, first.trainee_id), year, 3)
    page, returned = upload_and_get_returned(qtbot, demo_window, demo_office, platform_server, class_code)
    panel = page.batch_panel

    issue = panel.selected_issue()
    assert issue is not None and issue.code == "trainee.subsidy_limit" and issue.enrolment_id == first.enrolment_id
    assert panel.correct_button.isEnabled() and "补贴" in panel.issue_hint.text()
    panel.correct_button.click()
    dialog = panel.correction_dialog
    assert isinstance(dialog, SubsidyWithdrawalDialog) and dialog.windowTitle() == "撤回补贴申请"
    qtbot.waitUntil(lambda: dialog.id_masked is not None, timeout=20_000)
    assert "仍留在本班" in dialog.explanation.text() and first.name in dialog.explanation.text()
    assert "3 次" in dialog.platform_label.text()
    assert "上限" in dialog.reason_edit.text() and dialog.ok_button.isEnabled()
    dialog.reason_edit.clear()
    dialog.submit()  # Enter with no reason
    assert dialog.error_label.isVisible() and "原因" in dialog.error_label.text() \
        and page.operations.tasks.pending == 0
    dialog.reason_edit.setText("平台反馈：本年度已在其他机构享受 3 次补贴")
    with qtbot.waitSignal(panel.issue_corrected, timeout=20_000):
        dialog.ok_button.click()
    entry = next(e for e in demo_office.trainees.class_roster(class_code) if e.enrolment_id == first.enrolment_id)
    assert entry.subsidy_status == "not_eligible"
    position = panel.issue_model.row_of_issue((issue.code, issue.record_id, issue.field))
    qtbot.waitUntil(lambda: panel.issue_model.index(position, ReceiptIssueModel.CORRECTION).data() == "✓ 已更正",
                    timeout=20_000)
    assert "封存更正批次" in page.notice.text()

    asked, correction = seal_and_upload_correction(qtbot, demo_window, page, monkeypatch, returned)
    assert "不申请补贴" in asked["text"] and first.name in asked["text"]
    assert_correction_accepted(qtbot, demo_window, page, demo_office, platform_server, returned, correction)


def test_a_correction_the_rules_refuse_is_worded_in_the_dialog(qtbot, demo_window, demo_office):
    from desktop_app.gui.screens.upload.correction_dialogs import NameCorrectionDialog
    from desktop_app.services.outbox import IssueView

    issue = IssueView(severity="error", code="trainee.name_mismatch", record_type="trainee", record_id="x",
                      trainee_name="某某", roll_no=1, enrolment_id=None, trainee_id=999_999, field="name",
                      field_label="姓名", message="姓名与人口信息库登记的姓名不一致。", what_to_do="核对")
    page = demo_window.pages["sync"]
    dialog = NameCorrectionDialog(issue, demo_office, demo_window.operations, page)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.id_masked == "—", timeout=20_000)  # the trainee is not there
    dialog.name_edit.setText("王小明")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and not dialog.busy, timeout=20_000)
    text = dialog.error_label.text()
    assert text and "Traceback" not in text and "999999" in text.replace(",", "")
    assert dialog.isVisible() and dialog.ok_button.isEnabled()  # still open: nothing was changed
    dialog.reject()
    wait_sync_idle(qtbot, demo_window)


def test_only_names_and_subsidy_claims_of_a_returned_batch_are_marked_for_correction(qapp):
    from desktop_app.gui.screens.upload.models import ReceiptIssueModel, issue_key
    from desktop_app.services.outbox import IssueView

    def issue(code, severity="error", field="name"):
        return IssueView(severity=severity, code=code, record_type="trainee", record_id=code, trainee_name="甲",
                         roll_no=1, enrolment_id=1, trainee_id=1, field=field, field_label=field, message="m",
                         what_to_do="按说明处理")

    name, subsidy = issue("trainee.name_mismatch"), issue("trainee.subsidy_limit", field="subsidy_claimed")
    other, note = issue("trainee.id_invalid", field="id_number"), issue("reference.outdated", severity="warning")
    model = ReceiptIssueModel([name, subsidy, other, note])
    assert [model.correction_state(i) for i in (name, subsidy, other, note)] == ["", "", "", ""]  # not returned
    model.set_corrections(True, {issue_key(subsidy): "第 1 号学员甲本次不申请补贴"})
    assert [model.correction_state(i) for i in (name, subsidy, other, note)] == \
        ["to_correct", "corrected", "elsewhere", ""]
    assert model.index(1, model.CORRECTION).data(Qt.ItemDataRole.ToolTipRole) == "第 1 号学员甲本次不申请补贴"


def test_reference_data_that_was_not_applied_is_said_after_the_upload_summary(demo_window):
    from desktop_app.services.outbox import SyncReport

    page = demo_window.pages["sync"]
    text, kind = page.report_text(SyncReport(uploaded=1, accepted=1, reference_problem="参考数据“补贴标准”未予采用。"))
    assert kind == "warning"
    assert text.index("已上传 1 个批次") < text.index("参考数据“补贴标准”未予采用")
    assert page.report_text(SyncReport(uploaded=1, accepted=1))[1] == "success"


# --- how the screen is wired: change notices, and only the latest answer counting -----------------


@pytest.fixture
def upload_screen(qtbot, chinese):
    """`upload_screen(office)`: the screen on its own, hearing of every operation as the window makes it."""
    from desktop_app.gui.operations import Operations
    from desktop_app.gui.screens.upload import UploadPage
    from desktop_app.gui.tasks import TaskRunner

    operations = Operations(TaskRunner())

    def build(office):
        page = UploadPage(office, operations, platform_url=lambda: None)
        qtbot.addWidget(page)
        operations.did_execute.connect(page.on_operation_did_execute)
        page.resize(1100, 720)
        return page, operations

    yield build
    operations.tasks.wait_for_done()
    qtbot.waitUntil(lambda: operations.tasks.pending == 0, timeout=20_000)


def test_the_outbox_is_read_again_after_an_operation_that_changed_it_and_not_after_others(
        qtbot, upload_screen, demo_office, code):
    from desktop_app.services.changes import Area, report_changes

    page, operations = upload_screen(demo_office)
    with qtbot.waitSignal(page.batches_loaded, timeout=20_000) as first:
        page.show()
    assert first.args == [0]
    prepare_for_sealing(demo_office, code("YL01"))
    demo_office.outbox.seal(code("YL01"))  # behind the screen's back: it cannot know yet
    loads = []
    page.batches_loaded.connect(loads.append)

    operations.run(None, lambda: report_changes(Area.ATTENDANCE))  # attendance marked on another screen
    qtbot.waitUntil(lambda: operations.tasks.pending == 0, timeout=20_000)
    assert loads == [] and page.batch_model.rowCount() == 0

    with qtbot.waitSignal(page.batches_loaded, timeout=20_000) as blocker:
        operations.run(None, lambda: report_changes(Area.OUTBOX))
    assert blocker.args == [1] and page.batch_model.index(0, page.batch_model.STATE).data() == "待上传"

    page.hide()  # not on screen: the change is remembered and read when the screen shows again
    operations.run(None, lambda: report_changes(Area.OUTBOX))
    qtbot.waitUntil(lambda: operations.tasks.pending == 0, timeout=20_000)
    assert loads == [1]
    with qtbot.waitSignal(page.batches_loaded, timeout=20_000):
        page.show()


def test_details_of_a_batch_selected_before_arrive_late_and_are_dropped(qtbot, upload_screen, office, monkeypatch):
    """Clicking from batch A to batch B while A's details are still being read: B's are shown, and
    A's, arriving after them, change nothing."""
    import threading
    from datetime import datetime, timezone

    from desktop_app.services.outbox import BatchDetail, BatchRow

    def batch(batch_id: str, code: str) -> BatchRow:
        return BatchRow(batch_id=batch_id, kind="cohort_completion", class_code=code, class_name=f"班级 {code}",
                        state="sealed", attempts=0, next_attempt_at=None, last_error=None,
                        created_at=datetime(2026, 3, 1, tzinfo=timezone.utc), sent_at=None, sequence=None,
                        receipt_status=None, received_at=None, issue_count=0, supersedes=None, superseded_by=None,
                        content_hash="h")

    first, second = batch("batch-a", "2026-AAA"), batch("batch-b", "2026-BBB")
    release_first = threading.Event()
    answered = []

    def batch_detail(batch_id: str) -> BatchDetail:
        if batch_id == first.batch_id:
            release_first.wait(20)  # a slow answer for the first batch
        answered.append(batch_id)
        row = first if batch_id == first.batch_id else second
        return BatchDetail(row=row, issues=[], receipt_verified=None, content_hash="h", key_id="k", size_bytes=1)

    monkeypatch.setattr(office.outbox, "list", lambda: [first, second])
    monkeypatch.setattr(office.device, "registration", lambda: None)
    monkeypatch.setattr(office.outbox, "detail", batch_detail)
    page, operations = upload_screen(office)
    with qtbot.waitSignal(page.batches_loaded, timeout=20_000):
        page.show()  # selects the newest, the first: its details are held back
    panel = page.batch_panel
    with qtbot.waitSignal(panel.loaded, timeout=20_000, check_params_cb=lambda batch_id: batch_id == "batch-b"):
        assert page.select_batch(second.batch_id)
    assert "2026-BBB" in panel.title.text()
    release_first.set()
    qtbot.waitUntil(lambda: operations.tasks.pending == 0 and "batch-a" in answered, timeout=20_000)
    assert panel.detail.row.batch_id == "batch-b" and "2026-BBB" in panel.title.text()
    assert page.selected_batch().batch_id == "batch-b"
