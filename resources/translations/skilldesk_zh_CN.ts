<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Username</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>新增账号</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>AccountsSection</name>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Account %1 added.</source>
        <translation>已新增账号 %1。</translation>
    </message>
    <message>
        <source>New password set for %1.</source>
        <translation>已为 %1 设置新密码。</translation>
    </message>
    <message>
        <source>%1 now has the role %2.</source>
        <translation>%1 的角色已改为“%2”。</translation>
    </message>
    <message>
        <source>Account %1 disabled.</source>
        <translation>账号 %1 已停用。</translation>
    </message>
    <message>
        <source>Choose an account in the list first.</source>
        <translation>请先在列表中选择一个账号。</translation>
    </message>
    <message>
        <source>Disable the account %1? It can no longer sign in; its records are kept.</source>
        <translation>停用账号 %1？停用后不能再登录，其操作记录保留。</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>新增账号…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>修改角色…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
</context>
<context>
    <name>AddTraineeDialog</name>
    <message>
        <source>Fill in at least the name and the identity number as on the ID card.</source>
        <translation>请至少按身份证填写姓名和身份证号码。</translation>
    </message>
    <message>
        <source>Add a trainee to {code}</source>
        <translation>添加学员到 {code}</translation>
    </message>
    <message>
        <source>The trainee is checked exactly as a roster row would be: the identity number, the phone, the key groups, and whether the trainee may enrol and be subsidised.</source>
        <translation>学员按花名册导入的同样规则检查：身份证号码、手机号码、人员类别，以及能否报名、能否享受补贴。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Identity number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Key groups</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Household type</source>
        <translation>户口性质</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>银行账号</translation>
    </message>
    <message>
        <source>several separated by commas (may stay empty)</source>
        <translation>多项用顿号“、”或逗号分隔（可不填）</translation>
    </message>
    <message>
        <source>e.g. rural household (may stay empty)</source>
        <translation>例如：农业户口（可不填）</translation>
    </message>
    <message>
        <source>together with the bank</source>
        <translation>与开户银行一起填写</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>AdministratorPage</name>
    <message>
        <source>Administrator account</source>
        <translation>管理员账号</translation>
    </message>
    <message>
        <source>The administrator adds the other accounts (registrar, teachers, clerks, auditors) in Settings. The password needs at least 8 characters.</source>
        <translation>管理员在“设置”中添加其他账号（教务、教师、文员、审计）。密码至少 8 个字符。</translation>
    </message>
    <message>
        <source>Username *</source>
        <translation>账号 *</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password *</source>
        <translation>密码 *</translation>
    </message>
    <message>
        <source>Password again *</source>
        <translation>再次输入密码 *</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Creating the administrator account…</source>
        <translation>正在创建管理员账号…</translation>
    </message>
</context>
<context>
    <name>AssessmentImportResultDialog</name>
    <message>
        <source>Results import: {file}</source>
        <translation>导入考核成绩：{file}</translation>
    </message>
    <message>
        <source>{rows} rows read; results of {recorded} trainees were recorded.</source>
        <translation>读取 {rows} 行，已录入 {recorded} 名学员的考核成绩。</translation>
    </message>
    <message>
        <source>The rows listed below could not be used; fix them in the file and import it again, or type those results into the grid.</source>
        <translation>下列行没有导入；请在文件中改正后重新导入，或直接在表格中录入这些成绩。</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>未使用的行</translation>
    </message>
</context>
<context>
    <name>AssessmentTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Theory score</source>
        <translation>理论成绩</translation>
    </message>
    <message>
        <source>Roll no.</source>
        <translation>学号</translation>
    </message>
    <message>
        <source>ID card no.</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Practical score</source>
        <translation>实操成绩</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>补考</translation>
    </message>
    <message>
        <source>Assessment result</source>
        <translation>考核结果</translation>
    </message>
    <message>
        <source>Recorded against the scores. Reason: {reason}</source>
        <translation>与成绩不符，按理由登记。理由：{reason}</translation>
    </message>
    <message>
        <source>0 to 100, at most one decimal; type 缺考 for an absent trainee</source>
        <translation>0 到 100 分，最多一位小数；缺考的填“缺考”</translation>
    </message>
</context>
<context>
    <name>AssignTeacherDialog</name>
    <message>
        <source>There are no active teachers yet. Add them with “Teachers…” above the class list first.</source>
        <translation>还没有在职教师。请先用班级列表上方的“教师…”添加教师。</translation>
    </message>
    <message>
        <source>Assign a teacher</source>
        <translation>安排授课教师</translation>
    </message>
    <message>
        <source>A teacher of the whole class also takes its sessions that have no teacher yet. A teacher's account sees and marks attendance only in the classes it teaches.</source>
        <translation>安排为整个班级的教师后，本班尚未安排教师的课次也由这位教师授课。教师账号只能看到并记录自己所教班级的考勤。</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>For</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>The whole class</source>
        <translation>整个班级</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>安排</translation>
    </message>
</context>
<context>
    <name>AttendanceFiles</name>
    <message>
        <source>Import punches or online hours into {code}</source>
        <translation>导入打卡记录或线上学时到班级 {code}</translation>
    </message>
    <message>
        <source>Attendance files (*.xlsx *.csv);;All files (*)</source>
        <translation>考勤文件 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing {file} …</source>
        <translation>正在导入 {file} …</translation>
    </message>
    <message>
        <source>Imported {file}.</source>
        <translation>已导入 {file}。</translation>
    </message>
    <message>
        <source>signin_{code}.pdf</source>
        <translation>签到表_{code}.pdf</translation>
    </message>
    <message>
        <source>Save the sign-in sheets of {code}</source>
        <translation>保存班级 {code} 的签到表</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Preparing the sign-in sheets …</source>
        <translation>正在生成签到表 …</translation>
    </message>
    <message>
        <source>{pages} pages of sign-in sheets were saved to {path}. Open the file to print it.</source>
        <translation>已把 {pages} 页签到表保存到 {path}，打开该文件即可打印。</translation>
    </message>
    <message>
        <source>Sign-in sheets {code}</source>
        <translation>签到表 {code}</translation>
    </message>
    <message>
        <source>Print the sign-in sheets of {code}</source>
        <translation>打印 {code} 的签到表</translation>
    </message>
    <message>
        <source>Printing {count} pages of sign-in sheets …</source>
        <translation>正在打印 {count} 页签到表……</translation>
    </message>
    <message>
        <source>The printer could not be started. Check that it is switched on and connected, then try again.</source>
        <translation>打印机无法启动。请检查打印机已开机并已连接，然后重试。</translation>
    </message>
    <message>
        <source>{count} pages of sign-in sheets were sent to the printer.</source>
        <translation>已将 {count} 页签到表发送到打印机。</translation>
    </message>
    <message>
        <source>Import punches / online hours…</source>
        <translation>导入打卡/线上学时…</translation>
    </message>
    <message>
        <source>Print sign-in sheets…</source>
        <translation>打印签到表…</translation>
    </message>
</context>
<context>
    <name>AttendanceGrid</name>
    <message>
        <source>Not marked</source>
        <translation>未考勤</translation>
    </message>
    <message>
        <source>late {minutes}</source>
        <translation>迟到 {minutes}</translation>
    </message>
    <message>
        <source>early {minutes}</source>
        <translation>早退 {minutes}</translation>
    </message>
    <message>
        <source>{minutes} min late</source>
        <translation>迟到 {minutes} 分钟</translation>
    </message>
    <message>
        <source>left {minutes} min early</source>
        <translation>早退 {minutes} 分钟</translation>
    </message>
    <message>
        <source>in {time}</source>
        <translation>签到 {time}</translation>
    </message>
    <message>
        <source>out {time}</source>
        <translation>签退 {time}</translation>
    </message>
    <message>
        <source>In training</source>
        <translation>培训中</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需关注</translation>
    </message>
    <message>
        <source>Cannot complete</source>
        <translation>无法达标</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>不符合</translation>
    </message>
</context>
<context>
    <name>AttendanceGridModel</name>
    <message>
        <source>Roll no.</source>
        <translation>学号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID card no.</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Late / early (min)</source>
        <translation>迟到/早退(分钟)</translation>
    </message>
    <message>
        <source>Reason for leave</source>
        <translation>请假原因</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>签退</translation>
    </message>
</context>
<context>
    <name>AttendanceImportResultDialog</name>
    <message>
        <source>Attendance import: {file}</source>
        <translation>考勤导入：{file}</translation>
    </message>
    <message>
        <source>The file holds online-learning hours. {rows} rows read; {records} records of online learning were added.</source>
        <translation>文件内容是线上学习学时。共读取 {rows} 行，新增线上学习记录 {records} 条。</translation>
    </message>
    <message>
        <source>The file holds attendance-machine punches. {rows} rows read; {marks} attendance marks were written.</source>
        <translation>文件内容是考勤机打卡记录。共读取 {rows} 行，写入考勤 {marks} 条。</translation>
    </message>
    <message>
        <source>{count} rows could not be used (listed below); everything else was saved.</source>
        <translation>有 {count} 行未能使用（见下方列表），其余内容均已保存。</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>未使用的行</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>提示</translation>
    </message>
</context>
<context>
    <name>AttendancePage</name>
    <message>
        <source>{month}/{day} {weekday} {period} {time} {kind} {lessons} lessons</source>
        <translation>{month}月{day}日 {weekday} {period} {time} {kind} {lessons}课时</translation>
    </message>
    <message>
        <source>{session} (cancelled)</source>
        <translation>{session}（已取消）</translation>
    </message>
    <message>
        <source>{session} (today)</source>
        <translation>{session}（今天）</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>H history</source>
        <translation>H 历史记录</translation>
    </message>
    <message>
        <source>Attendance summary</source>
        <translation>考勤汇总</translation>
    </message>
    <message>
        <source>Attendance sheet</source>
        <translation>考勤表</translation>
    </message>
</context>
<context>
    <name>AttendanceSheet</name>
    <message>
        <source>This session can no longer be changed.</source>
        <translation>这次课的考勤已不能修改。</translation>
    </message>
    <message>
        <source>Nothing was changed (see the note above).</source>
        <translation>没有做任何修改（原因见上方说明）。</translation>
    </message>
    <message>
        <source>Keys: {keys}</source>
        <translation>按键：{keys}</translation>
    </message>
    <message>
        <source>Keys: {keys} (a digit counts when pressed alone; a number typed here goes to the swipe box and marks nobody). Swiping an ID card signs the trainee in, a later swipe signs out.</source>
        <translation>按键：{keys}（数字键单独按下才算状态键；在此输入的号码会转到刷卡框，不记考勤）。刷身份证即签到，稍后再刷即签退。</translation>
    </message>
    <message>
        <source>Nobody is enrolled in this class yet.</source>
        <translation>这个班级还没有学员。</translation>
    </message>
    <message>
        <source>The lock time of this session's day has passed: every change asks for a reason and is kept permanently in the history.</source>
        <translation>这次课已过当日锁定时间：每次修改都要填写原因，修改记录永久保存。</translation>
    </message>
</context>
<context>
    <name>AttendanceSummary</name>
    <message>
        <source>As of {time}; the class is still running. “Rate so far” counts the sessions that have ended and been marked; “Rate of all planned” counts every planned lesson, the one completion is judged on. Needs attention (amber): {attention}; cannot complete even with full attendance from now on (red): {cannot}.</source>
        <translation>统计截至 {time}。班级仍在培训中：“出勤率（已上的课）”按已结束并已考勤的课计算；“出勤率（全部计划课时）”按全部计划课时计算，结业按此判断。需关注（黄色）：{attention} 名；即使此后全勤也无法达标（红色）：{cannot} 名。</translation>
    </message>
    <message>
        <source>As of {time}; every session has been held, so the verdict is final.</source>
        <translation>统计截至 {time}。所有课程均已结束，结业资格为最终结果。</translation>
    </message>
</context>
<context>
    <name>AttendanceSummaryModel</name>
    <message>
        <source>Roll no.</source>
        <translation>学号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Lessons attended</source>
        <translation>出勤课时</translation>
    </message>
    <message>
        <source>Online credited</source>
        <translation>线上计入</translation>
    </message>
    <message>
        <source>Lessons in total</source>
        <translation>合计课时</translation>
    </message>
    <message>
        <source>Rate so far</source>
        <translation>出勤率（已上的课）</translation>
    </message>
    <message>
        <source>Rate of all planned</source>
        <translation>出勤率（全部计划课时）</translation>
    </message>
    <message>
        <source>Standing</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>{attended} of the {held} lessons held so far</source>
        <translation>已上 {held} 课时，出勤 {attended} 课时</translation>
    </message>
    <message>
        <source>{attended} of all {planned} planned lessons</source>
        <translation>计划 {planned} 课时，出勤 {attended} 课时</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>AuditExporter</name>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>audit-log-{date}.xlsx</source>
        <translation>审计日志-{date}.xlsx</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>Exporting the audit log to {path} …</source>
        <translation>正在把审计日志导出到 {path} …</translation>
    </message>
    <message>
        <source>Exported {count} entries to {path}. The export itself is recorded in the audit log.</source>
        <translation>已导出 {count} 条记录到 {path}。本次导出也已记入审计日志。</translation>
    </message>
    <message>
        <source>Nothing was exported. {reason}</source>
        <translation>没有导出任何内容。{reason}</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
</context>
<context>
    <name>AuditFilters</name>
    <message>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>全部班级</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Words of the action, e.g. certificate, export, reveal; press Enter</source>
        <translation>操作关键词，如 证书、导出、查看；按回车查询</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Clear conditions</source>
        <translation>清除条件</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>No entries match these conditions.</source>
        <translation>没有符合条件的记录。</translation>
    </message>
    <message>
        <source>Showing the newest {count} entries. Narrow the conditions to see older ones; an export contains every matching entry.</source>
        <translation>仅显示最新的 {count} 条记录。缩小条件可查看更早的记录；导出文件包含全部符合条件的记录。</translation>
    </message>
    <message>
        <source>{count} entries, newest first.</source>
        <translation>共 {count} 条记录，最新的在前。</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>BackEntryReason</name>
    <message>
        <source>This session is locked: the first change asks for the reason, then every change to this session uses it until you change it.</source>
        <translation>这次课已锁定：第一次修改时询问原因，之后本次课的每次修改都使用这个原因，直到您更改它。</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>修改原因：{reason}</translation>
    </message>
    <message>
        <source>Change reason…</source>
        <translation>更改原因…</translation>
    </message>
    <message>
        <source>Reason: not given yet</source>
        <translation>修改原因：尚未填写</translation>
    </message>
    <message>
        <source>Set reason…</source>
        <translation>填写原因…</translation>
    </message>
</context>
<context>
    <name>BackEntryReasonDialog</name>
    <message>
        <source>Reason for changes to a locked session</source>
        <translation>已锁定课次的修改原因</translation>
    </message>
    <message>
        <source>The lock time of {session} has passed: every change is kept for good in the history, with your name and a reason. The reason you give here is used for every change you make to this session until you change it.</source>
        <translation>{session} 已过锁定时间：每次修改都会连同您的姓名和原因永久保存在修改记录中。这里填写的原因将用于您对这次课的每一次修改，直到您更改它。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Back-entry: paper sign-in sheet</source>
        <translation>补录：纸质签到表</translation>
    </message>
    <message>
        <source>Correction: the trainee showed proof of attendance</source>
        <translation>更正：学员出示了出勤凭证</translation>
    </message>
    <message>
        <source>Correction: marked by mistake</source>
        <translation>更正：误操作</translation>
    </message>
    <message>
        <source>Choose or type the reason (required)</source>
        <translation>选择或填写原因（必填）</translation>
    </message>
    <message>
        <source>Use this reason</source>
        <translation>使用这个原因</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>BackupSection</name>
    <message>
        <source>Back up the database to</source>
        <translation>把数据库备份到</translation>
    </message>
    <message>
        <source>SkillDesk backup (*.db)</source>
        <translation>SkillDesk 备份 (*.db)</translation>
    </message>
    <message>
        <source>Backing up to %1 … the window stays usable meanwhile.</source>
        <translation>正在备份到 %1 …… 其间窗口可以照常使用。</translation>
    </message>
    <message>
        <source>Backed up to %1 (%2 MB, checked). Keep the encryption key folder with it: %3</source>
        <translation>已备份到 %1（%2 MB，已通过完整性检查）。请把加密密钥文件夹一并保管：%3</translation>
    </message>
    <message>
        <source>Restore the database from</source>
        <translation>从备份恢复数据库</translation>
    </message>
    <message>
        <source>SkillDesk backup (*.db);;All files (*)</source>
        <translation>SkillDesk 备份 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace the database by the backup %1? The current database is kept as a backup first. SkillDesk closes after the restore; open it again to work with the restored data.</source>
        <translation>用备份 %1 替换当前数据库吗？当前数据库会先另存一份备份。恢复后 SkillDesk 会关闭，重新打开即可使用恢复的数据。</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Restoring %1 … checking the backup, keeping the current database.</source>
        <translation>正在恢复 %1 …… 正在检查备份并保留当前数据库。</translation>
    </message>
    <message>
        <source>The backup's last recorded action was at %1, the current database's at %2. Restoring it loses everything entered since. Restore it anyway?</source>
        <translation>备份中最后一次操作在 %1，当前数据库在 %2。恢复它会丢失此后录入的全部数据。仍要恢复吗？</translation>
    </message>
    <message>
        <source>The backup says its last action happened at %1, later than now (%2): the computer that wrote it had a wrong clock, or the file was changed. Restore it anyway?</source>
        <translation>备份中最后一次操作的时间是 %1，晚于现在（%2）：写入它的电脑时钟有误，或文件被改动过。仍要恢复吗？</translation>
    </message>
    <message>
        <source>Restored %1. The replaced database was kept as %2.</source>
        <translation>已恢复 %1。被替换的数据库已另存为 %2。</translation>
    </message>
    <message>
        <source>The backup was restored. SkillDesk closes now; open it again to work with the restored data.</source>
        <translation>备份已恢复。SkillDesk 现在关闭，请重新打开以使用恢复的数据。</translation>
    </message>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>A daily backup is kept automatically in the data folder. Back up to a USB stick regularly and keep the encryption key folder with it. Restoring replaces all data by the backup's.</source>
        <translation>数据文件夹中每天自动保留一份备份。请定期备份到 U 盘，并把加密密钥文件夹一起保管。恢复会用备份中的数据替换全部现有数据。</translation>
    </message>
    <message>
        <source>Back up…</source>
        <translation>备份…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
</context>
<context>
    <name>BatchPanel</name>
    <message>
        <source>{code} {name} · {kind} · {state}</source>
        <translation>{code} {name} · {kind} · {state}</translation>
    </message>
    <message>
        <source>signature verified</source>
        <translation>签名已验证</translation>
    </message>
    <message>
        <source>signature does NOT verify</source>
        <translation>签名验证未通过</translation>
    </message>
    <message>
        <source>signature not checked (platform key unknown)</source>
        <translation>签名未验证（本机没有省平台公钥）</translation>
    </message>
    <message>
        <source>Receipt No. {sequence}, received {time} ({verified}).</source>
        <translation>回执第 {sequence} 号，{time} 收到（{verified}）。</translation>
    </message>
    <message>
        <source>No receipt yet. Sealed {sealed}; sent {sent}.</source>
        <translation>尚无回执。封存于 {sealed}；发送于 {sent}。</translation>
    </message>
    <message>
        <source>No receipt yet. Sealed {sealed}; not sent yet.</source>
        <translation>尚无回执。封存于 {sealed}，尚未发送。</translation>
    </message>
    <message>
        <source>The platform returned this class. Select each problem below and click “Correct…” (or fix it on the Classes and Trainees pages), then click “Seal correction…”.</source>
        <translation>省平台退回了这个班级。请逐个选中下列问题并点“更正…”（也可在“班级”和“学员”页修改），然后点“封存更正批次…”。</translation>
    </message>
    <message>
        <source>Correction batch {batch} was sealed for it: follow that batch.</source>
        <translation>已为它封存更正批次 {batch}，请查看该批次的进度。</translation>
    </message>
    <message>
        <source>Accepted. The notes below need no new upload, but check them.</source>
        <translation>已接收。下列提醒无需重新上传，但请核对。</translation>
    </message>
    <message>
        <source>This correction replaces batch {batch}.</source>
        <translation>此更正批次取代批次 {batch}。</translation>
    </message>
    <message>
        <source>Replaced by correction batch {batch}.</source>
        <translation>已被更正批次 {batch} 取代。</translation>
    </message>
    <message>
        <source>The platform listed no problems.</source>
        <translation>省平台没有提出问题。</translation>
    </message>
    <message>
        <source>Corrected here: {what}.</source>
        <translation>已在此更正：{what}。</translation>
    </message>
    <message>
        <source>Click “Correct…” to enter the name as printed on the trainee's ID card.</source>
        <translation>点“更正…”，填写学员身份证上的姓名。</translation>
    </message>
    <message>
        <source>Click “Correct…” to withdraw this trainee's subsidy claim for this class.</source>
        <translation>点“更正…”，撤回该学员本班的补贴申请。</translation>
    </message>
    <message>
        <source>This cannot be corrected here. {what}</source>
        <translation>这一项不能在此直接更正。{what}</translation>
    </message>
    <message>
        <source>Select a problem to correct it.</source>
        <translation>选中一个问题即可更正。</translation>
    </message>
    <message>
        <source>This problem cannot be corrected here. {what}</source>
        <translation>这个问题不能在此直接更正。{what}</translation>
    </message>
    <message>
        <source>Corrected: {what}. {count} problem(s) of this batch still need correcting; when all are fixed, click “Seal correction…”.</source>
        <translation>已更正：{what}。本批次还有 {count} 个问题要处理；全部改好后，请点“封存更正批次…”。</translation>
    </message>
    <message>
        <source>Corrected: {what}. Every problem of this batch is now corrected: click “Seal correction…” to seal the corrected class and upload it again.</source>
        <translation>已更正：{what}。本批次的问题已全部更正：请点“封存更正批次…”，把改好的班级重新封存并上传。</translation>
    </message>
    <message>
        <source>Corrected as the platform asked: {what}</source>
        <translation>按省平台意见更正：{what}</translation>
    </message>
    <message>
        <source>Go and fix</source>
        <translation>去修改</translation>
    </message>
    <message>
        <source>Open this class on the Classes page</source>
        <translation>在“班级”页打开这个班级</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Correct the selected problem: a trainee's name, or a subsidy claim</source>
        <translation>更正选中的问题：学员姓名或补贴申请</translation>
    </message>
</context>
<context>
    <name>CancelSessionDialog</name>
    <message>
        <source>Cancel a session</source>
        <translation>取消一次课</translation>
    </message>
    <message>
        <source>Cancel the session of {date} ({weekday}) {time}? It stays in the schedule marked as cancelled, and its lessons no longer count. A session that already has attendance cannot be cancelled.</source>
        <translation>确定取消 {date}（{weekday}）{time} 的课吗？这次课会保留在课表中并标为“已取消”，它的课时不再计入。已有考勤记录的课不能取消。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>e.g. public holiday, teacher ill</source>
        <translation>例如：法定节假日、教师生病</translation>
    </message>
    <message>
        <source>Cancel this session</source>
        <translation>取消这次课</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>不取消</translation>
    </message>
</context>
<context>
    <name>CardReader</name>
    <message>
        <source>“{number}” was typed into the grid, so nothing was recorded (digits there are status keys only when pressed alone). To sign a trainee in by hand, click the swipe box, where the number now is, and press Enter.</source>
        <translation>在考勤表中输入的“{number}”没有记录考勤（考勤表里数字键只有单独按下时才是状态键）。要手工签到，请点击右上方的刷卡框（号码已在框中），再按回车。</translation>
    </message>
    <message>
        <source>Choose a class and a session first; nothing was recorded.</source>
        <translation>请先选择班级和课次；本次刷卡没有记录。</translation>
    </message>
    <message>
        <source>This session can no longer be changed.</source>
        <translation>这次课的考勤已不能修改。</translation>
    </message>
    <message>
        <source>Switch to that session and record it</source>
        <translation>切换到该课次并记录</translation>
    </message>
    <message>
        <source>Each card swipe is answered here: who signed in or out, or why nothing was recorded.</source>
        <translation>每次刷卡的结果显示在这里：谁签到、谁签退，或为什么没有记录。</translation>
    </message>
    <message>
        <source>Swipe / scan</source>
        <translation>刷卡/扫码</translation>
    </message>
    <message>
        <source>ID or roll number, then Enter</source>
        <translation>身份证号或学号，按回车</translation>
    </message>
</context>
<context>
    <name>CertificateBatch</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
</context>
<context>
    <name>CertificateExport</name>
    <message>
        <source>certificates_{code}.pdf</source>
        <translation>证书_{code}.pdf</translation>
    </message>
    <message>
        <source>Export the certificates of {code}</source>
        <translation>导出 {code} 的证书</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Exporting the certificates of {code} …</source>
        <translation>正在导出 {code} 的证书 …</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>已取消导出，没有写入文件。</translation>
    </message>
    <message>
        <source>{pages} certificates were saved to {path} (printer offset {x} mm, {y} mm).</source>
        <translation>已将 {pages} 张证书保存到 {path}（打印偏移：水平 {x} 毫米，垂直 {y} 毫米）。</translation>
    </message>
</context>
<context>
    <name>CertificateIssueModel</name>
    <message>
        <source>Roll no.</source>
        <translation>学号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID card no.</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Can be issued</source>
        <translation>可发证</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Voided: {reason}</source>
        <translation>已作废：{reason}</translation>
    </message>
    <message>
        <source>Issued on {date}</source>
        <translation>{date} 发证</translation>
    </message>
</context>
<context>
    <name>CertificateIssuer</name>
    <message>
        <source>Issue certificates</source>
        <translation>发放证书</translation>
    </message>
    <message>
        <source>Issue training certificates to {count} eligible trainees of {code}? Numbers are given in order and are never reused; the content is fixed at issue and can afterwards only be voided or reissued, with a reason.</source>
        <translation>为 {code} 的 {count} 名符合条件的学员发放培训合格证书？证书编号按顺序分配、不会重复使用；证书内容在发放时固定，之后只能作废或补发，并须填写原因。</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>发放</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CertificatePreview</name>
    <message>
        <source>The certificate preview needs the Qt PDF module (PySide6-Addons), which is not installed on this PC. Issuing, voiding, exporting and verifying still work; to print, export the PDF and print it from a PDF reader.</source>
        <translation>证书预览需要 Qt PDF 组件（PySide6-Addons），本机没有安装。发证、作废、导出和验证仍可正常使用；如需打印，请导出 PDF 后用 PDF 阅读器打印。</translation>
    </message>
    <message>
        <source>Select a certificate to see it here.</source>
        <translation>选择一张证书，在这里查看。</translation>
    </message>
    <message>
        <source>The certificate could not be shown: its PDF is damaged.</source>
        <translation>无法显示证书：PDF 文件已损坏。</translation>
    </message>
    <message>
        <source>{name}: no certificate yet</source>
        <translation>{name}：尚未发证</translation>
    </message>
    <message>
        <source>{name} may receive a certificate. Click “Issue certificates”; the certificate is shown here once it has its number.</source>
        <translation>{name} 符合发证条件。点击“发放证书”，证书编号分配后会在这里显示证书。</translation>
    </message>
    <message>
        <source>{name}: no certificate</source>
        <translation>{name}：不能发证</translation>
    </message>
    <message>
        <source>{name} cannot receive a certificate yet: {reasons}</source>
        <translation>{name} 暂不能发证：{reasons}</translation>
    </message>
    <message>
        <source>Preparing certificate {number} …</source>
        <translation>正在生成证书 {number} …</translation>
    </message>
    <message>
        <source>Certificate {number} · {name} · void: {reason}</source>
        <translation>证书 {number} · {name} · 已作废：{reason}</translation>
    </message>
    <message>
        <source>Certificate {number} · {name} · issued {date}</source>
        <translation>证书 {number} · {name} · {date} 发证</translation>
    </message>
    <message>
        <source>Certificate preview</source>
        <translation>证书预览</translation>
    </message>
    <message>
        <source>This certificate is void: do not print or hand it out. Scanning its QR code says it is void.</source>
        <translation>这张证书已作废：请勿打印或发放。扫描其二维码会显示已作废。</translation>
    </message>
    <message>
        <source>This reprint differs from the file stored when the certificate was issued (the template or the font has changed since). Check it before printing, or ask your administrator.</source>
        <translation>重新生成的证书与发证时存档的文件不一致（模板或字体在发证后有变动）。请先核对再打印，或联系系统管理员。</translation>
    </message>
</context>
<context>
    <name>CertificatePrinting</name>
    <message>
        <source>Preparing the certificates of {code} for printing …</source>
        <translation>正在准备打印 {code} 的证书 …</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Printing was cancelled; nothing was sent to the printer.</source>
        <translation>已取消打印，没有向打印机发送任何内容。</translation>
    </message>
    <message>
        <source>Certificates {code}</source>
        <translation>{code} 证书</translation>
    </message>
    <message>
        <source>Print the certificates of {code}</source>
        <translation>打印 {code} 的证书</translation>
    </message>
    <message>
        <source>Printing {count} certificates …</source>
        <translation>正在打印 {count} 张证书 …</translation>
    </message>
    <message>
        <source>Stopping after the current page …</source>
        <translation>正在停止：打印完当前这一页后停止 …</translation>
    </message>
    <message>
        <source>Printing certificate {done} of {total} …</source>
        <translation>正在打印第 {done} 张，共 {total} 张 …</translation>
    </message>
    <message>
        <source>The printer could not be started. Check that it is switched on and connected, then try again.</source>
        <translation>无法启动打印机。请检查打印机是否开机并已连接，然后再试。</translation>
    </message>
    <message>
        <source>Printing was cancelled after {printed} of {total} certificates.</source>
        <translation>打印已取消：{total} 张证书中已打印 {printed} 张。</translation>
    </message>
    <message>
        <source>{count} certificates were sent to the printer.</source>
        <translation>已向打印机发送 {count} 张证书。</translation>
    </message>
</context>
<context>
    <name>CertificateReasonDialog</name>
    <message>
        <source>Write the reason first: it is kept with the certificate for good.</source>
        <translation>请先填写原因：原因会和证书一起永久保存。</translation>
    </message>
    <message>
        <source>Void a certificate</source>
        <translation>作废证书</translation>
    </message>
    <message>
        <source>Void certificate {number} of {name}? The number is never used again and the certificate stays on record as void: scanning its QR code will say so. This cannot be undone.</source>
        <translation>作废 {name} 的证书 {number}？该编号不会再使用，证书以“已作废”状态保留在记录中，扫描其二维码时会显示已作废。作废后不能撤销。</translation>
    </message>
    <message>
        <source>Issued by mistake</source>
        <translation>误发</translation>
    </message>
    <message>
        <source>Issued twice</source>
        <translation>重复发放</translation>
    </message>
    <message>
        <source>Training record corrected</source>
        <translation>培训记录已更正</translation>
    </message>
    <message>
        <source>Void the certificate</source>
        <translation>作废证书</translation>
    </message>
    <message>
        <source>Reissue a certificate</source>
        <translation>补发证书</translation>
    </message>
    <message>
        <source>Reissue certificate {number} of {name}? The old certificate is voided and a new number is issued with the same training, dated today. Print the new certificate and take back the old one if you can.</source>
        <translation>补发 {name} 的证书 {number}？原证书将作废，并按相同的培训内容以今天的日期发放一个新编号的证书。请打印新证书，并尽量收回原证书。</translation>
    </message>
    <message>
        <source>Certificate lost</source>
        <translation>证书遗失</translation>
    </message>
    <message>
        <source>Certificate damaged</source>
        <translation>证书损坏</translation>
    </message>
    <message>
        <source>Misprinted</source>
        <translation>打印错误</translation>
    </message>
    <message>
        <source>Reissue</source>
        <translation>补发</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Choose or type the reason (required)</source>
        <translation>选择或填写原因（必填）</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>{status} · {dates} · {count} trainees</source>
        <translation>{status} · {dates} · {count} 名学员</translation>
    </message>
    <message>
        <source>Class {code} is {status}: its results can no longer change. Certificates can still be viewed, printed and verified.</source>
        <translation>班级 {code} {status}：考核成绩不能再修改。证书仍可查看、打印和验证。</translation>
    </message>
    <message>
        <source>Verify a certificate…</source>
        <translation>验证证书…</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>No class is in training, completed or sealed yet. Results and certificates are entered here once a class has started.</source>
        <translation>还没有培训中、已结业或已封存的班级。班级开班后，可以在这里录入考核成绩、发放证书。</translation>
    </message>
    <message>
        <source>Assessment results</source>
        <translation>考核成绩</translation>
    </message>
    <message>
        <source>Issuing</source>
        <translation>发证</translation>
    </message>
</context>
<context>
    <name>ChangeTableModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>银行账号</translation>
    </message>
    <message>
        <source>Household type</source>
        <translation>户口性质</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>就业状态</translation>
    </message>
    <message>
        <source>Key groups</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>{count} group(s)</source>
        <translation>{count} 项</translation>
    </message>
</context>
<context>
    <name>ClassDetailPanel</name>
    <message>
        <source>Loading class {code} …</source>
        <translation>正在读取班级 {code} …</translation>
    </message>
    <message>
        <source>{name} ({code}, {edition} edition)</source>
        <translation>{name}（{code}，{edition}版）</translation>
    </message>
    <message>
        <source>{type}, project-based</source>
        <translation>{type}（项目制）</translation>
    </message>
    <message>
        <source>{start} to {end} ({days} days)</source>
        <translation>{start} 至 {end}（共 {days} 天）</translation>
    </message>
    <message>
        <source>Not filled in</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>None assigned yet</source>
        <translation>尚未安排</translation>
    </message>
    <message>
        <source>Theory {theory} + practice {practice} = {total} lessons; online {online}</source>
        <translation>理论 {theory} + 实操 {practice} = {total} 课时；线上 {online} 课时</translation>
    </message>
    <message>
        <source>{enrolled} of {capacity} places</source>
        <translation>已报名 {enrolled} 人，名额 {capacity} 人</translation>
    </message>
    <message>
        <source>The schedule does not meet the policy yet (the class cannot be filed until it does):</source>
        <translation>课表还不符合补贴政策的要求（符合之前不能备案）：</translation>
    </message>
    <message>
        <source>The schedule does not meet the subsidy policy:</source>
        <translation>课表不符合补贴政策的要求：</translation>
    </message>
    <message>
        <source>A sealed class can no longer be changed.</source>
        <translation>班级已封存，不能再修改。</translation>
    </message>
    <message>
        <source>Select a class in the list above to see its facts, schedule and roster.</source>
        <translation>在上面的列表中选择一个班级，这里会显示它的基本信息、课表和花名册。</translation>
    </message>
    <message>
        <source>{teacher} now teaches in {code}.</source>
        <translation>已安排 {teacher} 在班级 {code} 授课。</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业（工种）</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Training type</source>
        <translation>培训类型</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>上课地点</translation>
    </message>
    <message>
        <source>Teachers</source>
        <translation>授课教师</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课时</translation>
    </message>
    <message>
        <source>Enrolled / places</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Subsidy policy</source>
        <translation>补贴政策</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Assign teacher…</source>
        <translation>安排教师…</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>课表</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>花名册</translation>
    </message>
</context>
<context>
    <name>ClassTableModel</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Class name</source>
        <translation>班级名称</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业（工种）</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Training type</source>
        <translation>培训类型</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <source>Enrolled / places</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>ClassesPage</name>
    <message>
        <source>Classes</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>No class matches the search or filter.</source>
        <translation>没有符合查找条件的班级。</translation>
    </message>
    <message>
        <source>There are no classes yet. Click “New class” to open the first one.</source>
        <translation>还没有班级。请点“新建班级”开设第一个班级。</translation>
    </message>
    <message>
        <source>Class {code} was created as a draft with {sessions} sessions.</source>
        <translation>班级 {code} 已创建（草稿），共排了 {sessions} 次课。</translation>
    </message>
    <message>
        <source>Check the schedule: {problems}</source>
        <translation>请检查课表：{problems}</translation>
    </message>
    <message>
        <source>Search by code, name or occupation</source>
        <translation>按班级编号、名称或职业查找</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>New class…</source>
        <translation>新建班级</translation>
    </message>
    <message>
        <source>Teachers…</source>
        <translation>教师…</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Not a date</source>
        <translation>日期无效</translation>
    </message>
    <message>
        <source>Type a full date, e.g. 2026-12-11, or pick one from the calendar.</source>
        <translation>请输入完整日期（例如 2026-12-11），或从日历中选择。</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <source>Choose from a calendar</source>
        <translation>从日历中选择</translation>
    </message>
    <message>
        <source>e.g. 2026-12-11</source>
        <translation>例如 2026-12-11</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Ready</source>
        <translation>设置完成</translation>
    </message>
    <message>
        <source>SkillDesk is set up. You are signed in as %1 (administrator). Next time, sign in with this username and password. Add the other accounts in Settings → Accounts.</source>
        <translation>SkillDesk 已设置完成，您已作为管理员 %1 登录。下次请用这个账号和密码登录。其他账号请在“设置 → 账号”中添加。</translation>
    </message>
</context>
<context>
    <name>EditClassDialog</name>
    <message>
        <source>Edit class {code}</source>
        <translation>修改班级 {code}</translation>
    </message>
    <message>
        <source>Class name</source>
        <translation>班级名称</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>班级人数</translation>
    </message>
    <message>
        <source> people</source>
        <translation> 人</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>上课地点</translation>
    </message>
    <message>
        <source>Project-based training</source>
        <translation>项目制培训</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>EditTraineeDialog</name>
    <message>
        <source>The name cannot be empty.</source>
        <translation>姓名不能为空。</translation>
    </message>
    <message>
        <source>Change at least one field first.</source>
        <translation>请先修改至少一项信息。</translation>
    </message>
    <message>
        <source>Say why the record changes: the reason is kept with the old and new values.</source>
        <translation>请填写修改原因：它会和修改前后的内容一起保存。</translation>
    </message>
    <message>
        <source>Correct the record of {name}</source>
        <translation>修改 {name} 的信息</translation>
    </message>
    <message>
        <source>The new values are checked like a roster row. Each change is kept in the trainee's change history with your name, the time and the reason; the phone and the bank account only masked. The identity number cannot change: another number is another person.</source>
        <translation>新的内容按花名册的规则检查。每项修改都记入学员的修改记录，连同您的姓名、时间和原因；手机号码和银行账号只记录遮挡后的内容。身份证号码不能修改：号码不同就是另一个人。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>New mobile</source>
        <translation>新手机号码</translation>
    </message>
    <message>
        <source>Household type</source>
        <translation>户口性质</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Key groups</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <source>New bank account</source>
        <translation>新银行账号</translation>
    </message>
    <message>
        <source>unchanged ({masked})</source>
        <translation>不变（{masked}）</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>unchanged (recorded)</source>
        <translation>不变（已登记）</translation>
    </message>
    <message>
        <source>several separated by commas</source>
        <translation>多项用顿号“、”或逗号分隔</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>The trainee's new phone number</source>
        <translation>学员更换了手机号码</translation>
    </message>
    <message>
        <source>As on the ID card</source>
        <translation>按身份证更正</translation>
    </message>
    <message>
        <source>New bank account for subsidies</source>
        <translation>更换补贴发放账户</translation>
    </message>
    <message>
        <source>Correct a registration error</source>
        <translation>更正登记错误</translation>
    </message>
    <message>
        <source>Choose or type the reason (required)</source>
        <translation>选择或填写原因（必填）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>The action could not be completed because of an unexpected error. Please try again; if it keeps happening, tell your administrator the time it happened.</source>
        <translation>出现意外错误，操作没有完成。请再试一次；如果反复出现，请告诉系统管理员发生的时间。</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the roster workbook</source>
        <translation>选择花名册文件</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;All files (*)</source>
        <translation>Excel 工作簿 (*.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save the roster template</source>
        <translation>保存花名册模板</translation>
    </message>
    <message>
        <source>roster_template.xlsx</source>
        <translation>花名册模板.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Template saved to {path}.</source>
        <translation>模板已保存到 {path}。</translation>
    </message>
    <message>
        <source>Step 1 of 4: choose the roster file</source>
        <translation>第 1 步（共 4 步）：选择花名册文件</translation>
    </message>
    <message>
        <source>Trainees in the file will be enrolled into {code} {name}.</source>
        <translation>文件中的学员将报名到班级 {code} {name}。</translation>
    </message>
    <message>
        <source>Use the roster template (button below), one trainee per row. The ID number column must be formatted as Text in Excel, otherwise Excel turns the numbers into 3.2E+17 and loses digits. A roster in another layout also works if its first row holds column names such as 姓名 and 身份证号码. Nothing is saved until you confirm the import in step 3.</source>
        <translation>请用花名册模板填写（见下方按钮），每位学员一行。“身份证号码”一列在 Excel 中必须设为“文本”格式，否则 Excel 会把号码变成 3.2E+17 这样的数字并丢失最后几位。其他格式的花名册，只要第一行是姓名、身份证号码等列名，也可以导入。在第 3 步确认导入之前，不会保存任何数据。</translation>
    </message>
    <message>
        <source>Drag the Excel file (.xlsx) here, or click “Choose file…”</source>
        <translation>把 Excel 文件（.xlsx）拖到这里，或点“选择文件…”</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Save the template…</source>
        <translation>下载花名册模板…</translation>
    </message>
    <message>
        <source>Chosen file: {path}</source>
        <translation>已选文件：{path}</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up SkillDesk</source>
        <translation>首次设置 SkillDesk</translation>
    </message>
</context>
<context>
    <name>GeneralSection</name>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Lock after inactivity</source>
        <translation>无操作自动锁定</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Workflow</source>
        <translation>工作流程</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Trainees</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>SkillDesk help</source>
        <translation>SkillDesk 帮助</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <source>Class code</source>
        <translation>班级编号</translation>
    </message>
    <message>
        <source>Class name</source>
        <translation>班级名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <source>Subsidy</source>
        <translation>补贴</translation>
    </message>
    <message>
        <source>Withdrew {date}</source>
        <translation>{date} 退学</translation>
    </message>
    <message>
        <source>Withdrew on {date}: {reason}</source>
        <translation>{date} 退学：{reason}</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Enrolling the trainees … the window stays usable meanwhile.</source>
        <translation>正在为学员报名 …（期间可以继续使用其他窗口）</translation>
    </message>
    <message>
        <source>Import finished.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <source>Click “Try again” to import the file again, or “Close” to stop here.</source>
        <translation>点“重试”重新导入这个文件，或点“关闭”结束。</translation>
    </message>
    <message>
        <source>Step 3 of 4: import</source>
        <translation>第 3 步（共 4 步）：导入</translation>
    </message>
    <message>
        <source>All accepted rows are saved together: either every one of them, or none.</source>
        <translation>所有可以导入的行一起保存：要么全部保存，要么都不保存。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>InstitutionPage</name>
    <message>
        <source>Your institution</source>
        <translation>机构信息</translation>
    </message>
    <message>
        <source>As registered with the human resources and social security bureau. Certificate numbers start with the institution code.</source>
        <translation>按人社部门登记的信息填写。证书编号以机构编号开头。</translation>
    </message>
    <message>
        <source>Institution code *</source>
        <translation>机构编号 *</translation>
    </message>
    <message>
        <source>Institution name *</source>
        <translation>机构名称 *</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Office phone</source>
        <translation>办公电话</translation>
    </message>
    <message>
        <source>Capital letters and digits, e.g. %1</source>
        <translation>大写字母和数字，例如 %1</translation>
    </message>
</context>
<context>
    <name>InstitutionSection</name>
    <message>
        <source>The institution's details were saved.</source>
        <translation>机构信息已保存。</translation>
    </message>
    <message>
        <source>Show the full account number</source>
        <translation>显示完整账号</translation>
    </message>
    <message>
        <source>Why is the full number needed? (Kept in the audit log.)</source>
        <translation>为什么需要查看完整账号？（会记入审计日志）</translation>
    </message>
    <message>
        <source>Subsidy account number: %1</source>
        <translation>补贴收款账号：%1</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>机构信息</translation>
    </message>
    <message>
        <source>Institution name *</source>
        <translation>机构名称 *</translation>
    </message>
    <message>
        <source>Institution code *</source>
        <translation>机构编号 *</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Office phone</source>
        <translation>办公电话</translation>
    </message>
    <message>
        <source>Bank for subsidies</source>
        <translation>补贴收款开户行</translation>
    </message>
    <message>
        <source>Account for subsidies</source>
        <translation>补贴收款账号</translation>
    </message>
    <message>
        <source>Capital letters and digits, e.g. %1</source>
        <translation>大写字母和数字，例如 %1</translation>
    </message>
    <message>
        <source>18 characters, e.g. 91320506MA1XXXXXX0</source>
        <translation>18 位，例如 91320506MA1XXXXXX0</translation>
    </message>
    <message>
        <source>Saved: %1 — type a new number to replace it</source>
        <translation>已保存：%1（输入新账号可替换）</translation>
    </message>
    <message>
        <source>Digits only</source>
        <translation>只填数字</translation>
    </message>
    <message>
        <source>Show full number…</source>
        <translation>显示完整账号…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>The code starts the numbers of %1 certificates already issued, so it can no longer be changed.</source>
        <translation>已发放的 %1 张证书编号以此机构编号开头，机构编号不能再修改。</translation>
    </message>
    <message>
        <source>Certificate numbers start with the institution code.</source>
        <translation>证书编号以机构编号开头。</translation>
    </message>
</context>
<context>
    <name>IssueReportDialog</name>
    <message>
        <source>Certificates issued for {code}</source>
        <translation>{code} 发证结果</translation>
    </message>
    <message>
        <source>{count} certificates were issued ({numbers}).</source>
        <translation>已发放 {count} 张证书（{numbers}）。</translation>
    </message>
    <message>
        <source>No new certificate was issued.</source>
        <translation>没有发放新证书。</translation>
    </message>
    <message>
        <source>{count} trainees already had one.</source>
        <translation>{count} 名学员此前已有证书。</translation>
    </message>
    <message>
        <source>{count} trainees cannot receive one yet (listed below).</source>
        <translation>{count} 名学员暂不能发证（见下方）。</translation>
    </message>
    <message>
        <source>Cannot receive a certificate yet</source>
        <translation>暂不能发证</translation>
    </message>
    <message>
        <source>Check these certificates before printing</source>
        <translation>打印前请核对这些证书</translation>
    </message>
</context>
<context>
    <name>IssuingTab</name>
    <message>
        <source>Printing needs the Qt PDF module; export the PDF and print it from a PDF reader instead.</source>
        <translation>打印需要 Qt PDF 组件；请改为导出 PDF，再用 PDF 阅读器打印。</translation>
    </message>
    <message>
        <source>Print the certificates of the class; choose pages or the selected certificate in the print dialog.</source>
        <translation>打印本班的证书；可在打印对话框中选择页码范围或只打印选中的证书。</translation>
    </message>
    <message>
        <source>{total} trainees: {issued} with a certificate, {ready} ready to receive one, {blocked} not eligible yet.</source>
        <translation>共 {total} 名学员：已发证 {issued} 人，可发证 {ready} 人，暂不能发证 {blocked} 人。</translation>
    </message>
    <message>
        <source>{void} voided certificates are listed at the end (grey).</source>
        <translation>另有 {void} 张已作废的证书列在最后（灰色）。</translation>
    </message>
    <message>
        <source>Issue certificates</source>
        <translation>发放证书</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Reissue…</source>
        <translation>补发…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <source>SkillDesk is locked</source>
        <translation>SkillDesk 已锁定</translation>
    </message>
    <message>
        <source>Locked after a period without use. Signed in as %1 (%2); enter the password to continue.</source>
        <translation>长时间未操作，已自动锁定。当前登录：%1（%2）。请输入密码继续。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Attendance station: swipe your ID card for {code} {name}, session {date} {start}–{end}. Everything else stays locked until the password is entered.</source>
        <translation>考勤刷卡进行中：{code} {name}，课次 {date} {start}–{end}。学员请刷身份证签到或签退；其他操作需输入密码解锁后才能使用。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to SkillDesk</source>
        <translation>登录 SkillDesk</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Signed in:</source>
        <translation>当前用户：</translation>
    </message>
    <message>
        <source>Sign out / switch user…</source>
        <translation>退出登录 / 切换用户…</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <source>Card reader: {text}</source>
        <translation>刷卡：{text}</translation>
    </message>
    <message numerus="yes">
        <source>Classes in this database: %n</source>
        <translation>
            <numerusform>当前数据库共有 %n 个班级</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Trainees in this database: %n</source>
        <translation>
            <numerusform>当前数据库共有 %n 名学员</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Batches waiting to upload: %n</source>
        <translation>
            <numerusform>等待上传的批次：%n 个</numerusform></translation>
    </message>
    <message>
        <source>Database: %s</source>
        <translation>数据库：%s</translation>
    </message>
    <message>
        <source>Offline (platform not set up)</source>
        <translation>离线（尚未设置省平台地址）</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline: work is kept and uploaded later</source>
        <translation>离线：数据已保存，联网后自动上传</translation>
    </message>
    <message numerus="yes">
        <source>Batches waiting: %n</source>
        <translation>
            <numerusform>待上传：%n 批</numerusform></translation>
    </message>
    <message>
        <source>Help (F1)</source>
        <translation>帮助（F1）</translation>
    </message>
</context>
<context>
    <name>MarkDialog</name>
    <message>
        <source>Mark {name}: {status}</source>
        <translation>考勤：{name} — {status}</translation>
    </message>
    <message>
        <source>{name}: {status}</source>
        <translation>{name}：{status}</translation>
    </message>
    <message>
        <source>Minutes late</source>
        <translation>迟到分钟数</translation>
    </message>
    <message>
        <source>Minutes left early</source>
        <translation>早退分钟数</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Type the minutes and press Enter.</source>
        <translation>输入分钟数后按回车。</translation>
    </message>
    <message>
        <source>Reason for leave</source>
        <translation>请假原因</translation>
    </message>
    <message>
        <source>Sick leave</source>
        <translation>病假</translation>
    </message>
    <message>
        <source>Personal leave</source>
        <translation>事假</translation>
    </message>
    <message>
        <source>Work commitment</source>
        <translation>工作原因</translation>
    </message>
    <message>
        <source>Choose or type the reason (required)</source>
        <translation>选择或填写原因（必填）</translation>
    </message>
    <message>
        <source>The lock time of this session's day has passed: the change will be kept permanently in the history, with your name and the reason “{reason}”.</source>
        <translation>已过当日锁定时间，修改将永久留痕：修改记录会连同您的姓名和原因“{reason}”一起永久保存。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MarkHistory</name>
    <message>
        <source>No. {roll} {name}</source>
        <translation>{roll} 号 {name}</translation>
    </message>
    <message>
        <source>Restored: {roll}. {name}: {mark}</source>
        <translation>已恢复：{roll}. {name}：{mark}</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
</context>
<context>
    <name>MarkHistoryDialog</name>
    <message>
        <source>This mark cannot be changed here (the class is sealed or your role may not record attendance).</source>
        <translation>这里不能修改这条考勤（班级已封存，或您的角色不能记录考勤）。</translation>
    </message>
    <message>
        <source>The chosen line's value is the mark's value now. Choose an earlier line to restore its value.</source>
        <translation>选中这一行的值就是现在的考勤。请选择更早的一行来恢复它的值。</translation>
    </message>
    <message>
        <source>Make the chosen line's value the mark's value again. The history keeps every line; the restore is added as a new line with your reason.</source>
        <translation>把选中这一行的值恢复为现在的考勤。原有记录全部保留，恢复会作为新的一行连同您的原因记下。</translation>
    </message>
    <message>
        <source>Restore this value…</source>
        <translation>恢复此值…</translation>
    </message>
    <message>
        <source>History of a mark</source>
        <translation>考勤修改记录</translation>
    </message>
    <message>
        <source>{name}, {session}</source>
        <translation>{name}，{session}</translation>
    </message>
    <message>
        <source>No attendance has been recorded for this trainee in this session yet.</source>
        <translation>这名学员在这次课还没有考勤记录。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>MarkHistoryModel</name>
    <message>
        <source>Revision</source>
        <translation>次序</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>Marking</name>
    <message>
        <source>The lock time of this session's day has passed: everyone not yet marked is marked present with the reason for changes to this session (asked first if not given yet).</source>
        <translation>这次课已过当日锁定时间：把还没有考勤的学员记为出勤，使用本次课的修改原因（还没有填写时先询问）。</translation>
    </message>
    <message>
        <source>Mark everyone not yet marked as present; marks already taken, leave included, stay as they are.</source>
        <translation>把所有尚未考勤的学员标为出勤；已有的考勤（包括请假）保持不变。</translation>
    </message>
    <message>
        <source>Select a trainee first (arrow keys), then press the status key.</source>
        <translation>请先用上下方向键选中一名学员，再按状态键。</translation>
    </message>
    <message>
        <source>signed in {time}</source>
        <translation>签到 {time}</translation>
    </message>
    <message>
        <source>signed out {time}</source>
        <translation>签退 {time}</translation>
    </message>
    <message>
        <source>Replace the card record?</source>
        <translation>替换刷卡记录？</translation>
    </message>
    <message>
        <source>{roll}. {name} has a card record ({times}). Marking “{status}” removes those times from the sheet (the history keeps them). Replace the card record?</source>
        <translation>{roll} 号 {name} 有刷卡记录（{times}）。标为“{status}”会从考勤表中去掉这些时间（修改记录中仍保留）。确定替换刷卡记录吗？</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Keep the card record</source>
        <translation>保留刷卡记录</translation>
    </message>
    <message>
        <source>Nothing was changed: the card record stays.</source>
        <translation>没有修改：刷卡记录保持不变。</translation>
    </message>
    <message>
        <source>Saved: {roll}. {name}: {status}</source>
        <translation>已保存：{roll} 号 {name} — {status}</translation>
    </message>
    <message>
        <source>{count} trainees not yet marked were marked present; marks already taken (leave included) were left as they were.</source>
        <translation>已把 {count} 名尚未考勤的学员标为出勤；已有的考勤（包括请假）没有改动。</translation>
    </message>
    <message>
        <source>Everyone already has a mark; nothing was changed.</source>
        <translation>每名学员都已有考勤记录，没有做任何修改。</translation>
    </message>
    <message>
        <source>All present</source>
        <translation>全部出勤</translation>
    </message>
</context>
<context>
    <name>MoveSessionDialog</name>
    <message>
        <source>The new date is not a date: type it in full, e.g. 2026-12-11, or pick it from the calendar.</source>
        <translation>新日期无效：请输入完整日期（例如 2026-12-11），或从日历中选择。</translation>
    </message>
    <message>
        <source>Move a session</source>
        <translation>调整上课时间</translation>
    </message>
    <message>
        <source>Now: {date} ({weekday}) {time}, {kind}, {lessons} lessons</source>
        <translation>原定：{date}（{weekday}）{time}，{kind}，{lessons} 课时</translation>
    </message>
    <message>
        <source>New date</source>
        <translation>新日期</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>上课时间</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>下课时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>e.g. teacher on leave, room not available</source>
        <translation>例如：教师请假、场地冲突</translation>
    </message>
    <message>
        <source>Move session</source>
        <translation>调整时间</translation>
    </message>
</context>
<context>
    <name>NameCorrectionDialog</name>
    <message>
        <source>As the provincial platform asked: the name on the ID card is correct</source>
        <translation>按省平台意见，以身份证上的姓名为准</translation>
    </message>
    <message>
        <source>Type the name exactly as printed on the ID card.</source>
        <translation>请照身份证上印的姓名逐字填写。</translation>
    </message>
    <message>
        <source>This is the name already on record; type the name printed on the ID card.</source>
        <translation>这就是现在登记的姓名；请填写身份证上印的姓名。</translation>
    </message>
    <message>
        <source>the name of No. {roll} from {old} to {new}</source>
        <translation>第 {roll} 号学员姓名由“{old}”改为“{new}”</translation>
    </message>
    <message>
        <source>Correct the trainee's name</source>
        <translation>更正学员姓名</translation>
    </message>
    <message>
        <source>Type the name exactly as printed on the trainee's ID card (look at the card, not the enrolment form). The change is recorded in the audit log; the batch already sent keeps the old name, and the corrected name goes up with the correction batch.</source>
        <translation>请照学员身份证上印的姓名逐字填写（以身份证原件为准，不要照报名表）。修改会记入审计日志；已发送的批次保留原姓名，改正后的姓名随更正批次上传。</translation>
    </message>
    <message>
        <source>Name on the ID card *</source>
        <translation>身份证上的姓名 *</translation>
    </message>
    <message>
        <source>As printed on the ID card</source>
        <translation>与身份证上印的一致</translation>
    </message>
    <message>
        <source>Correct the name</source>
        <translation>更正姓名</translation>
    </message>
</context>
<context>
    <name>NewClassDialog</name>
    <message>
        <source>Choose the occupation from the list (type part of its name or code to find it).</source>
        <translation>请从清单中选择职业（输入名称或编码的一部分可以查找）。</translation>
    </message>
    <message>
        <source>Choose the level.</source>
        <translation>请选择等级。</translation>
    </message>
    <message>
        <source>Tick at least one weekday on which the class meets.</source>
        <translation>请至少勾选一个上课的星期。</translation>
    </message>
    <message>
        <source>Tick at least one sitting (morning, afternoon or evening).</source>
        <translation>请至少勾选一个上课时段（上午、下午或晚上）。</translation>
    </message>
    <message>
        <source>The start date is not a date: type it in full, e.g. 2026-12-11, or pick it from the calendar.</source>
        <translation>开始日期无效：请输入完整日期（例如 2026-12-11），或从日历中选择。</translation>
    </message>
    <message>
        <source>The end date is not a date: type it in full, e.g. 2026-12-11, or pick it from the calendar.</source>
        <translation>结束日期无效：请输入完整日期（例如 2026-12-11），或从日历中选择。</translation>
    </message>
    <message>
        <source>A very long class</source>
        <translation>班级时间很长</translation>
    </message>
    <message>
        <source>This class runs from %1 to %2: %3 days and %4 sessions (%5 lessons). That is more than three months or more than 300 sessions. Are the end date and the schedule right?</source>
        <translation>这个班级从 %1 到 %2，共 %3 天、%4 次课（%5 课时），超过了三个月或 300 次课。结束日期和课程安排都正确吗？</translation>
    </message>
    <message>
        <source>Create the class as it is</source>
        <translation>按此新建班级</translation>
    </message>
    <message>
        <source>Correct the dates</source>
        <translation>修改日期</translation>
    </message>
    <message>
        <source>New class</source>
        <translation>新建班级</translation>
    </message>
    <message>
        <source>Class details</source>
        <translation>班级信息</translation>
    </message>
    <message>
        <source>Class code</source>
        <translation>班级编号</translation>
    </message>
    <message>
        <source>e.g. 2026-JZ02</source>
        <translation>例如：2026-JZ02</translation>
    </message>
    <message>
        <source>Class name</source>
        <translation>班级名称</translation>
    </message>
    <message>
        <source>e.g. 2026 housekeeping (level 4), 2nd intake</source>
        <translation>例如：2026年家政服务员（四级）第2期</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业（工种）</translation>
    </message>
    <message>
        <source>Type a name or code to search</source>
        <translation>输入名称或编码查找</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Training type</source>
        <translation>培训类型</translation>
    </message>
    <message>
        <source>Project-based training</source>
        <translation>项目制培训</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>开班日期</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>结业日期</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>班级人数</translation>
    </message>
    <message>
        <source> people</source>
        <translation> 人</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>上课地点</translation>
    </message>
    <message>
        <source>Create class</source>
        <translation>创建班级</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>下次重试</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>回执</translation>
    </message>
    <message>
        <source>No. {sequence}</source>
        <translation>第 {sequence} 号</translation>
    </message>
</context>
<context>
    <name>OutcomeTableModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>PasswordCheck</name>
    <message>
        <source>Checking the password…</source>
        <translation>正在核对密码…</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>Sign in first: to %1 you need an account that may.</source>
        <translation>请先登录：“%1”需要登录有此权限的账号</translation>
    </message>
    <message>
        <source>Your role (%1) does not allow you to %2.</source>
        <translation>您的角色（%1）没有“%2”的权限</translation>
    </message>
</context>
<context>
    <name>PlatformSection</name>
    <message>
        <source>Provincial platform</source>
        <translation>省职业技能培训公共服务平台</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>平台地址</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Row {row} {name}: {changes}</source>
        <translation>第 {row} 行 {name}：{changes}</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>……另有 {count} 人</translation>
    </message>
    <message>
        <source>{count} people already on record have different details in this file:</source>
        <translation>有 {count} 名已登记的学员，表中的信息与记录不同：</translation>
    </message>
    <message>
        <source>Checking every row of {file} … nothing is saved yet.</source>
        <translation>正在逐行检查 {file} …（此时还不会保存）</translation>
    </message>
    <message>
        <source>The file has no trainee rows.</source>
        <translation>文件中没有学员数据。</translation>
    </message>
    <message>
        <source>Nobody in this file can be enrolled. Save the rows that cannot be imported, correct them and choose the corrected file.</source>
        <translation>这个文件中没有可以报名的学员。请保存不能导入的行，改正后重新选择改好的文件。</translation>
    </message>
    <message>
        <source>Nothing has been saved yet. Check the list, then click “Import” to enrol the trainees.</source>
        <translation>还没有保存任何数据。请核对下面的清单，然后点“导入”为学员报名。</translation>
    </message>
    <message>
        <source>Import {count} trainees</source>
        <translation>导入 {count} 人</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Step 2 of 4: check the rows</source>
        <translation>第 2 步（共 4 步）：检查每一行</translation>
    </message>
    <message>
        <source>Every row is checked against the identity rules and the subsidy policy.</source>
        <translation>逐行核对身份证件和补贴政策，此时还不会保存。</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Save rows that cannot be imported…</source>
        <translation>保存不能导入的行…</translation>
    </message>
    <message>
        <source>Also change these details (recorded in the audit log); otherwise the records stay as they are</source>
        <translation>同时更改这些信息（会记入审计日志）；不勾选则保持原记录不变</translation>
    </message>
    <message>
        <source>Red rows cannot be imported; orange rows will be enrolled without subsidy. Select a row to read the reasons in full.</source>
        <translation>红色行不能导入；橙色行可以报名，但不享受补贴。选中一行可在下方看到完整原因。</translation>
    </message>
</context>
<context>
    <name>PrinterOffsetSection</name>
    <message>
        <source>Certificate printing offset</source>
        <translation>证书打印偏移</translation>
    </message>
    <message>
        <source>Horizontal (right +)</source>
        <translation>水平（向右为正）</translation>
    </message>
    <message>
        <source>Vertical (up +)</source>
        <translation>垂直（向上为正）</translation>
    </message>
    <message>
        <source>Shifts everything printed on a certificate, to land on the blanks of pre-printed stock. Print one test certificate on plain paper, hold it against the stock and measure how far off it is. Saved at once; used for printing and exporting.</source>
        <translation>整体移动证书上打印的全部内容，使其对准预印证书纸上的空白处。可先用普通纸打印一张，与证书纸叠放比对，量出偏差。修改后立即保存，打印和导出时使用。</translation>
    </message>
</context>
<context>
    <name>PunchReasonDialog</name>
    <message>
        <source>Write why these past sessions are recorded from the file: the reason is kept with each mark.</source>
        <translation>请写明为什么要从文件补录这些已过去的课：原因会随每条考勤保存。</translation>
    </message>
    <message>
        <source>Record past sessions from {file}</source>
        <translation>从 {file} 补录过去的考勤</translation>
    </message>
    <message>
        <source>{count} punches in {file} are for sessions past the lock period and were not written. Recording them needs a reason, as a change on the attendance sheet does; marks already complete are kept either way.</source>
        <translation>{file} 中有 {count} 条打卡记录属于已过锁定时间的课，尚未写入。补录它们须填写原因，与在考勤表中修改相同；已完整的考勤无论如何都保持不变。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Record them</source>
        <translation>补录</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message>
        <source>Page &amp;order:</source>
        <translation>页序(&amp;O)：</translation>
    </message>
    <message>
        <source>Pages &amp;per sheet:</source>
        <translation>每张页数(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>页面组(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>ReceiptIssueModel</name>
    <message>
        <source>Fix status</source>
        <translation>更正情况</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>怎么办</translation>
    </message>
    <message>
        <source>✓ Corrected</source>
        <translation>✓ 已更正</translation>
    </message>
    <message>
        <source>To correct</source>
        <translation>待更正</translation>
    </message>
    <message>
        <source>See what to do</source>
        <translation>见“怎么办”</translation>
    </message>
    <message>
        <source>No. {roll} {name}</source>
        <translation>{roll} 号 {name}</translation>
    </message>
    <message>
        <source>Whole batch</source>
        <translation>整个批次</translation>
    </message>
</context>
<context>
    <name>RegistrationBar</name>
    <message>
        <source>This computer is not yet registered with the provincial platform, so nothing can be uploaded. Ask the platform for an enrolment code, enter the platform address on the Settings page, then click “Register this computer…”. Until then, batches can go on a USB stick.</source>
        <translation>本机尚未在省平台登记，暂时不能上传。请向省平台申请登记码，在“设置”页填写省平台地址，然后点“登记本机…”。登记之前，可以用U盘送交批次。</translation>
    </message>
    <message>
        <source>Uploads are paused: {reason}</source>
        <translation>上传已暂停：{reason}</translation>
    </message>
    <message>
        <source>Registered with the provincial platform as device {device} (since {since}, {url}).</source>
        <translation>本机已在省平台登记，设备编号 {device}（{since} 登记，{url}）。</translation>
    </message>
    <message>
        <source>Enter the platform address on the Settings page first, then register this computer.</source>
        <translation>请先在“设置”页填写省平台地址，再登记本机。</translation>
    </message>
    <message>
        <source>Register this computer</source>
        <translation>登记本机</translation>
    </message>
    <message>
        <source>Enrolment code from the provincial platform (it can be used once):</source>
        <translation>省平台发放的登记码（只能使用一次）：</translation>
    </message>
    <message>
        <source>This computer is registered as device {device}. Waiting batches now go up automatically.</source>
        <translation>本机已登记，设备编号 {device}。等待中的批次将自动上传。</translation>
    </message>
    <message>
        <source>Register this computer…</source>
        <translation>登记本机…</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Quarterly and annual figures of training, completion and subsidies for the authorities.</source>
        <translation>向主管部门报送的季度、年度培训、结业和补贴数据。</translation>
    </message>
    <message>
        <source>This page is being built. It will let you:</source>
        <translation>本页面正在建设中，完成后可以：</translation>
    </message>
    <message>
        <source>Classes, trainees and completions by occupation and key group</source>
        <translation>按职业和重点群体统计班级、学员和结业人数</translation>
    </message>
    <message>
        <source>Subsidies claimed and paid</source>
        <translation>补贴申领和发放情况</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出为 Excel</translation>
    </message>
</context>
<context>
    <name>RestoreMarkPrompt</name>
    <message>
        <source>Write the reason first: it is kept with the mark's history for good.</source>
        <translation>请先填写原因：原因会随修改记录永久保存。</translation>
    </message>
    <message>
        <source>Restore an earlier value</source>
        <translation>恢复以前的值</translation>
    </message>
    <message>
        <source>Make “{value}” (revision {revision}) the mark of {name} again? The history keeps every line as it is; the restore is added as a new line with your name and the reason.</source>
        <translation>把 {name} 的考勤恢复为“{value}”（第 {revision} 次修改）吗？原有记录原样保留，恢复会作为新的一行连同您的姓名和原因记下。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Changed by mistake</source>
        <translation>误改，恢复原值</translation>
    </message>
    <message>
        <source>Checked against the paper sign-in sheet</source>
        <translation>已核对纸质签到表</translation>
    </message>
    <message>
        <source>Choose or type the reason (required)</source>
        <translation>选择或填写原因（必填）</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>ResultOverrideDialog</name>
    <message>
        <source>Write the reason first: a result against the scores is kept only with its reason.</source>
        <translation>请先填写理由：与成绩不符的考核结果必须写明理由才能登记。</translation>
    </message>
    <message>
        <source>Result against the scores</source>
        <translation>考核结果与成绩不符</translation>
    </message>
    <message>
        <source>No. {roll} {name}: {refusal}</source>
        <translation>{roll} 号 {name}：{refusal}</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Passed the make-up assessment (records attached)</source>
        <translation>补考合格（记录另附）</translation>
    </message>
    <message>
        <source>Score sheet corrected by the assessment body</source>
        <translation>考评机构已更正成绩单</translation>
    </message>
    <message>
        <source>Choose or type the reason (required)</source>
        <translation>选择或填写理由（必填）</translation>
    </message>
    <message>
        <source>Record with this reason</source>
        <translation>按此理由登记</translation>
    </message>
</context>
<context>
    <name>ResultsImport</name>
    <message>
        <source>Import assessment results into {code}</source>
        <translation>向 {code} 导入考核成绩</translation>
    </message>
    <message>
        <source>Results files (*.xlsx *.csv);;All files (*)</source>
        <translation>成绩文件 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ResultsTab</name>
    <message>
        <source>This class is read-only.</source>
        <translation>这个班级只能查看，不能修改。</translation>
    </message>
    <message>
        <source>Your role may not export files with personal data.</source>
        <translation>您的角色不能导出含个人信息的文件。</translation>
    </message>
    <message>
        <source>No. {roll} {name}: not saved. {reason}</source>
        <translation>{roll} 号 {name}：没有保存。{reason}</translation>
    </message>
    <message>
        <source>No. {roll} {name}, {column}: {reason}</source>
        <translation>{roll} 号 {name}，{column}：{reason}</translation>
    </message>
    <message>
        <source>Nobody is enrolled in this class.</source>
        <translation>这个班级还没有学员。</translation>
    </message>
    <message>
        <source>Results entered for {entered} of {total} trainees: {passed} passed, {failed} failed.</source>
        <translation>{total} 名学员中已录入 {entered} 人的考核结果：合格 {passed} 人，不合格 {failed} 人。</translation>
    </message>
    <message>
        <source>Import results…</source>
        <translation>导入成绩…</translation>
    </message>
    <message>
        <source>Results template…</source>
        <translation>成绩模板…</translation>
    </message>
    <message>
        <source>Type a score (0–100, one decimal at most); Tab goes to the next cell you can change. The result follows the scores and the pass marks; a result against the scores needs a written reason. Each change is saved at once. Tick “Retake” for a make-up assessment. Only trainees who completed the hours and passed can receive a certificate.</source>
        <translation>直接输入分数（0–100，最多一位小数），按 Tab 键跳到下一个可填写的格子。考核结果按成绩和合格分数线自动判定；与成绩不符的结果须写明理由。每次修改立即保存。补考的请勾选“补考”。只有学时达标且考核合格的学员才能发证。</translation>
    </message>
</context>
<context>
    <name>ResultsTemplate</name>
    <message>
        <source>Save the results template of {code}</source>
        <translation>保存 {code} 的考核成绩模板</translation>
    </message>
    <message>
        <source>results_{code}.xlsx</source>
        <translation>考核成绩_{code}.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>The results template with {count} trainees was saved to {path}. It holds their full identity numbers: keep it safe. Fill in the scores, then bring it back with “Import results…”.</source>
        <translation>已将含 {count} 名学员的考核成绩模板保存到 {path}。其中有完整的身份证号，请妥善保管。填好成绩后，用“导入成绩…”导入。</translation>
    </message>
</context>
<context>
    <name>RevealPurposeDialog</name>
    <message>
        <source>Say first what you need the full number for: it is recorded in the audit log.</source>
        <translation>请先说明需要完整号码的用途：它会记入审计日志。</translation>
    </message>
    <message>
        <source>Show the full number</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <source>You are about to see the full {field} of {name}. Say what you need it for: the view is recorded in the audit log with your name, the time and this purpose. The number is masked again as soon as you select another trainee.</source>
        <translation>您将查看{name}的完整{field}。请填写用途：本次查看会连同您的姓名、时间和用途一起记入审计日志。选择其他学员后，号码会重新隐藏。</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Check against the ID card</source>
        <translation>核对身份证件</translation>
    </message>
    <message>
        <source>Subsidy claim</source>
        <translation>办理补贴申领</translation>
    </message>
    <message>
        <source>Contact the trainee</source>
        <translation>联系学员</translation>
    </message>
    <message>
        <source>Correct a registration error</source>
        <translation>更正登记错误</translation>
    </message>
    <message>
        <source>Choose or type the purpose (required)</source>
        <translation>选择或填写用途（必填）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Role of %1</source>
        <translation>%1 的角色</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>修改角色</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Registrar</source>
        <translation>教务</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>文员</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>审计</translation>
    </message>
</context>
<context>
    <name>RosterFiles</name>
    <message>
        <source>Select a class first.</source>
        <translation>请先在列表中选择一个班级。</translation>
    </message>
    <message>
        <source>Save the roster of {code} as an Excel workbook, with full numbers.</source>
        <translation>把班级 {code} 的花名册保存为 Excel 表格（含完整证件号码）。</translation>
    </message>
    <message>
        <source>Enrol trainees into {code} from an Excel roster.</source>
        <translation>从 Excel 花名册把学员报名到班级 {code}。</translation>
    </message>
    <message>
        <source>A class that is “{status}” takes no more enrolments.</source>
        <translation>“{status}”的班级不能再报名。</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Save the roster template</source>
        <translation>保存花名册模板</translation>
    </message>
    <message>
        <source>roster_template.xlsx</source>
        <translation>花名册模板.xlsx</translation>
    </message>
    <message>
        <source>The roster template was saved to {path}. Fill in one trainee per row; keep the ID number column formatted as text.</source>
        <translation>花名册模板已保存到 {path}。每位学员填一行；“身份证号码”一列请保持“文本”格式。</translation>
    </message>
    <message>
        <source>Export the roster of {code}</source>
        <translation>导出班级 {code} 的花名册</translation>
    </message>
    <message>
        <source>roster_{code}.xlsx</source>
        <translation>花名册_{code}.xlsx</translation>
    </message>
    <message>
        <source>{count} trainees of {code} were exported to {path}. The file holds full ID numbers, phones and bank accounts: keep it safe and delete it when it is no longer needed. The export is recorded in the audit log.</source>
        <translation>已把班级 {code} 的 {count} 名学员导出到 {path}。文件中有完整的身份证号码、手机号码和银行账号，请妥善保管，用完及时删除。本次导出已记入审计日志。</translation>
    </message>
    <message>
        <source>Import roster…</source>
        <translation>导入花名册</translation>
    </message>
    <message>
        <source>Export roster…</source>
        <translation>导出花名册</translation>
    </message>
    <message>
        <source>Roster template…</source>
        <translation>下载花名册模板</translation>
    </message>
</context>
<context>
    <name>RosterImportWizard</name>
    <message>
        <source>{total} rows read: {subsidised} will be enrolled with subsidy, {without} will be enrolled without subsidy, {already} are already in the class, {rejected} cannot be imported.</source>
        <translation>共读取 {total} 行：将报名 {subsidised} 人（享受补贴），将报名 {without} 人（不享受补贴），{already} 人已在班中，{rejected} 行不能导入。</translation>
    </message>
    <message>
        <source>{enrolled} trainees were enrolled ({subsidised} with subsidy, {without} without); {already} were already in the class; {rejected} rows were not imported.</source>
        <translation>已报名 {enrolled} 人（享受补贴 {subsidised} 人，不享受补贴 {without} 人）；{already} 人原本已在班中；{rejected} 行未导入。</translation>
    </message>
    <message>
        <source>Row {row} ({name}): {reasons}</source>
        <translation>第 {row} 行（{name}）：{reasons}</translation>
    </message>
    <message>
        <source>roster_not_imported_{code}.xlsx</source>
        <translation>花名册_未导入_{code}.xlsx</translation>
    </message>
    <message>
        <source>Save the rows that were not imported</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>{count} rows saved to {path}, each with its reason in the last column.</source>
        <translation>已把 {count} 行保存到 {path}，每行的原因写在最后一列。</translation>
    </message>
    <message>
        <source>Import roster into {code}</source>
        <translation>导入花名册到班级 {code}</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RosterTab</name>
    <message>
        <source>A class that is “{status}” takes no more enrolments.</source>
        <translation>“{status}”状态的班级不再接受报名。</translation>
    </message>
    <message>
        <source>Select the trainee who leaves in the roster first.</source>
        <translation>请先在花名册中选中要退学的学员。</translation>
    </message>
    <message>
        <source>{name} was enrolled with roll number {roll}, without subsidy: {reasons}</source>
        <translation>{name} 已报名，学号 {roll}，不享受补贴：{reasons}</translation>
    </message>
    <message>
        <source>{name} was enrolled with roll number {roll}.</source>
        <translation>{name} 已报名，学号 {roll}。</translation>
    </message>
    <message>
        <source>{name} withdrew from {code} on {date}.</source>
        <translation>{name} 已于 {date} 从班级 {code} 退学。</translation>
    </message>
    <message>
        <source>Nobody is enrolled yet. Use “Import roster” above to enrol trainees from Excel.</source>
        <translation>还没有学员报名。请用上方的“导入花名册”从 Excel 表格报名。</translation>
    </message>
    <message>
        <source>{count} trainees; {without} without subsidy (orange rows; point at a row to see why)</source>
        <translation>共 {count} 人，其中 {without} 人不享受补贴（橙色行；鼠标停在行上可看原因）</translation>
    </message>
    <message>
        <source>{count} trainees, all subsidised</source>
        <translation>共 {count} 人，全部享受补贴</translation>
    </message>
    <message>
        <source>Add trainee…</source>
        <translation>添加学员…</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>退学…</translation>
    </message>
</context>
<context>
    <name>RosterTableModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Subsidy</source>
        <translation>补贴</translation>
    </message>
</context>
<context>
    <name>SavingDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ScheduleBox</name>
    <message>
        <source>Schedule</source>
        <translation>课表</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>上课星期</translation>
    </message>
    <message>
        <source>Sittings</source>
        <translation>上课时段</translation>
    </message>
    <message>
        <source>Lessons per sitting</source>
        <translation>每次课时数</translation>
    </message>
    <message>
        <source>Total lessons</source>
        <translation>计划总课时</translation>
    </message>
    <message>
        <source>As many as the dates allow</source>
        <translation>按日期排满</translation>
    </message>
    <message>
        <source>Online lessons</source>
        <translation>线上课时</translation>
    </message>
    <message>
        <source> lessons</source>
        <translation> 课时</translation>
    </message>
    <message>
        <source>Practice share</source>
        <translation>实操比例</translation>
    </message>
    <message>
        <source>As the policy requires</source>
        <translation>按补贴政策要求</translation>
    </message>
    <message>
        <source>Sessions are generated from these rules and checked against the minimum lessons for the level. Single sessions can be moved or cancelled afterwards.</source>
        <translation>课表按以上规则自动生成，并按等级核对最低课时；以后可以单独调整或取消某一次课。</translation>
    </message>
</context>
<context>
    <name>ScheduleTab</name>
    <message>
        <source>No sessions are scheduled.</source>
        <translation>还没有排课。</translation>
    </message>
    <message>
        <source>{count} sessions ({cancelled} cancelled)</source>
        <translation>共 {count} 次课（另有 {cancelled} 次已取消）</translation>
    </message>
    <message>
        <source>{count} sessions</source>
        <translation>共 {count} 次课</translation>
    </message>
    <message>
        <source>Move this session…</source>
        <translation>调整这次课的时间…</translation>
    </message>
    <message>
        <source>Cancel this session…</source>
        <translation>取消这次课…</translation>
    </message>
    <message>
        <source>Move session…</source>
        <translation>调整时间…</translation>
    </message>
    <message>
        <source>Cancel session…</source>
        <translation>取消这次课…</translation>
    </message>
</context>
<context>
    <name>ScreenPage</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read this screen again from the database (F5)</source>
        <translation>从数据库重新读取本页面（F5）</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>Save the table as shown (these rows, in this order) as an Excel workbook</source>
        <translation>把当前显示的表格（这些行、这个顺序）保存为 Excel 文件</translation>
    </message>
    <message>
        <source>Your account may not export tables: they hold personal data.</source>
        <translation>您的账号不能导出表格：表格中含有个人信息。</translation>
    </message>
    <message>
        <source>This screen shows no table to export.</source>
        <translation>本页面没有可导出的表格。</translation>
    </message>
    <message>
        <source>Export the table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved {count} rows to {path}. The export is recorded in the audit log.</source>
        <translation>已把 {count} 行保存到 {path}。导出已记入审计日志。</translation>
    </message>
    <message>
        <source>The table was not exported. {reason}</source>
        <translation>表格没有导出。{reason}</translation>
    </message>
</context>
<context>
    <name>SessionChoice</name>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>课次</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课时</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>SkillDesk version %s</source>
        <translation>SkillDesk 版本 %s</translation>
    </message>
</context>
<context>
    <name>SigninSheetChoiceDialog</name>
    <message>
        <source>Sign-in sheets</source>
        <translation>签到表</translation>
    </message>
    <message>
        <source>Sign-in sheets of {name}, trainees in roll order with masked ID numbers.</source>
        <translation>{name} 的签到表，学员按学号排列，证件号码部分隐藏。</translation>
    </message>
    <message>
        <source>Which sessions</source>
        <translation>打印范围</translation>
    </message>
    <message>
        <source>This session: {session}</source>
        <translation>本次课：{session}</translation>
    </message>
    <message>
        <source>This session (choose a session first)</source>
        <translation>本次课（请先选择课次）</translation>
    </message>
    <message>
        <source>Every session of the date</source>
        <translation>这一天的所有课</translation>
    </message>
    <message>
        <source>Every session of the class</source>
        <translation>全班所有课次</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>版式</translation>
    </message>
    <message>
        <source>One sheet per session</source>
        <translation>每次课一张</translation>
    </message>
    <message>
        <source>One sheet per day (all sessions of the day side by side)</source>
        <translation>每天一张（当天各次课并列）</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>保存为 PDF…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>StatusActions</name>
    <message>
        <source>File</source>
        <translation>备案</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>结业</translation>
    </message>
    <message>
        <source>Withdraw filing</source>
        <translation>撤回备案</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Change class {code} from “{current}” to “{target}”?</source>
        <translation>确定把班级 {code} 从“{current}”改为“{target}”吗？</translation>
    </message>
    <message>
        <source>A completed class cannot go back to training.</source>
        <translation>结业后不能再改回“培训中”。</translation>
    </message>
    <message>
        <source>Seal class {code} and upload it to the provincial platform?

Sealing freezes the class: its roster, attendance, results and certificates can no longer be changed here. They are signed and put in the upload queue, and go to the platform automatically whenever this computer is online.</source>
        <translation>封存班级 {code} 并上传到省平台？

封存后班级即被冻结：花名册、考勤、成绩和证书都不能再修改。这些数据会签名后放入上传队列，本机联网时自动上传到省平台。</translation>
    </message>
    <message>
        <source>Seal and upload</source>
        <translation>封存并上传</translation>
    </message>
    <message>
        <source>Class {code} is sealed. Its batch is waiting to upload and goes to the provincial platform automatically when this computer is online; follow it on the Upload page.</source>
        <translation>班级 {code} 已封存。批次状态为待上传，本机联网后会自动上传到省平台；可在“上传”页查看进度。</translation>
    </message>
    <message>
        <source>Class {code} is sealed. Its batch waits on this computer: this computer is not yet registered with the provincial platform, so nothing can be uploaded. Register it on the Upload page (Register this computer…) with the enrolment code the platform gives; the batch then goes up by itself.</source>
        <translation>班级 {code} 已封存，批次在本机待上传：本机尚未在省平台登记，暂时不能上传。请在“上传”页点“登记本机…”，用省平台提供的登记码登记本机，登记后批次会自动上传。</translation>
    </message>
    <message>
        <source>… and {count} more (see “Show Details”)</source>
        <translation>……另有 {count} 项（点“显示详细信息”查看全部）</translation>
    </message>
</context>
<context>
    <name>StorageSection</name>
    <message>
        <source>Data on this PC</source>
        <translation>本机数据</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Encryption key folder</source>
        <translation>加密密钥文件夹</translation>
    </message>
    <message>
        <source>Identity numbers, phones and bank accounts are encrypted with the key in this folder. Back it up together with the database: without it they cannot be read.</source>
        <translation>身份证号、手机号和银行账号用此文件夹中的密钥加密。请把它和数据库一起备份：丢失密钥后这些信息将无法读取。</translation>
    </message>
</context>
<context>
    <name>SubsidyWithdrawalDialog</name>
    <message>
        <source>As the provincial platform said: the trainee has reached this year's subsidy limit</source>
        <translation>按省平台意见，该学员本年度享受补贴次数已达上限，本次不申请补贴</translation>
    </message>
    <message>
        <source>No. {roll} {name} claims no subsidy</source>
        <translation>第 {roll} 号学员{name}本次不申请补贴</translation>
    </message>
    <message>
        <source>Withdraw the subsidy claim</source>
        <translation>撤回补贴申请</translation>
    </message>
    <message>
        <source>{name} stays in the class: attendance, results and certificate are kept. Only the subsidy claim is withdrawn, so the institution will not claim a training subsidy for this trainee for this class. Tell the trainee. The change is recorded in the audit log.</source>
        <translation>{name}仍留在本班，考勤、成绩和证书都保留；只撤回补贴申请，机构不再为该学员申领本班的培训补贴。请告知学员本人。修改会记入审计日志。</translation>
    </message>
    <message>
        <source>The trainee</source>
        <translation>该学员</translation>
    </message>
    <message>
        <source>Withdraw the claim</source>
        <translation>撤回补贴申请</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Save the rows that were not imported: the workbook keeps your columns and adds the reason for each row. Correct them and import that file into this class again; nobody is enrolled twice.</source>
        <translation>请保存未导入的行：保存的表格保留原来的各列，并在最后一列写明原因。改正后可以把这个文件再次导入本班，已报名的学员不会重复报名。</translation>
    </message>
    <message>
        <source>Every row of the file was imported.</source>
        <translation>文件中的每一行都已导入。</translation>
    </message>
    <message>
        <source>Step 4 of 4: done</source>
        <translation>第 4 步（共 4 步）：完成</translation>
    </message>
    <message>
        <source>The roster of the class has been updated.</source>
        <translation>班级花名册已更新。</translation>
    </message>
    <message>
        <source>Save rows not imported…</source>
        <translation>保存未导入的行…</translation>
    </message>
</context>
<context>
    <name>TeacherFormDialog</name>
    <message>
        <source>Enter the teacher's name.</source>
        <translation>请填写教师姓名。</translation>
    </message>
    <message>
        <source>New teacher</source>
        <translation>新增教师</translation>
    </message>
    <message>
        <source>Edit teacher</source>
        <translation>修改教师信息</translation>
    </message>
    <message>
        <source>Link the teacher's own sign-in account (role Teacher) so that the teacher can take attendance in the classes they teach. Leave the account empty for a teacher who does not sign in.</source>
        <translation>关联教师本人的登录账号（角色为“教师”），教师就能记录自己所教班级的考勤。不登录本软件的教师可以不填账号。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>e.g. senior technician, lecturer</source>
        <translation>例如：高级技师、讲师</translation>
    </message>
    <message>
        <source>the account name, e.g. lilaoshi</source>
        <translation>账号名，例如 lilaoshi</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>TeacherTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>TeachersDialog</name>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Saved: {name}.</source>
        <translation>已保存：{name}。</translation>
    </message>
    <message>
        <source>{name} is active again.</source>
        <translation>{name} 已重新启用。</translation>
    </message>
    <message>
        <source>{name} is deactivated: no longer assignable, and their account sees no class.</source>
        <translation>{name} 已停用：不能再安排课程，其账号也看不到任何班级。</translation>
    </message>
    <message>
        <source>Teachers</source>
        <translation>授课教师</translation>
    </message>
    <message>
        <source>Add teacher…</source>
        <translation>新增教师…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
</context>
<context>
    <name>TraineeDetailPanel</name>
    <message>
        <source>Loading …</source>
        <translation>正在读取 …</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>bank account</source>
        <translation>银行账号</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Recorded (hidden)</source>
        <translation>已登记（隐藏）</translation>
    </message>
    <message>
        <source>Full numbers are shown for this trainee only; they are masked again when you select someone else. The view is recorded in the audit log.</source>
        <translation>完整号码只对这名学员显示，选择其他学员后会重新隐藏。本次查看已记入审计日志。</translation>
    </message>
    <message>
        <source>{count} classes, {subsidised} of them subsidised. Point at an orange row to see why it was not subsidised.</source>
        <translation>共参加 {count} 个班级，其中 {subsidised} 个享受补贴。鼠标停在橙色行上可看不享受补贴的原因。</translation>
    </message>
    <message>
        <source>Not enrolled in any class yet.</source>
        <translation>还没有参加任何班级。</translation>
    </message>
    <message>
        <source>Select a trainee to see the record and training history.</source>
        <translation>选择一名学员，这里会显示其个人信息和培训记录。</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Household type</source>
        <translation>户口性质</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>就业状态</translation>
    </message>
    <message>
        <source>Draws a pension</source>
        <translation>领取养老金</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>银行账号</translation>
    </message>
    <message>
        <source>Key groups</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Show full number</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <source>Personal record</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>Training history</source>
        <translation>培训记录</translation>
    </message>
    <message>
        <source>Corrections</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Correct record…</source>
        <translation>修改信息…</translation>
    </message>
</context>
<context>
    <name>TraineeTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Number of classes</source>
        <translation>班级数</translation>
    </message>
</context>
<context>
    <name>TraineesPage</name>
    <message>
        <source>Trainees</source>
        <translation>学员</translation>
    </message>
    <message numerus="yes">
        <source>Showing the first %n trainees by name.</source>
        <translation>
            <numerusform>按姓名排序，显示前 %n 名学员。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n trainees on record.</source>
        <translation>
            <numerusform>共 %n 名学员。</numerusform></translation>
    </message>
    <message>
        <source>Nobody found for “{query}”. Check the spelling, or try the last 4 characters of the ID number.</source>
        <translation>没有找到“{query}”。请检查输入，或改用身份证号码后 4 位查找。</translation>
    </message>
    <message numerus="yes">
        <source>Showing the first %n matches; type more to narrow the search.</source>
        <translation>
            <numerusform>显示前 %n 条结果；请输入更多内容缩小范围。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n found.</source>
        <translation>
            <numerusform>找到 %n 名学员。</numerusform></translation>
    </message>
    <message>
        <source>Name, ID number, or the last 4 characters of the ID number</source>
        <translation>姓名、身份证号码，或身份证号码后 4 位</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查找</translation>
    </message>
</context>
<context>
    <name>UploadPage</name>
    <message>
        <source>Upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>No batches yet. When a class is completed, open it on the Classes page and click “Seal and upload”: its records are sealed into a signed batch that appears here.</source>
        <translation>还没有批次。班级结业后，在“班级”页打开该班级并点“封存并上传”：班级数据会封存为签名批次，显示在这里。</translation>
    </message>
    <message>
        <source>Batch %v of %m</source>
        <translation>第 %v / %m 批</translation>
    </message>
    <message>
        <source>The provincial platform cannot be reached. Nothing is lost: {count} batch(es) wait here and go up by themselves when the network returns.</source>
        <translation>连不上省平台。数据不会丢失：{count} 个批次在本机等待，网络恢复后自动上传。</translation>
    </message>
    <message>
        <source>{count} batch(es) uploaded.</source>
        <translation>已上传 {count} 个批次。</translation>
    </message>
    <message>
        <source>{count} accepted.</source>
        <translation>{count} 个已被接收。</translation>
    </message>
    <message>
        <source>{count} returned by the platform: see the problems listed for it.</source>
        <translation>{count} 个被省平台退回：请查看下方列出的问题。</translation>
    </message>
    <message>
        <source>The platform is busy; the rest will be tried again automatically.</source>
        <translation>省平台繁忙，其余批次稍后自动重试。</translation>
    </message>
    <message>
        <source>{count} batch(es) still waiting.</source>
        <translation>仍有 {count} 个批次等待上传。</translation>
    </message>
    <message>
        <source>Nothing was waiting to be uploaded.</source>
        <translation>没有需要上传的批次。</translation>
    </message>
    <message>
        <source>Seal correction for {code}</source>
        <translation>封存 {code} 的更正批次</translation>
    </message>
    <message>
        <source>The platform returned class {code}. Once its records are corrected, they are sealed again as a correction batch and uploaded. What was corrected, and why?</source>
        <translation>省平台退回了班级 {code}。数据改正后，会重新封存为更正批次并上传。请填写更正了什么、为什么：</translation>
    </message>
    <message>
        <source>Nothing was sealed: write what was corrected, and why.</source>
        <translation>没有封存：请填写更正了什么、为什么。</translation>
    </message>
    <message>
        <source>Correction for {code} sealed: it is waiting to upload and goes up automatically when this computer is online.</source>
        <translation>{code} 的更正批次已封存：状态为待上传，本机联网后会自动上传。</translation>
    </message>
    <message>
        <source>Upload now</source>
        <translation>立即上传</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Export to USB…</source>
        <translation>导出到U盘…</translation>
    </message>
    <message>
        <source>Import receipt…</source>
        <translation>导入回执…</translation>
    </message>
    <message>
        <source>Seal correction…</source>
        <translation>封存更正批次…</translation>
    </message>
</context>
<context>
    <name>UsbTransfer</name>
    <message>
        <source>Choose the USB stick or folder for batch {code}</source>
        <translation>选择存放 {code} 批次的U盘或文件夹</translation>
    </message>
    <message>
        <source>Batch of {code} written to {folder}: {files}. Take these files to the platform's office; it contains personal data, so keep the stick safe. Bring back the receipt file and import it here.</source>
        <translation>{code} 的批次已写入 {folder}：{files}。请把这些文件送交省平台经办处；其中含个人信息，请妥善保管U盘。拿回回执文件后在此导入。</translation>
    </message>
    <message>
        <source>The batch was not exported. {reason}</source>
        <translation>批次没有导出。{reason}</translation>
    </message>
    <message>
        <source>Import a receipt from the platform</source>
        <translation>导入省平台回执</translation>
    </message>
    <message>
        <source>Receipt files (*.json);;All files (*)</source>
        <translation>回执文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Receipt imported: {code} is now “{state}”.</source>
        <translation>回执已导入：{code} 现为“{state}”。</translation>
    </message>
    <message>
        <source>The receipt was not imported. {reason}</source>
        <translation>回执没有导入。{reason}</translation>
    </message>
</context>
<context>
    <name>ValueLabels</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Subsidised</source>
        <translation>享受补贴</translation>
    </message>
    <message>
        <source>Not subsidised</source>
        <translation>不享受补贴</translation>
    </message>
    <message>
        <source>Subsidised (approved by hand)</source>
        <translation>享受补贴（人工认定）</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Not issued</source>
        <translation>未发证</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>Completion report</source>
        <translation>结业上报</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
</context>
<context>
    <name>VerifyCertificateDialog</name>
    <message>
        <source>Verify a certificate</source>
        <translation>验证证书</translation>
    </message>
    <message>
        <source>Scan the QR code on the certificate with a scanner (or paste the text a phone read from it) and press “Verify”. The signature is checked on this PC, without a network.</source>
        <translation>用扫码枪扫描证书上的二维码（或粘贴手机扫出的文字），然后点击“验证”。签名在本机核验，不需要联网。</translation>
    </message>
    <message>
        <source>QR code text</source>
        <translation>二维码内容</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>VoidReissue</name>
    <message>
        <source>Certificate {number} was voided. The trainee can receive a new certificate with “Issue certificates”.</source>
        <translation>证书 {number} 已作废。可以用“发放证书”为这名学员重新发证。</translation>
    </message>
    <message>
        <source>Certificate {new} was issued in place of {old}, which is now void. Print the new certificate.</source>
        <translation>已补发证书 {new}，原证书 {old} 已作废。请打印新证书。</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Write the day the trainee left as 2026-12-08.</source>
        <translation>请按 2026-12-08 的格式填写学员离开的日期。</translation>
    </message>
    <message>
        <source>Say why the trainee leaves: the reason is kept in the trainee's record and the audit log.</source>
        <translation>请填写退学原因：它会记入学员档案和审计日志。</translation>
    </message>
    <message>
        <source>Withdraw a trainee</source>
        <translation>学员退学</translation>
    </message>
    <message>
        <source>{name} (roll number {roll}) leaves class {code}. From that day on the trainee is no longer on the attendance grid, the results or the certificates, and no subsidy is claimed; the enrolment and the reason stay in the trainee's history.</source>
        <translation>{name}（学号 {roll}）退出班级 {code}。从这一天起，学员不再出现在考勤、成绩和证书中，也不申请补贴；报名记录和退学原因保留在学员档案中。</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>退学日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Found work</source>
        <translation>外出务工</translation>
    </message>
    <message>
        <source>Illness</source>
        <translation>身体原因</translation>
    </message>
    <message>
        <source>Moved away</source>
        <translation>迁居外地</translation>
    </message>
    <message>
        <source>Personal reasons</source>
        <translation>个人原因</translation>
    </message>
    <message>
        <source>Choose or type the reason (required)</source>
        <translation>选择或填写原因（必填）</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>退学</translation>
    </message>
</context>
<context>
    <name>WorkStep</name>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>_CorrectionDialog</name>
    <message>
        <source>Write the reason first: it is kept in the audit log with the change.</source>
        <translation>请先填写原因：它会和这次修改一起记入审计日志。</translation>
    </message>
    <message>
        <source>Roll No. {roll} · {name} · ID {id}</source>
        <translation>花名册第 {roll} 号 · {name} · 证件号码 {id}</translation>
    </message>
    <message>
        <source>The platform says:</source>
        <translation>省平台的意见：</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>原因 *</translation>
    </message>
    <message>
        <source>Why the record is changed (required, kept in the audit log)</source>
        <translation>为什么修改（必填，记入审计日志）</translation>
    </message>
</context>
</TS>