"""封存并上传 on the classes page and the 上传 page: real sealed batches, the real reference platform."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop_app.store.models import Institution


def prepare_for_sealing(desk, class_code: str) -> None:
    """Results for everyone and the certificates that follow: what a clerk does before sealing."""
    for row in desk.class_assessments(class_code):
        desk.record_assessment(class_code, row.enrolment_id, theory=800, practical=850, result="pass", retake=False)
    desk.issue_certificates(class_code)


def institution_code(desk) -> str:
    with desk.db.reading() as session:
        return session.scalar(select(Institution.code).order_by(Institution.id).limit(1))


def wait_sync_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.tasks.pending == 0 and window.upload_run is None, timeout=30_000)


def seal_from_classes_page(qtbot, window, classes_page, select_class, class_code: str) -> None:
    select_class(class_code)
    panel = classes_page.detail
    assert panel.seal_button.isVisible() and panel.seal_button.text() == "封存并上传"
    panel.seal_button.click()
    box = panel.confirm_box
    assert box is not None and "不能再修改" in box.text()
    with qtbot.waitSignal(classes_page.class_sealed, timeout=30_000):
        box.button(QMessageBox.StandardButton.Yes).click()


def test_sealing_a_completed_class_puts_it_in_the_upload_queue(qtbot, demo_window, classes_page, select_class,
                                                                 code, demo_desk):
    prepare_for_sealing(demo_desk, code("YL01"))
    seal_from_classes_page(qtbot, demo_window, classes_page, select_class, code("YL01"))
    panel = classes_page.detail
    qtbot.waitUntil(lambda: panel.seal_message is not None and panel.detail.row.status.value == "sealed",
                    timeout=20_000)
    assert "待上传" in panel.seal_message.text()
    assert not panel.seal_button.isVisible()
    qtbot.waitUntil(lambda: demo_window.waiting_status.text() == "待上传：1 批", timeout=20_000)
    page = demo_window.pages["sync"]
    with qtbot.waitSignal(page.batches_loaded, timeout=20_000):
        demo_window.show_page("sync")
    model = page.batch_model
    assert model.rowCount() == 1
    assert model.index(0, model.STATE).data() == "待上传"
    assert model.index(0, model.KIND).data() == "结业上报"
    assert "本机尚未在省平台登记" in page.registration_label.text()
    wait_sync_idle(qtbot, demo_window)


def test_sealing_is_refused_with_every_reason(qtbot, demo_window, classes_page, select_class, code):
    select_class(code("YL01"))
    panel = classes_page.detail
    panel.seal_button.click()
    with qtbot.waitSignal(panel.seal_refused, timeout=30_000) as blocker:
        panel.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    reasons = blocker.args[0]
    assert "还不能封存" in reasons and "没有考核结果" in reasons
    box = panel.seal_message
    assert box is not None and box.icon() == QMessageBox.Icon.Warning
    assert "还不能封存" in box.text() and "另有" in box.text()  # the long list is cut short…
    assert box.detailedText() == reasons  # …and given in full under "Show Details"
    assert "Traceback" not in reasons
    assert panel.seal_button.isEnabled() and panel.detail.row.status.value == "completed"


def test_upload_now_sends_the_batch_to_the_platform_and_shows_the_receipt(
        qtbot, demo_window, classes_page, select_class, code, demo_desk, platform_server):
    prepare_for_sealing(demo_desk, code("YL01"))
    demo_desk.register_device(platform_server.url, platform_server.enrolment_code(institution_code(demo_desk)))
    seal_from_classes_page(qtbot, demo_window, classes_page, select_class, code("YL01"))
    wait_sync_idle(qtbot, demo_window)
    demo_window.settings = replace(demo_window.settings, platform_url=platform_server.url)
    page = demo_window.pages["sync"]
    with qtbot.waitSignal(page.batches_loaded, timeout=20_000):
        demo_window.show_page("sync")
    assert "已在省平台登记" in page.registration_label.text()
    with qtbot.waitSignal(demo_window.upload_finished, timeout=60_000) as blocker:
        page.upload_button.click()
    report = blocker.args[0]
    assert report.uploaded == 1 and not report.offline and report.stopped_reason is None
    qtbot.waitUntil(lambda: page.batch_model.rowCount() == 1
                    and page.batch_model.index(0, page.batch_model.STATE).data().startswith("已上传"), timeout=20_000)
    assert page.batch_model.index(0, page.batch_model.RECEIPT).data().startswith("第 ")
    assert "已上传 1 个批次" in page.notice.text()
    qtbot.waitUntil(lambda: demo_window.waiting_status.text() == "待上传：0 批", timeout=20_000)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.row.state.startswith("accepted"),
                    timeout=20_000)
    assert "签名已验证" in page.receipt_label.text()
    assert [b["status"] for b in platform_server.batches()][0].startswith("accepted")
    wait_sync_idle(qtbot, demo_window)


def test_background_upload_starts_when_online_with_batches_waiting(
        qtbot, demo_window, code, demo_desk, platform_server):
    prepare_for_sealing(demo_desk, code("YL01"))
    demo_desk.register_device(platform_server.url, platform_server.enrolment_code(institution_code(demo_desk)))
    demo_desk.seal_class(code("YL01"))
    demo_window.settings = replace(demo_window.settings, platform_url=platform_server.url)
    with qtbot.waitSignal(demo_window.upload_finished, timeout=60_000) as blocker:
        demo_window.refresh_status()  # the snapshot says 1 waiting…
        qtbot.waitUntil(lambda: demo_window.snapshot.batches_waiting == 1, timeout=20_000)
        demo_window._show_online(True)  # …and the probe says online: it goes by itself
    assert blocker.args[0].uploaded == 1
    qtbot.waitUntil(lambda: demo_window.waiting_status.text() == "待上传：0 批", timeout=20_000)
    # Right after an automatic upload, the status refresh it causes does not start another.
    assert demo_window.upload_run is None
    wait_sync_idle(qtbot, demo_window)


def test_upload_when_not_registered_says_what_to_do(qtbot, demo_window, code, demo_desk):
    prepare_for_sealing(demo_desk, code("YL01"))
    demo_desk.seal_class(code("YL01"))
    page = demo_window.pages["sync"]
    with qtbot.waitSignal(page.batches_loaded, timeout=20_000):
        demo_window.show_page("sync")
    with qtbot.waitSignal(demo_window.upload_finished, timeout=30_000):
        page.upload_button.click()
    qtbot.waitUntil(lambda: page.notice.kind == "warning", timeout=20_000)
    assert "还没有在省平台登记" in page.notice.text()
    wait_sync_idle(qtbot, demo_window)


def test_go_and_fix_opens_the_class_on_the_classes_page(qtbot, demo_window, code, demo_desk):
    prepare_for_sealing(demo_desk, code("YL01"))
    demo_desk.seal_class(code("YL01"))
    page = demo_window.pages["sync"]
    with qtbot.waitSignal(page.detail_loaded, timeout=20_000):
        demo_window.show_page("sync")
    page.fix_button.click()
    assert demo_window.current_page_id() == "classes"
    classes = demo_window.pages["classes"]
    qtbot.waitUntil(lambda: classes.selected_class() is not None and classes.selected_class().code == code("YL01"),
                    timeout=20_000)
    wait_sync_idle(qtbot, demo_window)


def test_export_to_usb_writes_the_signed_batch(qtbot, demo_window, code, demo_desk, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    prepare_for_sealing(demo_desk, code("YL01"))
    demo_desk.seal_class(code("YL01"))
    page = demo_window.pages["sync"]
    with qtbot.waitSignal(page.detail_loaded, timeout=20_000):
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
    assert page.heading.text() == "上传"
    assert "还没有批次" in page.empty_label.text()
    wait_sync_idle(qtbot, demo_window)
