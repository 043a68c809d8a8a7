"""Certificates: kinds, readable gapless numbers, and the signed QR payload anyone can verify.

QR payload, version SDC2 (also in docs/certificates.md, "The QR payload (SDC2)"), one line of UTF-8:

    SDC2|<number>|<name>|<holder binding>|<occupation code>|<level>|<issue date>|<key id>|<signature>

- fields are separated by "|" (no field may contain "|" or a line break);
- holder binding = first 16 hex digits of HMAC-SHA256, keyed with a secret of the issuing
  institution (derived from its data key, never printed), over "<number>:<identity number>":
  only the issuer (or whoever it gives the secret) can check a holder. SDC1, printed before,
  used an unkeyed SHA-256 there, which the masked number beside it let anyone invert
  in seconds; SDC1 certificates still verify (authenticity), their holder field proves nothing;
- level 1-5 (5 = 五级/初级工), issue date YYYY-MM-DD;
- signature = unpadded base64url of the Ed25519 signature over the UTF-8 bytes of everything
  before the last "|" (the "signed part"), made with the issuing device's key <key id>.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import date
from desktop_app.domain.assessment import AssessmentResult
from desktop_app.domain.labelled import LabelledEnum
from desktop_app.messages import Problem, UserFacingError, register

PAYLOAD_VERSION = "SDC2"
LEGACY_PAYLOAD_VERSION = "SDC1"  # unkeyed holder digest: still verified for authenticity

register(
    {
        "certificate_payload.malformed": (
            "二维码内容不是 SkillDesk 证书格式（{detail}）。请确认扫描的是本机构证书上的二维码。",
            "The QR text is not a SkillDesk certificate payload ({detail}). Check that it is the QR of one of our certificates.",
        ),
        "certificate_payload.bad_field": (
            "证书信息中的“{field}”不能包含竖线“|”或换行。",
            "The certificate field “{field}” must not contain “|” or a line break.",
        ),
    }
)


class CertificatePayloadError(UserFacingError):
    pass


class CertificateKind(LabelledEnum):
    TRAINING_COMPLETION = "training_completion", "培训合格证书", "Training certificate"
    SKILL_LEVEL = "skill_level", "职业技能等级证书", "Skill level certificate"
    VOCATIONAL_QUALIFICATION = "vocational_qualification", "职业资格证书", "Vocational qualification certificate"
    SPECIAL_ABILITY = "special_ability", "专项职业能力证书", "Special ability certificate"
    SPECIAL_OPERATION = "special_operation", "特种作业操作证书", "Special operation certificate"

    @property
    def issued_here(self) -> bool:
        """Only the training certificate is numbered and printed by the institution; the others
        are issued by assessment bodies and recorded against the trainee."""
        return self is CertificateKind.TRAINING_COMPLETION


class CertificateStatus(LabelledEnum):
    """A certificate row is never deleted: voiding keeps its number, so the gapless series stays whole."""

    ISSUED = "issued", "已发证", "Issued"
    VOID = "void", "已作废", "Void"


def format_certificate_number(institution_code: str, year: int, serial: int) -> str:
    """e.g. JS3205060001-2026-000123: the institution, the year, a gapless serial."""
    return f"{institution_code}-{year}-{serial:06d}"


HOLDER_BINDING_FIELD = "certificate.holder"  # the keyed hash's domain (store/protection lookup_hash)


def legacy_holder_digest(number: str, id_number: str) -> str:
    """SDC1's holder field: unkeyed, so it must never be made again — with the masked number
    printed beside it, the full number came out by trying the few thousand candidates."""
    return hashlib.sha256(f"{number}:{id_number}".encode("utf-8")).hexdigest()[:16]


def holder_binding(keyed_hash, number: str, id_number: str) -> str:
    """SDC2's holder field: `keyed_hash(text)` is the issuer's secret-keyed HMAC (hex)."""
    return keyed_hash(f"{number}:{id_number}")[:16]


@dataclass(frozen=True)
class CertificatePayload:
    number: str
    name: str
    holder: str
    occupation_code: str
    level: int
    issue_date: date
    key_id: str
    version: str = PAYLOAD_VERSION

    def signed_part(self) -> str:
        fields = [self.version, self.number, self.name, self.holder, self.occupation_code, str(self.level),
                  self.issue_date.isoformat(), self.key_id]
        for label, value in zip(("version", "number", "name", "holder", "occupation", "level", "date", "key"), fields):
            if "|" in value or "\n" in value or "\r" in value:
                raise CertificatePayloadError("certificate_payload.bad_field", field=label)
        return "|".join(fields)

    def with_signature(self, signature: bytes) -> str:
        return f"{self.signed_part()}|{base64.urlsafe_b64encode(signature).decode('ascii').rstrip('=')}"


def parse_signed_payload(text: str) -> tuple[CertificatePayload, bytes, bytes]:
    """(payload, signature, signed bytes) from a scanned QR text; raises on anything malformed."""
    def fail(detail: str):
        raise CertificatePayloadError("certificate_payload.malformed", detail=detail)

    text = (text or "").strip()
    parts = text.split("|")
    if len(parts) != 9:
        fail(f"应有 9 段，实有 {len(parts)} 段")
    version, number, name, holder, occupation, level, issued, key_id, signature_text = parts
    if version not in (PAYLOAD_VERSION, LEGACY_PAYLOAD_VERSION):
        fail(f"版本“{version[:10]}”")
    if not level.isdigit() or not 1 <= int(level) <= 5:
        fail("等级")
    try:
        issue_date = date.fromisoformat(issued)
    except ValueError:
        fail("发证日期")
    try:
        signature = base64.urlsafe_b64decode(signature_text + "=" * (-len(signature_text) % 4))
    except (ValueError, TypeError):
        fail("签名")
    if len(signature) != 64:
        fail("签名长度")
    payload = CertificatePayload(number, name, holder, occupation, int(level), issue_date, key_id, version)
    signed = text[: text.rindex("|")].encode("utf-8")
    return payload, signature, signed


@dataclass(frozen=True)
class CertificateDecision:
    """May this trainee receive the institution's training certificate, and if not, why."""

    eligible: bool
    reasons: tuple[Problem, ...]


register(
    {
        "certificate.not_completed": (
            "{name} 尚未达到结业要求：{reasons}",
            "{name} has not met the completion requirements: {reasons}",
        ),
        "certificate.no_result": ("{name} 还没有考核结果，请先录入考核成绩。", "{name} has no assessment result yet; enter it first."),
        "certificate.failed": ("{name} 考核结果为不合格，不能发放培训合格证书。", "{name} failed the assessment; no training certificate."),
    }
)


def decide_certificate(*, name: str, attendance_eligible: bool, attendance_reasons: str,
                       result: AssessmentResult | str | None) -> CertificateDecision:
    """Both conditions are needed: completion (attendance, hours, practice) and a pass."""
    reasons = []
    if not attendance_eligible:
        reasons.append(Problem("certificate.not_completed", {"name": name, "reasons": attendance_reasons}))
    if result is None:
        reasons.append(Problem("certificate.no_result", {"name": name}))
    elif result != AssessmentResult.PASS:
        reasons.append(Problem("certificate.failed", {"name": name}))
    return CertificateDecision(not reasons, tuple(reasons))
