"""Mainland mobile numbers of trainees: cleaning, checking and masking them."""

from __future__ import annotations

import re
import unicodedata

from desktop_app.messages import UserFacingError, register

MESSAGES = register(
    {
        "phone.empty": (
            "手机号码是空的。请填写学员本人的 11 位手机号码。",
            "The mobile number is empty. Enter the trainee's own 11-digit mobile number.",
        ),
        "phone.invalid": (
            "手机号码“{value}”不是有效的大陆手机号码：应是以 1 开头、第二位是 3 到 9 的 11 位数字"
            "（前面可以带 +86）。请向学员核对号码后重新填写，不要填座机号码；没有手机号码可以空着不填。",
            "Mobile number “{value}” is not a valid mainland mobile number: it must be 11 digits, "
            "starting with 1 and then 3 to 9 (a leading +86 is allowed). Check the number with the "
            "trainee and enter it again; do not enter a landline number. Leave the cell empty if "
            "the trainee has no mobile number.",
        ),
    }
)


class PhoneError(UserFacingError):
    """A mobile number that cannot be accepted; the message echoes what was typed."""


MOBILE = re.compile(r"1[3-9][0-9]{9}", re.ASCII)

# Separators people type or paste between digit groups: spaces, dashes of every kind, brackets
# around the country code ("(+86) 138 …"), and the invisible characters that come along from
# web pages and Word. Dots are not among them: "1381234567.8" is a mangled number, not a format.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−﹘﹣()\[\]\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
# openpyxl hands a phone typed as a number over as 13812345678.0; all 11 digits survive in a
# float, so the trailing ".0" is dropped rather than rejected (unlike identity numbers).
_EXCEL_FLOAT = re.compile(r"([0-9]{11})\.0+", re.ASCII)


def _digits_of(raw: object) -> str:
    text = unicodedata.normalize("NFKC", str(raw)).strip().lstrip("'")
    excel = _EXCEL_FLOAT.fullmatch(text)
    if excel:
        text = excel.group(1)
    text = _SEPARATORS.sub("", text)
    # Country code: +86, 0086, or a bare 86 in front of what would otherwise be a mobile number.
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif text.startswith("86") and len(text) == 13:
        text = text[2:]
    return text


def normalise_mobile(raw: str) -> str:
    """The 11 digits of a mainland mobile number; accepts spaces, dashes, full-width digits, +86."""
    shown = str(raw if raw is not None else "").strip()
    if not shown:
        raise PhoneError("phone.empty")
    digits = _digits_of(shown)
    if not MOBILE.fullmatch(digits):
        raise PhoneError("phone.invalid", value=shown)
    return digits


def is_valid_mobile(raw: str) -> bool:
    try:
        normalise_mobile(raw)
    except PhoneError:
        return False
    return True


def mask_mobile(value: str) -> str:
    """First 3 and last 4 digits visible ("138****5678"); never raises, so lists can always show it."""
    text = str(value or "")
    try:
        text = normalise_mobile(text)
    except PhoneError:
        text = "".join(text.split())
    if len(text) <= 7:
        # Too short to show 7 characters without showing nearly all of it.
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 7) + text[-4:]
