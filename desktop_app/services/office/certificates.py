"""`office.certificates`: issuing, voiding, reissuing, printing and verifying certificates."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from desktop_app.services import certificates as use_cases
from desktop_app.services.certificates import CertificateCandidate, CertificateView, IssueReport, VerifyResult
from desktop_app.services.changes import Area, writes
from desktop_app.services.office.context import OfficePart

if TYPE_CHECKING:
    from desktop_app.documents.certificate_pdf import CertificateRender

Offset = tuple[float, float]


class Certificates(OfficePart):
    """A class's certificates, from who may have one to the printed, verifiable PDF."""

    def candidates(self, class_code: str) -> list[CertificateCandidate]:
        self._reading_personal_data()
        return use_cases.certificate_candidates(self._db, class_code)

    @writes(Area.CERTIFICATES)
    def issue(self, class_code: str, *, issued_on: date | None = None) -> IssueReport:
        """Number and issue a certificate to every eligible trainee who has none yet."""
        key = self._context.device_key()
        return use_cases.issue_certificates(self._db, self._cipher, key, actor=self._acting(),
                                            class_code=class_code, issued_on=issued_on)

    @writes(Area.CERTIFICATES)
    def void(self, number: str, reason: str) -> None:
        use_cases.void_certificate(self._db, actor=self._acting(), number=number, reason=reason)

    @writes(Area.CERTIFICATES)
    def reissue(self, number: str, reason: str) -> str:
        """Void the certificate and issue a new number for the same trainee; returns the new number."""
        key = self._context.device_key()
        return use_cases.reissue_certificate(self._db, self._cipher, key, actor=self._acting(), number=number,
                                             reason=reason)

    @writes(Area.CERTIFICATES)
    def record_external(self, *, id_number: str, kind: str, number: str, issued_on: date) -> str:
        """A certificate an assessment body issued (职业技能等级证书 …), recorded against the trainee;
        returns the trainee's name."""
        return use_cases.record_external_certificate(self._db, self._cipher, actor=self._acting(),
                                                     id_number=id_number, kind=kind, number=number,
                                                     issued_on=issued_on)

    def list(self, class_code: str) -> list[CertificateView]:
        self._reading_personal_data()
        return use_cases.class_certificates(self._db, class_code)

    def pdf(self, class_code: str, *, offset_mm: Offset = (0.0, 0.0)) -> CertificateRender:
        """The class's issued certificates as one PDF, from their frozen content."""
        self._reading_personal_data()
        return use_cases.certificates_pdf(self._db, class_code, offset_mm=offset_mm)

    def zip(self, class_code: str, *, offset_mm: Offset = (0.0, 0.0)) -> bytes:
        """One PDF per issued certificate, in a zip; each is identical to a reprint."""
        self._reading_personal_data()
        return use_cases.certificates_zip(self._db, class_code, offset_mm=offset_mm)

    def holder_matches(self, text: str, id_number: str) -> bool:
        """Does this certificate's QR name the person with this identity number? Only the issuing
        institution can answer (the binding is keyed with its data key); signed in only."""
        self._reading_personal_data()
        return use_cases.holder_matches(self._cipher, text, id_number)

    def verify(self, text: str) -> VerifyResult:
        """Check a scanned QR payload offline."""
        return use_cases.verify_certificate_text(self._db, text)

    def reprint(self, number: str) -> tuple[bytes, bool]:
        """(PDF of one certificate from its frozen content, whether it matches the hash stored at issue)."""
        self._reading_personal_data()
        return use_cases.reprint_certificate(self._db, number)
