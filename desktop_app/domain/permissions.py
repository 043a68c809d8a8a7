"""What each role may do. Services call `require` before they change anything, so a CLI call
or a forged GUI call is refused exactly like a hidden button would have been."""

from __future__ import annotations

from enum import StrEnum

from desktop_app.domain.actors import Actor, Role
from desktop_app.domain.bilingual import Bilingual
from desktop_app.messages import UserFacingError, register

register(
    {
        "permission.denied": (
            "“{user}”的角色是“{role:zh}”，没有“{action:zh}”的权限。请让管理员用有此权限的账号办理，或为您分配相应角色。",
            "“{user}” has the role “{role:en}”, which may not {action:en}. Ask an administrator to do it "
            "with an account that may, or to give you a role that may.",
        ),
        "permission.sign_in_required": (
            "请先登录：“{action:zh}”需要登录有此权限的账号（命令行用 --user 账号名）。",
            "Sign in first: to {action:en} you need an account that may (on the command line: --user NAME).",
        ),
    }
)


class Permission(StrEnum):
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    MANAGE_CLASSES = "manage_classes"
    ENROL_TRAINEES = "enrol_trainees"
    REVEAL_PERSONAL_DATA = "reveal_personal_data"
    EXPORT_PERSONAL_DATA = "export_personal_data"
    MARK_ATTENDANCE = "mark_attendance"
    RECORD_ASSESSMENTS = "record_assessments"
    ISSUE_CERTIFICATES = "issue_certificates"
    SEAL_BATCHES = "seal_batches"
    UPLOAD_BATCHES = "upload_batches"
    MANAGE_DEVICE = "manage_device"
    BACKUP_RESTORE = "backup_restore"
    VIEW_AUDIT = "view_audit"
    EXPORT_AUDIT = "export_audit"

    @property
    def label_zh(self) -> str:
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self][1]

    @property
    def label(self) -> Bilingual:
        return Bilingual(*_LABELS[self])


_LABELS = {
    Permission.MANAGE_USERS: ("管理账号和角色", "manage accounts and roles"),
    Permission.MANAGE_SETTINGS: ("修改机构设置", "change the institution's settings"),
    Permission.MANAGE_CLASSES: ("开班、排课和修改班级", "open, schedule or change classes"),
    Permission.ENROL_TRAINEES: ("录入和导入学员", "enrol or import trainees"),
    Permission.REVEAL_PERSONAL_DATA: ("查看完整的个人信息", "see personal data in full"),
    Permission.EXPORT_PERSONAL_DATA: ("导出含个人信息的文件", "export files with personal data"),
    Permission.MARK_ATTENDANCE: ("记录考勤", "record attendance"),
    Permission.RECORD_ASSESSMENTS: ("录入考核成绩", "record assessment results"),
    Permission.ISSUE_CERTIFICATES: ("发放、作废和补发证书", "issue, void or reissue certificates"),
    Permission.SEAL_BATCHES: ("封存班级数据", "seal a class's records"),
    Permission.UPLOAD_BATCHES: ("上传数据到省平台", "upload to the provincial platform"),
    Permission.MANAGE_DEVICE: ("登记本机和更换签名密钥", "register this computer or change its signing key"),
    Permission.BACKUP_RESTORE: ("备份和恢复数据库", "back up or restore the database"),
    Permission.VIEW_AUDIT: ("查看审计日志", "view the audit log"),
    Permission.EXPORT_AUDIT: ("导出审计日志", "export the audit log"),
}

_ALL = frozenset(Permission)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMINISTRATOR: _ALL,
    Role.REGISTRAR: frozenset({
        Permission.MANAGE_CLASSES, Permission.ENROL_TRAINEES, Permission.REVEAL_PERSONAL_DATA,
        Permission.EXPORT_PERSONAL_DATA, Permission.MARK_ATTENDANCE, Permission.RECORD_ASSESSMENTS,
        Permission.SEAL_BATCHES, Permission.VIEW_AUDIT,
    }),
    # A teacher marks attendance of the classes they teach (checked by the attendance service).
    Role.TEACHER: frozenset({Permission.MARK_ATTENDANCE}),
    Role.CLERK: frozenset({
        Permission.ISSUE_CERTIFICATES, Permission.RECORD_ASSESSMENTS, Permission.SEAL_BATCHES,
        Permission.UPLOAD_BATCHES, Permission.EXPORT_PERSONAL_DATA,
    }),
    Role.AUDITOR: frozenset({Permission.VIEW_AUDIT, Permission.EXPORT_AUDIT}),
}


class PermissionDenied(UserFacingError):
    pass


def allows(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def require(actor: Actor, permission: Permission) -> None:
    """Raise PermissionDenied (naming the person, role and action) unless the actor's role allows it.
    Nobody signed in (SIGNED_OUT) is refused everything, with "sign in first"."""
    if not actor.signed_in:
        raise PermissionDenied("permission.sign_in_required", action=permission.label)
    if not allows(actor.role, permission):
        raise PermissionDenied("permission.denied", user=actor.display_name,
                               role=Bilingual(actor.role.label_zh, actor.role.value), action=permission.label)
