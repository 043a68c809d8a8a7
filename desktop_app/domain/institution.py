"""The institution's profile: what its code may look like (every certificate number starts with
it), its unified social credit code, and the subsidy bank account — checked here so that the
wizard, Settings and the command line refuse alike."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from desktop_app.messages import UserFacingError, register

register(
    {
        "institution.code_missing": ("请填写机构编号（例如 JS3205060001）。", "Enter the institution's code (e.g. JS3205060001)."),
        "institution.code_invalid": (
            "机构编号“{value}”不能使用：只能由大写英文字母和数字组成，不含空格或其他符号，长度 {minimum} 到 {maximum} 位，"
            "例如 JS3205060001。证书编号以它开头。",
            "The institution code “{value}” cannot be used: it may hold only capital letters and digits, no spaces "
            "or other symbols, {minimum} to {maximum} characters, e.g. JS3205060001. Certificate numbers start with it.",
        ),
        "institution.code_reserved": (
            "“{value}”是未设置机构时的占位编号，不能作为机构编号。请填写人社部门给本机构的编号。",
            "“{value}” stands for an institution not yet set up and cannot be its code. Enter the code the "
            "human resources bureau gave the institution.",
        ),
        "institution.name_missing": ("请填写机构名称。", "Enter the institution's name."),
        "institution.credit_code_invalid": (
            "统一社会信用代码“{value}”不正确：应为 18 位数字或大写字母，例如 91320506MA1XXXXXX0。",
            "The unified social credit code “{value}” is not valid: it has 18 digits or capital letters, "
            "e.g. 91320506MA1XXXXXX0.",
        ),
        "institution.bank_account_invalid": (
            "补贴收款账号“{value}”不正确：只能是数字（可以有空格），{minimum} 到 {maximum} 位。请对照开户许可证核对。",
            "The subsidy bank account “{value}” is not valid: digits only (spaces allowed), {minimum} to {maximum} "
            "of them. Check it against the account opening papers.",
        ),
        "institution.bank_name_missing": (
            "填写了补贴收款账号，请同时填写开户银行。",
            "A subsidy bank account was entered: enter the bank as well.",
        ),
    }
)

CODE_LENGTH = (2, 20)
BANK_ACCOUNT_LENGTH = (8, 32)  # a company account is longer than a card: up to 30-odd digits
# Classes opened before any set-up hang off an institution with this code (services/classes).
PLACEHOLDER_CODE = "UNSET"
CODE_EXAMPLE = "JS3205060001"

_CODE = re.compile(r"[A-Z0-9]+", re.ASCII)
_CREDIT = re.compile(r"[0-9A-Z]{18}", re.ASCII)


class InstitutionError(UserFacingError):
    """A value of the institution's profile refused, or a change to it not allowed now."""


def check_institution_code(raw: str | None) -> str:
    """The code as stored: exactly as typed once trimmed — never upper-cased or stripped of inner
    spaces silently, since it starts every certificate number and the person must see what it is."""
    text = (raw or "").strip()
    if not text:
        raise InstitutionError("institution.code_missing")
    low, high = CODE_LENGTH
    if not _CODE.fullmatch(text) or not low <= len(text) <= high:
        raise InstitutionError("institution.code_invalid", value=text, minimum=low, maximum=high)
    if text == PLACEHOLDER_CODE:
        raise InstitutionError("institution.code_reserved", value=text)
    return text


def is_set_up(code: str | None) -> bool:
    """Whether an institution with this code has been set up. A code recorded before the format
    was checked (with a hyphen, say) counts: certificates already carry it."""
    text = (code or "").strip()
    return bool(text) and text != PLACEHOLDER_CODE


def normalise_credit_code(raw: str | None) -> str | None:
    text = "".join(unicodedata.normalize("NFKC", raw or "").split()).upper()
    if not text:
        return None
    if not _CREDIT.fullmatch(text):
        raise InstitutionError("institution.credit_code_invalid", value=(raw or "").strip())
    return text


def normalise_bank_account(raw: str | None) -> str | None:
    text = "".join(unicodedata.normalize("NFKC", raw or "").split())
    if not text:
        return None
    low, high = BANK_ACCOUNT_LENGTH
    if not text.isdigit() or not text.isascii() or not low <= len(text) <= high:
        raise InstitutionError("institution.bank_account_invalid", value=mask_bank_account(text), minimum=low,
                               maximum=high)
    return text


def mask_bank_account(account: str) -> str:
    """Last four digits visible, as on a bank's own statements."""
    text = "".join((account or "").split())
    if len(text) <= 4:
        return "*" * len(text)
    return "*" * (len(text) - 4) + text[-4:]


@dataclass(frozen=True)
class InstitutionFields:
    """The profile as typed; `checked()` gives the values as stored or raises the first problem."""

    code: str
    name: str
    credit_code: str | None = None
    address: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    bank_name: str | None = None
    bank_account: str | None = None  # None: keep what is stored; "" clears it

    def checked(self, *, recorded_code: str | None = None) -> "InstitutionFields":
        """`recorded_code`: the code on record, kept as it is when unchanged (one recorded before
        the format was checked stays usable; its certificates carry it)."""
        name = " ".join((self.name or "").split())
        code = (self.code or "").strip()
        if not (recorded_code and code == recorded_code):
            code = check_institution_code(self.code)
        if not name:
            raise InstitutionError("institution.name_missing")
        account = None if self.bank_account is None else (normalise_bank_account(self.bank_account) or "")
        bank = " ".join((self.bank_name or "").split()) or None
        if account and not bank:
            raise InstitutionError("institution.bank_name_missing")

        def plain(value: str | None) -> str | None:
            return " ".join((value or "").split()) or None

        return InstitutionFields(code=code, name=name, credit_code=normalise_credit_code(self.credit_code),
                                 address=plain(self.address), contact_name=plain(self.contact_name),
                                 contact_phone=plain(self.contact_phone), bank_name=bank, bank_account=account)
