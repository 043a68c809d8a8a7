"""Who is acting: every use case receives an Actor so permissions and audit can be enforced there."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.labelled import LabelledEnum


class Role(LabelledEnum):
    # In English a role reads as its code, as the command line (--role clerk) and the audit log show it.
    ADMINISTRATOR = "administrator", "管理员", "administrator"
    REGISTRAR = "registrar", "教务", "registrar"
    TEACHER = "teacher", "教师", "teacher"
    CLERK = "clerk", "文员", "clerk"
    AUDITOR = "auditor", "审计", "auditor"


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
