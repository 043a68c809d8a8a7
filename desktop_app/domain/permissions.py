"""What each role may do. Services call `require` before they change anything, so a CLI call
or a forged GUI call is refused exactly like a hidden button would have been."""

from __future__ import annotations

from desktop_app.domain.actors import Actor, Role
from desktop_app.domain.labelled import LabelledEnum
from desktop_app.messages import UserFacingError, register

register(
    {
        "permission.denied": (
            "“{user}”的角色是“{role:zh}”，没有“{action:zh}”的权限。请让管理员用有此权限的账号办理，或为您分配相应角色。",
            "“{user}” has the role “{role:en}”, which may not {action:en}. Ask an administrator to do it "
            "with an account that may, or to give you a role that may.",
        ),
        "permission.sign_in_required": (
            "请先登录：“{action:zh}”需要登录有此权限的账号。",
            "Sign in first: to {action:en} you need an account that may.",
        ),
    }
)


class Permission(LabelledEnum):
    MANAGE_USERS = "manage_users", "管理账号和角色", "manage accounts and roles"
    MANAGE_SETTINGS = "manage_settings", "修改机构设置", "change the institution's settings"
    MANAGE_CLASSES = "manage_classes", "开班、排课和修改班级", "open, schedule or change classes"
    ENROL_TRAINEES = "enrol_trainees", "录入和导入学员", "enrol or import trainees"
    REVEAL_PERSONAL_DATA = "reveal_personal_data", "查看完整的个人信息", "see personal data in full"
    EXPORT_PERSONAL_DATA = "export_personal_data", "导出含个人信息的文件", "export files with personal data"
    MARK_ATTENDANCE = "mark_attendance", "记录考勤", "record attendance"
    RECORD_ASSESSMENTS = "record_assessments", "录入考核成绩", "record assessment results"
    ISSUE_CERTIFICATES = "issue_certificates", "发放、作废和补发证书", "issue, void or reissue certificates"
    SEAL_BATCHES = "seal_batches", "封存班级数据", "seal a class's records"
    UPLOAD_BATCHES = "upload_batches", "上传数据到省平台", "upload to the provincial platform"
    MANAGE_DEVICE = "manage_device", "登记本机和更换签名密钥", "register this computer or change its signing key"
    BACKUP_RESTORE = "backup_restore", "备份和恢复数据库", "back up or restore the database"
    VIEW_AUDIT = "view_audit", "查看审计日志", "view the audit log"
    EXPORT_AUDIT = "export_audit", "导出审计日志", "export the audit log"


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
        raise PermissionDenied("permission.sign_in_required", action=permission.words)
    if not allows(actor.role, permission):
        raise PermissionDenied("permission.denied", user=actor.display_name,
                               role=actor.role.words, action=permission.words)
