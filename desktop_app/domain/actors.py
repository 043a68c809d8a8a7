"""Who is acting: every use case receives an Actor so permissions and audit can be enforced there."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    REGISTRAR = "registrar"
    TEACHER = "teacher"
    CLERK = "clerk"
    AUDITOR = "auditor"

    @property
    def label_zh(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.ADMINISTRATOR: "管理员",
    Role.REGISTRAR: "教务",
    Role.TEACHER: "教师",
    Role.CLERK: "文员",
    Role.AUDITOR: "审计",
}


@dataclass(frozen=True)
class Actor:
    """The person (or automation) on whose behalf a service runs."""

    user_id: int | None
    username: str
    display_name: str
    role: Role
    # False only for SIGNED_OUT: the Office holds it once accounts exist and nobody has signed in,
    # so every use case that changes data refuses with "sign in first".
    signed_in: bool = True

    @property
    def is_administrator(self) -> bool:
        return self.signed_in and self.role is Role.ADMINISTRATOR


LOCAL_ADMIN_USERNAME = "local-admin"

# Until accounts and login exist, the application acts as this built-in administrator; the
# store creates a matching user row so audit entries always point at a real user.
LOCAL_ADMIN = Actor(user_id=None, username=LOCAL_ADMIN_USERNAME, display_name="本机管理员", role=Role.ADMINISTRATOR)

# Who the Office acts as after the first run while nobody is signed in: it may read (lists are
# open to every role) but `permissions.require` refuses it everything else.
SIGNED_OUT = Actor(user_id=None, username="", display_name="未登录", role=Role.AUDITOR, signed_in=False)
