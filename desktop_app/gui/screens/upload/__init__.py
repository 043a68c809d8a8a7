"""The 上传 screen: the outbox, receipts, registration with the platform and correcting returned batches."""

from desktop_app.gui.screens.upload.page import UploadPage

__all__ = ["UploadPage"]
