"""Accounts: who may sign in, with which role; passwords, lockout, and the first-run set-up.

Passwords are stored as scrypt hashes (memory-hard, in the standard library) in a
self-describing string `scrypt$n=…,r=…,p=…$<salt>$<hash>`, so the cost can be raised later
without invalidating existing passwords. New passwords are checked for how guessable they
are with zxcvbn (the estimator behind many password meters, with its dictionaries of common
passwords, names and keyboard patterns), not with a hand-made list.

Failed sign-ins are counted per name — for names that match no account too, so that the
answers never tell which names exist. After FREE_ATTEMPTS wrong passwords in a row each
further attempt must wait longer (1, 2, 4 … seconds, at most MAX_WAIT_SECONDS): guessing stays
slow, but nobody at the keyboard can shut the only administrator out for a quarter of an hour.
An administrator's password reset clears the wait.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app import messages
from desktop_app.domain.actors import LOCAL_ADMIN_USERNAME, Actor, Role
from desktop_app.domain.china_time import moment_text
from desktop_app.domain.institution import InstitutionFields, is_set_up
from desktop_app.domain.permissions import Permission, require
from desktop_app.services import audit
from desktop_app.services.institution import apply_institution_fields
from desktop_app.store.engine import Database
from desktop_app.store.models import AppUser, Institution, SignInThrottle, utcnow

messages.register(
    {
        "accounts.bad_credentials": (
            "账号或密码不正确。请检查后重试（注意大小写和输入法）。",
            "Wrong username or password. Check them and try again (mind the caps lock and input method).",
        ),
        "accounts.empty_password": ("请输入密码。", "Enter the password."),
        "accounts.wait": (
            "账号或密码已连续多次不正确。为防止有人猜密码，请等 {seconds} 秒后再试；如忘记密码，请管理员重设。",
            "The username or password was wrong several times in a row. To stop anyone guessing passwords, wait "
            "{seconds} seconds before trying again; if the password is forgotten, ask an administrator to reset it.",
        ),
        "accounts.password_guessable": (
            "这个密码太容易被猜到（常见密码、连续数字、键盘上相邻的键、姓名或日期等）。请换一个更长、不常见的密码，"
            "例如几个互不相关的词加上数字。",
            "This password is too easy to guess (a common password, a run of digits or neighbouring keys, a name "
            "or a date). Choose a longer, unusual one, for example a few unrelated words with digits.",
        ),
        "accounts.password_too_short": (
            "密码太短：至少需要 {minimum} 个字符。",
            "The password is too short: it needs at least {minimum} characters.",
        ),
        "accounts.password_blank": ("密码不能全是空格。", "The password cannot be only spaces."),
        "accounts.username_invalid": (
            "账号名“{user}”不可用：请用 2–32 个字母、数字、点、横线或下划线（可以用中文）。",
            "The username “{user}” cannot be used: use 2–32 letters, digits, dots, hyphens or underscores.",
        ),
        "accounts.username_taken": ("账号名“{user}”已被使用，请换一个。", "The username “{user}” is already taken."),
        "accounts.unknown_user": ("没有账号“{user}”。", "There is no account “{user}”."),
        "accounts.unknown_role": (
            "没有“{role}”这个角色。可选：{choices}。",
            "There is no role “{role}”. Choose one of: {choices}.",
        ),
        "accounts.builtin": (
            "“{user}”是程序内置的账号，不能修改。",
            "“{user}” is the built-in account and cannot be changed.",
        ),
        "accounts.last_admin": (
            "“{user}”是最后一个可用的管理员账号，不能停用或改为其他角色；请先设置另一个管理员。",
            "“{user}” is the last active administrator and cannot be disabled or given another role; "
            "make someone else an administrator first.",
        ),
        "accounts.self_disable": ("不能停用自己正在使用的账号。", "You cannot disable the account you are signed in with."),
        "accounts.first_run_done": (
            "本数据库已完成首次设置（已有管理员账号），不能再次设置。请用管理员账号登录后管理账号。",
            "This database has already been set up (an administrator exists). Sign in as an administrator to "
            "manage accounts.",
        ),
        "accounts.institution_code_missing": ("请填写机构编号。", "Enter the institution's code."),
        "accounts.institution_name_missing": ("请填写机构名称。", "Enter the institution's name."),
        "accounts.credit_code_invalid": (
            "统一社会信用代码“{value}”应为 18 位数字或大写字母。",
            "The unified social credit code “{value}” must be 18 digits or capital letters.",
        ),
        "accounts.display_name_missing": ("请填写姓名。", "Enter the person's name."),
        "accounts.session_disabled": (
            "账号“{user}”已被管理员停用，本次登录已结束，刚才的操作没有执行。如有疑问请联系管理员。",
            "The account “{user}” was disabled by an administrator: this session has ended and the last action "
            "was not carried out. Ask an administrator if in doubt.",
        ),
        "accounts.session_role_changed": (
            "管理员已把账号“{user}”的角色改为“{role:zh}”，刚才的操作没有执行。请重新登录后继续。",
            "An administrator changed the role of “{user}” to “{role:en}”; the last action was not carried out. "
            "Sign in again to go on.",
        ),
    }
)

MIN_PASSWORD_LENGTH = 8
# zxcvbn's scale: 3 is "safely unguessable: moderate protection from an offline attack"
# (about 10^8 guesses and more); 2 and below are the passwords people are told not to use.
MIN_PASSWORD_SCORE = 3
FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 60

# OWASP's scrypt minimum (2^17 at r=8) costs ~0.4 s here on a shared core; 2^15 keeps a sign-in
# under a tenth of a second on office PCs while still needing 32 MiB per guess.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
_SALT_BYTES = 16
_HASH_BYTES = 32


class AccountError(messages.UserFacingError):
    pass


class SignInError(AccountError):
    pass


class SessionEnded(SignInError):
    """The signed-in account was disabled, or given another role, since signing in."""


# --- passwords -------------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length,
                          maxmem=128 * r * n * 2 + 1024 * 1024)


def hash_password(password: str) -> str:
    """A new salted scrypt hash of `password`, with its parameters, as one string."""
    salt = os.urandom(_SALT_BYTES)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, _HASH_BYTES)
    return f"scrypt$n={SCRYPT_N},r={SCRYPT_R},p={SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str | None) -> bool:
    """Whether `password` matches `stored` (constant-time compare); a malformed hash never matches."""
    if not stored:
        return False
    try:
        scheme, params, salt_text, digest_text = stored.split("$")
        if scheme != "scrypt":
            return False
        values = dict(part.split("=", 1) for part in params.split(","))
        n, r, p = int(values["n"]), int(values["r"]), int(values["p"])
        salt, expected = base64.b64decode(salt_text), base64.b64decode(digest_text)
    except (ValueError, KeyError):
        return False
    return hmac.compare_digest(_scrypt(password, salt, n, r, p, len(expected)), expected)


# A hash to check against when the account does not exist, so a wrong username costs the same
# time as a wrong password and timing does not tell which one it was.
_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password("not a password of anyone")
    return _DUMMY_HASH


def check_password_rules(password: str, *, context: tuple[str, ...] = ()) -> None:
    """Refuse passwords that are empty, blank, shorter than MIN_PASSWORD_LENGTH, or easy to
    guess — also from `context` (the username, the person's and the institution's names)."""
    if not password:
        raise AccountError("accounts.empty_password")
    if not password.strip():
        raise AccountError("accounts.password_blank")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("accounts.password_too_short", minimum=MIN_PASSWORD_LENGTH)
    from zxcvbn import zxcvbn  # its dictionaries take a moment to load: only when a password is set

    # zxcvbn's cost grows with length; what matters about a long passphrase is its start.
    if zxcvbn(password[:100], user_inputs=[item for item in context if item])["score"] < MIN_PASSWORD_SCORE:
        raise AccountError("accounts.password_guessable")


def wait_after(failures: int) -> int:
    """Seconds before the next attempt after `failures` wrong passwords in a row."""
    if failures <= FREE_ATTEMPTS:
        return 0
    return min(MAX_WAIT_SECONDS, 2 ** (failures - FREE_ATTEMPTS - 1))


def _check_username(username: str) -> str:
    name = (username or "").strip()
    if not (2 <= len(name) <= 32) or not all(ch.isalnum() or ch in "._-" for ch in name) \
            or name == LOCAL_ADMIN_USERNAME:
        raise AccountError("accounts.username_invalid", user=name)
    return name


def parse_role(value: str | Role) -> Role:
    """A role from its code (administrator …) or its Chinese name (管理员 …)."""
    if isinstance(value, Role):
        return value
    text = (value or "").strip()
    for role in Role:
        if text.lower() == role.value or text == role.label_zh:
            return role
    raise AccountError("accounts.unknown_role", role=text,
                       choices="、".join(f"{r.value}（{r.label_zh}）" for r in Role))


# --- who is who ------------------------------------------------------------------------------

@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: Role
    is_active: bool
    locked_until: datetime | None
    last_login_at: datetime | None


def actor_for(user: AppUser) -> Actor:
    return Actor(user_id=user.id, username=user.username, display_name=user.display_name, role=Role(user.role))


def _as_utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def first_run_needed(db: Database) -> bool:
    """True while no active, non-built-in administrator exists (the app then acts as local-admin)."""
    with db.reading() as session:
        return not _has_real_administrator(session)


def _has_real_administrator(session: Session) -> bool:
    return session.scalar(
        select(AppUser.id).where(AppUser.role == Role.ADMINISTRATOR.value, AppUser.is_active.is_(True),
                                 AppUser.is_builtin.is_(False)).limit(1)) is not None


def confirm_acting_user(db: Database, actor: Actor) -> None:
    """Raise SessionEnded unless `actor` still names an active account with the same role (the
    built-in one only until the first run): a change an administrator made, perhaps on another
    computer, takes effect at this user's next action."""
    if not actor.signed_in:
        return
    who = AppUser.id == actor.user_id if actor.user_id is not None else AppUser.username == actor.username
    with db.reading() as session:
        row = session.execute(select(AppUser.is_active, AppUser.role).where(who)).first()
    if row is None or not row.is_active:
        raise SessionEnded("accounts.session_disabled", user=actor.username)
    if row.role != actor.role.value:
        role = Role(row.role)
        raise SessionEnded("accounts.session_role_changed", user=actor.username,
                           role=role.words)


# --- signing in ------------------------------------------------------------------------------

def authenticate(db: Database, username: str, password: str, *, now: datetime | None = None) -> Actor:
    """The Actor for `username` if `password` is right and the account is active.

    A wrong password, an unknown name and a disabled account get the same answers, in the same
    time: "wrong" at first, then, after FREE_ATTEMPTS in a row under that name, "wait N
    seconds" (`wait_after`). An attempt made while waiting is not tried and not counted."""
    if not password:
        raise SignInError("accounts.empty_password")
    now = now or utcnow()
    name = (username or "").strip()
    with db.writing() as session:
        user = session.scalar(select(AppUser).where(AppUser.username == name)) if name else None
        if user is None or user.is_builtin or not user.is_active:
            outcome = _count_unknown(session, name, password, now)
        else:
            outcome = _count_known(session, user, password, now)
        if isinstance(outcome, Actor):
            return outcome
    # Raised after the block, so that the count is committed.
    raise outcome


def _count_known(session: Session, user: AppUser, password: str, now: datetime) -> Actor | SignInError:
    waiting = _seconds_left(_as_utc(user.locked_until), now)
    if waiting:
        return SignInError("accounts.wait", seconds=waiting)
    actor = actor_for(user)
    if verify_password(password, user.password_hash):
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = now
        audit.record(session, actor, "user.signed_in", entity_type="app_user", entity_id=user.id)
        return actor
    user.failed_logins = (user.failed_logins or 0) + 1
    wait = wait_after(user.failed_logins)
    user.locked_until = now + timedelta(seconds=wait) if wait else None
    audit.record(session, actor, "user.sign_in_failed", entity_type="app_user", entity_id=user.id,
                 details={"failed_logins": user.failed_logins, "wait_seconds": wait})
    return _failure(wait)


def _count_unknown(session: Session, name: str, password: str, now: datetime) -> SignInError:
    """A name that matches no account that may sign in: counted like an account's failures."""
    key = hashlib.sha256(name.casefold().encode("utf-8")).hexdigest()
    row = session.get(SignInThrottle, key)
    waiting = _seconds_left(_as_utc(row.wait_until) if row else None, now)
    if waiting:
        return SignInError("accounts.wait", seconds=waiting)
    verify_password(password, _dummy_hash())  # the time a real check takes
    if row is None:
        row = SignInThrottle(name_key=key, failures=0)
        session.add(row)
    row.failures = (row.failures or 0) + 1
    row.last_failure_at = now
    wait = wait_after(row.failures)
    row.wait_until = now + timedelta(seconds=wait) if wait else None
    return _failure(wait)


def _failure(wait: int) -> SignInError:
    return SignInError("accounts.wait", seconds=wait) if wait else SignInError("accounts.bad_credentials")


def _seconds_left(until: datetime | None, now: datetime) -> int:
    if until is None or until <= now:
        return 0
    return max(1, math.ceil((until - now).total_seconds()))


# --- managing accounts (administrators) --------------------------------------------------------

def list_users(db: Database, *, actor: Actor) -> list[UserRow]:
    """Every account except the built-in one, by username."""
    require(actor, Permission.MANAGE_USERS)
    with db.reading() as session:
        users = session.scalars(select(AppUser).where(AppUser.is_builtin.is_(False)).order_by(AppUser.username))
        return [UserRow(id=u.id, username=u.username, display_name=u.display_name, role=Role(u.role),
                        is_active=bool(u.is_active), locked_until=_as_utc(u.locked_until),
                        last_login_at=_as_utc(u.last_login_at)) for u in users]


def create_user(db: Database, *, actor: Actor, username: str, password: str, role: Role | str,
                display_name: str | None = None) -> UserRow:
    """A new active account with `role`; audited as a permission change."""
    require(actor, Permission.MANAGE_USERS)
    name = _check_username(username)
    role = parse_role(role)
    check_password_rules(password, context=(name, display_name or ""))
    shown = (display_name or "").strip() or name
    with db.writing() as session:
        if session.scalar(select(AppUser.id).where(AppUser.username == name)) is not None:
            raise AccountError("accounts.username_taken", user=name)
        user = AppUser(username=name, display_name=shown, role=role.value, password_hash=hash_password(password),
                       is_builtin=False, is_active=True, failed_logins=0, password_changed_at=utcnow())
        session.add(user)
        session.flush()
        audit.record(session, actor, "user.created", entity_type="app_user", entity_id=user.id,
                     details={"username": name, "role": role.value})
        return _row(user)


def set_password(db: Database, *, actor: Actor, username: str, password: str) -> None:
    """A new password (an administrator's reset, or one's own); also clears a wait after wrong passwords."""
    if not (actor.signed_in and actor.username == (username or "").strip()):
        require(actor, Permission.MANAGE_USERS)
    check_password_rules(password, context=((username or "").strip(),))
    with db.writing() as session:
        user = _user(session, username)
        user.password_hash = hash_password(password)
        user.password_changed_at = utcnow()
        user.failed_logins = 0
        user.locked_until = None
        audit.record(session, actor, "user.password_set", entity_type="app_user", entity_id=user.id,
                     details={"username": user.username})


def set_role(db: Database, *, actor: Actor, username: str, role: Role | str) -> UserRow:
    """Give an account another role; the last active administrator keeps theirs."""
    require(actor, Permission.MANAGE_USERS)
    role = parse_role(role)
    with db.writing() as session:
        user = _user(session, username)
        before = user.role
        if before == Role.ADMINISTRATOR.value and role is not Role.ADMINISTRATOR:
            _refuse_last_admin(session, user)
        user.role = role.value
        audit.record(session, actor, "user.role_changed", entity_type="app_user", entity_id=user.id,
                     details={"username": user.username, "from": before, "to": role.value})
        return _row(user)


def deactivate(db: Database, *, actor: Actor, username: str) -> UserRow:
    """Disable an account (kept for the audit trail, never deleted)."""
    require(actor, Permission.MANAGE_USERS)
    with db.writing() as session:
        user = _user(session, username)
        if actor.user_id == user.id:
            raise AccountError("accounts.self_disable")
        if user.role == Role.ADMINISTRATOR.value:
            _refuse_last_admin(session, user)
        user.is_active = False
        audit.record(session, actor, "user.deactivated", entity_type="app_user", entity_id=user.id,
                     details={"username": user.username, "role": user.role})
        return _row(user)


def _user(session: Session, username: str) -> AppUser:
    name = (username or "").strip()
    user = session.scalar(select(AppUser).where(AppUser.username == name))
    if user is None:
        raise AccountError("accounts.unknown_user", user=name)
    if user.is_builtin:
        raise AccountError("accounts.builtin", user=name)
    return user


def _refuse_last_admin(session: Session, user: AppUser) -> None:
    others = session.scalar(
        select(AppUser.id).where(AppUser.role == Role.ADMINISTRATOR.value, AppUser.is_active.is_(True),
                                 AppUser.is_builtin.is_(False), AppUser.id != user.id).limit(1))
    if others is None:
        raise AccountError("accounts.last_admin", user=user.username)


def _row(user: AppUser) -> UserRow:
    return UserRow(id=user.id, username=user.username, display_name=user.display_name, role=Role(user.role),
                   is_active=bool(user.is_active), locked_until=_as_utc(user.locked_until),
                   last_login_at=_as_utc(user.last_login_at))


# --- first run -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class InstitutionProfile:
    code: str
    name: str
    credit_code: str | None = None
    address: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None

    def fields(self) -> InstitutionFields:
        return InstitutionFields(code=self.code, name=self.name, credit_code=self.credit_code, address=self.address,
                                 contact_name=self.contact_name, contact_phone=self.contact_phone)


def check_institution_profile(profile: InstitutionProfile, *, recorded_code: str | None = None) -> None:
    """Refuse a profile the wizard cannot record; `recorded_code`, the code already on record, is
    kept even when recorded before its format was checked."""
    if not (profile.code or "").strip():
        raise AccountError("accounts.institution_code_missing")
    if not (profile.name or "").strip():
        raise AccountError("accounts.institution_name_missing")
    credit = (profile.credit_code or "").strip().upper()
    if credit and (len(credit) != 18 or not credit.isascii() or not credit.isalnum()):
        raise AccountError("accounts.credit_code_invalid", value=profile.credit_code)
    profile.fields().checked(recorded_code=recorded_code)  # the code's format: the domain's rule


def complete_first_run(db: Database, *, institution: InstitutionProfile, username: str, display_name: str,
                       password: str) -> Actor:
    """Record the institution, create the first administrator and retire the built-in account,
    in one transaction (audited). Refused once an administrator exists. Returns the new actor."""
    name = _check_username(username)
    check_password_rules(password, context=(name, display_name, institution.name, institution.code))
    shown = (display_name or "").strip() or name
    with db.writing() as session:
        if _has_real_administrator(session):
            raise AccountError("accounts.first_run_done")
        if session.scalar(select(AppUser.id).where(AppUser.username == name)) is not None:
            raise AccountError("accounts.username_taken", user=name)
        row = session.scalar(select(Institution).order_by(Institution.id).limit(1))
        check_institution_profile(institution, recorded_code=row.code if row is not None and is_set_up(row.code) else None)
        user = AppUser(username=name, display_name=shown, role=Role.ADMINISTRATOR.value,
                       password_hash=hash_password(password), is_builtin=False, is_active=True, failed_logins=0,
                       password_changed_at=utcnow())
        session.add(user)
        builtin = session.scalar(select(AppUser).where(AppUser.username == LOCAL_ADMIN_USERNAME))
        if builtin is not None:
            builtin.is_active = False
        session.flush()
        actor = actor_for(user)
        # The bank account is left as it is (None): the wizard does not ask for it.
        row = apply_institution_fields(session, None, actor, institution.fields(), action="institution.set_up")
        audit.record(session, actor, "first_run.completed", entity_type="app_user", entity_id=user.id,
                     details={"username": name, "role": Role.ADMINISTRATOR.value,
                              "institution_code": row.code, "institution_name": row.name})
        return actor
