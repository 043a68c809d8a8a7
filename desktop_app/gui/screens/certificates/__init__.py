"""The 证书 screen: assessment results, issuing, preview, printing, export, verification, void and
reissue of training certificates."""

from desktop_app.gui.screens.certificates.page import CertificatesPage, stored_certificate_offset

__all__ = ["CertificatesPage", "stored_certificate_offset"]
