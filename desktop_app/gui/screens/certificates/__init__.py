"""The 证书 screen: assessment results, issuing, preview, printing, export, verification, void and
reissue of training certificates.

    page.py            the screen: class picker, banners, the two tabs, reloading on changes
    results.py         tab 考核成绩: the results grid, saving each edit (results_import.py: a file)
    results_grid.py    the grid's view and editors: typed keys replace, Tab to changeable cells only
    results_override.py  a result against the scores, with its written reason
    results_template.py  the results template with the roster filled in
    issuing.py         tab 发证: the issue table and its actions
    issue.py           issuing certificates to who may receive one (reports.py: what it did)
    void_reissue.py    voiding or reissuing one certificate, with its reason
    preview.py         the real PDF of the selected certificate
    batch.py           the one print or export run in flight (printing.py, export.py)
    verify.py          verifying a scanned QR code offline
    models.py          the two table models
    offset.py          the printer offset as stored in settings.json (until Preferences reads it)
"""

from desktop_app.gui.screens.certificates.offset import stored_certificate_offset
from desktop_app.gui.screens.certificates.page import CertificatesPage

__all__ = ["CertificatesPage", "stored_certificate_offset"]
