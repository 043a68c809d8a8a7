"""Role-aware actions: what the signed-in person may not do is disabled (or hidden), with a tooltip
saying why, so nobody clicks 发证 only to be refused.

The services enforce the same rules (`domain/permissions.require`); this is only what the screen
shows. Pages call `apply_permission` wherever they decide a button's state, and again from their
`apply_permissions()` when the main window says the user changed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.actors import Actor, Role
from desktop_app.domain.permissions import Permission, allows
from desktop_app.gui import value_labels as labels

# The refusal last written into a widget's tooltip: cleared again once the role allows the action.
_REFUSAL_PROPERTY = "permissionRefusal"


def permitted(actor: Actor, permission: Permission) -> bool:
    """Whether `actor` may do it: signed in, and the role allows it."""
    return actor.signed_in and allows(actor.role, permission)


def role_name(role: Role) -> str:
    """The role's name in the interface language (the same words as Settings → Accounts).

    Not `Role.label`: the Chinese is the same, but Role's English is the lowercase code that the
    CLI, the audit log and the services' messages print ("administrator"), while the window has
    always said "Administrator"."""
    translate = QCoreApplication.translate
    return {Role.ADMINISTRATOR: translate("Roles", "Administrator"), Role.REGISTRAR: translate("Roles", "Registrar"),
            Role.TEACHER: translate("Roles", "Teacher"), Role.CLERK: translate("Roles", "Clerk"),
            Role.AUDITOR: translate("Roles", "Auditor")}[role]


def permission_name(permission: Permission) -> str:
    return permission.label_en if labels.english() else permission.label_zh


def refusal_text(actor: Actor, permission: Permission) -> str:
    """Why `actor` may not do it, for a tooltip or a note: 您的角色（教师）没有“发放、作废和补发证书”的权限."""
    translate = QCoreApplication.translate
    if not actor.signed_in:
        return translate("Permissions", "Sign in first: to %1 you need an account that may.").replace(
            "%1", permission_name(permission))
    return translate("Permissions", "Your role (%1) does not allow you to %2.").replace(
        "%1", role_name(actor.role)).replace("%2", permission_name(permission))


def apply_permission(widget, actor: Actor, permission: Permission, *, enabled: bool = True,
                     tooltip: str | None = None, hide: bool = False, visible: bool = True) -> bool:
    """Enable `widget` (a QWidget or QAction) only when its own state allows it (`enabled`) and the
    actor's role allows `permission`; otherwise disable it — or, with `hide`, hide it — and say why
    in its tooltip. `tooltip` is the widget's own tooltip when allowed (None: keep what it has).
    With `hide`, `visible` is whether the page itself wants it shown. Returns whether it is allowed."""
    allowed = permitted(actor, permission)
    if hide:
        widget.setVisible(visible and allowed)
    widget.setEnabled(enabled and allowed)
    previous = widget.property(_REFUSAL_PROPERTY)
    if allowed:
        if tooltip is not None:
            widget.setToolTip(tooltip)
        elif previous and widget.toolTip() == previous:
            widget.setToolTip("")
        widget.setProperty(_REFUSAL_PROPERTY, "")
    else:
        text = refusal_text(actor, permission)
        widget.setToolTip(text)
        widget.setProperty(_REFUSAL_PROPERTY, text)
    return allowed
