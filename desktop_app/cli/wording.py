"""The command line's own wording of messages the window words without commands.

A message raised by the services reaches both the window and the command line. In the window it
must never name a command or an option (people there have buttons), while on the command line
the command is the help wanted. So the window's text is the message itself, and the command line
prints `cli.<code>` instead when that is registered here.
"""

from __future__ import annotations

from desktop_app import messages

messages.register(
    {
        "cli.permission.sign_in_required": (
            "请先登录：“{action:zh}”需要登录有此权限的账号（命令行用 --user 账号名）。",
            "Sign in first: to {action:en} you need an account that may (on the command line: --user NAME).",
        ),
        "cli.restore.from_the_future": (
            "备份 {path} 中最后一次操作的时间是 {backup_time}，晚于现在（{now}）：写入它的电脑时钟有误，或文件被改动过。"
            "当前数据库没有改动。请先核对该备份；如确定要恢复，请加 --force（当前数据库会先另存一份备份）。",
            "The backup {path} says its last action happened at {backup_time}, later than now ({now}): the "
            "computer that wrote it had a wrong clock, or the file was changed. The current database was not "
            "changed. Check the backup first; to restore it anyway, add --force (the current database is saved "
            "as a backup first).",
        ),
        "cli.class.not_found": ("找不到编号为“{code}”的班级。请用 skilldesk class list 查看已有班级。",
                                "No class has the code “{code}”. See skilldesk class list for the classes there are."),
        "cli.audit_log.unknown_class": (
            "找不到编号为“{code}”的班级。请用 skilldesk class list 查看已有班级。",
            "No class has the code “{code}”. See skilldesk class list for the classes there are.",
        ),
        "cli.backup.source_unreadable": (
            "无法读取数据库 {database}（{detail}），备份没有完成。请运行 skilldesk db check 检查数据库。",
            "Cannot read the database {database} ({detail}); no backup was made. Run skilldesk db check.",
        ),
        "cli.backup.failed_check": (
            "备份文件没有通过完整性检查（{detail}），已被删除。原数据库可能已损坏，请运行 skilldesk db check。",
            "The backup failed its integrity check ({detail}) and was deleted. The database itself may be "
            "damaged; run skilldesk db check.",
        ),
        "cli.db.corrupt": (
            "数据库 {database} 已损坏（SQLite 检查：{detail}）。程序没有改动它，也不会打开它。请关闭 SkillDesk，"
            "用 skilldesk db restore 备份文件 从备份恢复（自动备份在 {backups} 文件夹中），或联系管理员。",
            "The database {database} is damaged (SQLite check: {detail}). It was left untouched and will not be "
            "opened. Close SkillDesk and restore a backup with skilldesk db restore FILE (automatic backups are "
            "in the folder {backups}), or ask your administrator.",
        ),
        "cli.sync.not_registered": (
            "本机还没有在省平台登记，不能上传。请向省平台申请登记码，然后在“上传”页或用 skilldesk platform register 登记本机。",
            "This computer is not registered with the provincial platform, so nothing can be uploaded. Ask the "
            "platform for an enrolment code, then register on the Upload page or with `skilldesk platform register`.",
        ),
        "cli.sync.no_url": (
            "还没有设置省平台地址。请在“设置”页填写省平台地址，或在命令中加 --url。",
            "The platform address is not set. Enter it on the Settings page, or add --url to the command.",
        ),
        "cli.sync.error.key.revoked": (
            "省平台已停用本机的签名密钥，上传已全部暂停。请联系省平台经办人员确认原因并领取新的登记码，然后重新登记本机"
            "（“上传”页的“登记本机”，或 skilldesk platform register）：本机会换用新的签名密钥，等待上传的批次用新密钥重新签名后上传。",
            "The platform has revoked this computer's signing key; all uploads are paused. Ask the platform's staff "
            "why and for a new enrolment code, then register this computer again (“Register this computer” on the "
            "Upload page, or skilldesk platform register): it moves to a new signing key, and the batches waiting "
            "are signed again with it and uploaded.",
        ),
        "cli.db.bad_url": (
            "数据库地址“{url}”无法识别。SQLite 文件请用 --db 文件路径；PostgreSQL 请用 "
            "postgresql+psycopg://用户名@服务器/数据库名 的形式。",
            "The database address “{url}” is not understood. For an SQLite file use --db PATH; for PostgreSQL "
            "use postgresql+psycopg://user@server/database.",
        ),
    }
)


def error_text(error: messages.UserFacingError) -> str:
    """What the command line prints for `error`: its command-line wording when there is one."""
    variant = f"cli.{error.code}"
    if variant in messages.known_codes():
        return messages.render(variant, **error.params)
    return error.message()
