<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CancelSessionDialog</name>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="593" />
        <source>Cancel a session</source>
        <translation>取消一次课</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="595" />
        <source>Cancel the session of {date} ({weekday}) {time}? It stays in the schedule marked as cancelled, and its lessons no longer count. A session that already has attendance cannot be cancelled.</source>
        <translation>确定取消 {date}（{weekday}）{time} 的课吗？这次课会保留在课表中并标为“已取消”，它的课时不再计入。已有考勤记录的课不能取消。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="599" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="600" />
        <source>e.g. public holiday, teacher ill</source>
        <translation>例如：法定节假日、教师生病</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="601" />
        <source>Cancel this session</source>
        <translation>取消这次课</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="602" />
        <source>Keep it</source>
        <translation>不取消</translation>
    </message>
</context>
<context>
    <name>ClassDetailPanel</name>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="226" />
        <source>Loading class {code} …</source>
        <translation>正在读取班级 {code} …</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="285" />
        <source>{name} ({code}, {edition} edition)</source>
        <translation>{name}（{code}，{edition}版）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="290" />
        <source>{type}, project-based</source>
        <translation>{type}（项目制）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="293" />
        <source>{start} to {end} ({days} days)</source>
        <translation>{start} 至 {end}（共 {days} 天）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="295" />
        <source>Not filled in</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="296" />
        <source>None assigned yet</source>
        <translation>尚未安排</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="297" />
        <source>Theory {theory} + practice {practice} = {total} lessons; online {online}</source>
        <translation>理论 {theory} + 实操 {practice} = {total} 课时；线上 {online} 课时</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="300" />
        <source>{enrolled} of {capacity} places</source>
        <translation>已报名 {enrolled} 人，名额 {capacity} 人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="306" />
        <source>The schedule does not meet the policy yet (the class cannot be filed until it does):</source>
        <translation>课表还不符合补贴政策的要求（符合之前不能备案）：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="308" />
        <source>The schedule does not meet the subsidy policy:</source>
        <translation>课表不符合补贴政策的要求：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="317" />
        <source>No sessions are scheduled.</source>
        <translation>还没有排课。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="319" />
        <source>{count} sessions ({cancelled} cancelled)</source>
        <translation>共 {count} 次课（另有 {cancelled} 次已取消）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="321" />
        <source>{count} sessions</source>
        <translation>共 {count} 次课</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="325" />
        <source>Nobody is enrolled yet. Use “Import roster” above to enrol trainees from Excel.</source>
        <translation>还没有学员报名。请用上方的“导入花名册”从 Excel 表格报名。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="327" />
        <source>{count} trainees; {without} without subsidy (orange rows; point at a row to see why)</source>
        <translation>共 {count} 人，其中 {without} 人不享受补贴（橙色行；鼠标停在行上可看原因）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="330" />
        <source>{count} trainees, all subsidised</source>
        <translation>共 {count} 人，全部享受补贴</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="334" />
        <source>A sealed class can no longer be changed.</source>
        <translation>班级已封存，不能再修改。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="354" />
        <source>File (备案)</source>
        <translation>备案</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="355" />
        <source>Start training</source>
        <translation>开班</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="356" />
        <source>Complete</source>
        <translation>结业</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="357" />
        <source>Withdraw filing</source>
        <translation>撤回备案</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="366" />
        <source>Change class {code} from “{current}” to “{target}”?</source>
        <translation>确定把班级 {code} 从“{current}”改为“{target}”吗？</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="369" />
        <source>A completed class cannot go back to training.</source>
        <translation>结业后不能再改回“培训中”。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="374" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="429" />
        <source>Move this session…</source>
        <translation>调整这次课的时间…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="430" />
        <source>Cancel this session…</source>
        <translation>取消这次课…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="471" />
        <source>Select a class in the list above to see its facts, schedule and roster.</source>
        <translation>在上面的列表中选择一个班级，这里会显示它的基本信息、课表和花名册。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="473" />
        <source>Occupation</source>
        <translation>职业（工种）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="473" />
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="473" />
        <source>Training type</source>
        <translation>培训类型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="474" />
        <source>Dates</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="474" />
        <source>Location</source>
        <translation>上课地点</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="474" />
        <source>Teachers</source>
        <translation>授课教师</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="475" />
        <source>Lessons</source>
        <translation>课时</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="475" />
        <source>Enrolled / places</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="475" />
        <source>Subsidy policy</source>
        <translation>补贴政策</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="479" />
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="480" />
        <source>Move session…</source>
        <translation>调整时间…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="481" />
        <source>Cancel session…</source>
        <translation>取消这次课…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="482" />
        <source>Schedule</source>
        <translation>课表</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="483" />
        <source>Roster</source>
        <translation>花名册</translation>
    </message>
</context>
<context>
    <name>ClassTableModel</name>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="92" />
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="92" />
        <source>Class name</source>
        <translation>班级名称</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="92" />
        <source>Occupation</source>
        <translation>职业（工种）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="92" />
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="93" />
        <source>Training type</source>
        <translation>培训类型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="93" />
        <source>Dates</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="93" />
        <source>Enrolled / places</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="93" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>ClassesPage</name>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="601" />
        <location filename="../../desktop_app/gui/pages/classes.py" line="799" />
        <source>Classes</source>
        <translation>班级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="636" />
        <source>No class matches the search or filter.</source>
        <translation>没有符合查找条件的班级。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="637" />
        <source>There are no classes yet. Click “New class” to open the first one.</source>
        <translation>还没有班级。请点“新建班级”开设第一个班级。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="675" />
        <location filename="../../desktop_app/gui/pages/classes.py" line="676" />
        <source>Select a class first.</source>
        <translation>请先在列表中选择一个班级。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="678" />
        <source>Save the roster of {code} as an Excel workbook, with full numbers.</source>
        <translation>把班级 {code} 的花名册保存为 Excel 表格（含完整证件号码）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="680" />
        <source>Enrol trainees into {code} from an Excel roster.</source>
        <translation>从 Excel 花名册把学员报名到班级 {code}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="681" />
        <source>A class that is “{status}” takes no more enrolments.</source>
        <translation>“{status}”的班级不能再报名。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="708" />
        <source>Class {code} was created as a draft with {sessions} sessions.</source>
        <translation>班级 {code} 已创建（草稿），共排了 {sessions} 次课。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="710" />
        <source>Check the schedule: {problems}</source>
        <translation>请检查课表：{problems}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="745" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="755" />
        <source>Save the roster template</source>
        <translation>保存花名册模板</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="755" />
        <source>roster_template.xlsx</source>
        <translation>花名册模板.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="763" />
        <source>The roster template was saved to {path}. Fill in one trainee per row; keep the ID number column formatted as text.</source>
        <translation>花名册模板已保存到 {path}。每位学员填一行；“身份证号码”一列请保持“文本”格式。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="776" />
        <source>Export the roster of {code}</source>
        <translation>导出班级 {code} 的花名册</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="777" />
        <source>roster_{code}.xlsx</source>
        <translation>花名册_{code}.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="786" />
        <source>{count} trainees of {code} were exported to {path}. The file holds full ID numbers, phones and bank accounts: keep it safe and delete it when it is no longer needed. The export is recorded in the audit log.</source>
        <translation>已把班级 {code} 的 {count} 名学员导出到 {path}。文件中有完整的身份证号码、手机号码和银行账号，请妥善保管，用完及时删除。本次导出已记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="801" />
        <source>Search by code, name or occupation</source>
        <translation>按班级编号、名称或职业查找</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="802" />
        <source>All statuses</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="805" />
        <source>New class…</source>
        <translation>新建班级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="806" />
        <source>Import roster…</source>
        <translation>导入花名册</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="807" />
        <source>Export roster…</source>
        <translation>导出花名册</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/classes.py" line="808" />
        <source>Roster template…</source>
        <translation>下载花名册模板</translation>
    </message>
</context>
<context>
    <name>EditClassDialog</name>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="444" />
        <source>Edit class {code}</source>
        <translation>修改班级 {code}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="445" />
        <source>Class name</source>
        <translation>班级名称</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="446" />
        <source>Capacity</source>
        <translation>班级人数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="447" />
        <source> people</source>
        <translation> 人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="448" />
        <source>Location</source>
        <translation>上课地点</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="449" />
        <source>Project-based training (项目制)</source>
        <translation>项目制培训</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="450" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="451" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <location filename="../../desktop_app/gui/feedback.py" line="28" />
        <source>The action could not be completed because of an unexpected error. Please try again; if it keeps happening, tell your administrator the time it happened.</source>
        <translation>出现意外错误，操作没有完成。请再试一次；如果反复出现，请告诉系统管理员发生的时间。</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="162" />
        <source>Choose the roster workbook</source>
        <translation>选择花名册文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="163" />
        <source>Excel workbook (*.xlsx);;All files (*)</source>
        <translation>Excel 工作簿 (*.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="189" />
        <source>Save the roster template</source>
        <translation>保存花名册模板</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="189" />
        <source>roster_template.xlsx</source>
        <translation>花名册模板.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="190" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="199" />
        <source>Template saved to {path}.</source>
        <translation>模板已保存到 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="213" />
        <source>Step 1 of 4: choose the roster file</source>
        <translation>第 1 步（共 4 步）：选择花名册文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="214" />
        <source>Trainees in the file will be enrolled into {code} {name}.</source>
        <translation>文件中的学员将报名到班级 {code} {name}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="217" />
        <source>Use the roster template (button below), one trainee per row. The ID number column must be formatted as Text in Excel, otherwise Excel turns the numbers into 3.2E+17 and loses digits. A roster in another layout also works if its first row holds column names such as 姓名 and 身份证号码. Nothing is saved until you confirm the import in step 3.</source>
        <translation>请用花名册模板填写（见下方按钮），每位学员一行。“身份证号码”一列在 Excel 中必须设为“文本”格式，否则 Excel 会把号码变成 3.2E+17 这样的数字并丢失最后几位。其他格式的花名册，只要第一行是姓名、身份证号码等列名，也可以导入。在第 3 步确认导入之前，不会保存任何数据。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="221" />
        <source>Drag the Excel file (.xlsx) here, or click “Choose file…”</source>
        <translation>把 Excel 文件（.xlsx）拖到这里，或点“选择文件…”</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="222" />
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="223" />
        <source>Save the template…</source>
        <translation>下载花名册模板…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="225" />
        <source>Chosen file: {path}</source>
        <translation>已选文件：{path}</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="320" />
        <source>Class code</source>
        <translation>班级编号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="320" />
        <source>Class name</source>
        <translation>班级名称</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="320" />
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="320" />
        <source>Dates</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="320" />
        <source>Subsidy</source>
        <translation>补贴</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="471" />
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="507" />
        <source>Enrolling the trainees … the window stays usable meanwhile.</source>
        <translation>正在为学员报名 …（期间可以继续使用其他窗口）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="510" />
        <source>Import finished.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="514" />
        <source>Click “Try again” to import the file again, or “Close” to stop here.</source>
        <translation>点“重试”重新导入这个文件，或点“关闭”结束。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="517" />
        <source>Step 3 of 4: import</source>
        <translation>第 3 步（共 4 步）：导入</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="518" />
        <source>All accepted rows are saved together: either every one of them, or none.</source>
        <translation>所有可以导入的行一起保存：要么全部保存，要么都不保存。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="519" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="520" />
        <source>Try again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/main_window.py" line="165" />
        <source>Classes in this database: %n</source>
        <translation>
            <numerusform>当前数据库共有 %n 个班级</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/main_window.py" line="166" />
        <source>Trainees in this database: %n</source>
        <translation>
            <numerusform>当前数据库共有 %n 名学员</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/main_window.py" line="167" />
        <source>Batches waiting to upload: %n</source>
        <translation>
            <numerusform>等待上传的批次：%n 个</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="179" />
        <source>Database: %s</source>
        <translation>数据库：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="181" />
        <source>Offline (platform not set up)</source>
        <translation>离线（尚未设置省平台地址）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="183" />
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="185" />
        <source>Offline: work is kept and uploaded later</source>
        <translation>离线：数据已保存，联网后自动上传</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/main_window.py" line="187" />
        <source>Batches waiting: %n</source>
        <translation>
            <numerusform>待上传：%n 批</numerusform></translation>
    </message>
</context>
<context>
    <name>MoveSessionDialog</name>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="525" />
        <source>Move a session</source>
        <translation>调整上课时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="526" />
        <source>Now: {date} ({weekday}) {time}, {kind}, {lessons} lessons</source>
        <translation>原定：{date}（{weekday}）{time}，{kind}，{lessons} 课时</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="529" />
        <source>New date</source>
        <translation>新日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="530" />
        <source>Starts</source>
        <translation>上课时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="531" />
        <source>Ends</source>
        <translation>下课时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="532" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="533" />
        <source>e.g. teacher on leave, room not available</source>
        <translation>例如：教师请假、场地冲突</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="534" />
        <source>Move session</source>
        <translation>调整时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="535" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>NewClassDialog</name>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="291" />
        <source>Choose the occupation from the list (type part of its name or code to find it).</source>
        <translation>请从清单中选择职业（输入名称或编码的一部分可以查找）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="293" />
        <source>Choose the level.</source>
        <translation>请选择等级。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="296" />
        <source>Tick at least one weekday on which the class meets.</source>
        <translation>请至少勾选一个上课的星期。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="298" />
        <source>Tick at least one sitting (morning, afternoon or evening).</source>
        <translation>请至少勾选一个上课时段（上午、下午或晚上）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="341" />
        <source>New class</source>
        <translation>新建班级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="342" />
        <source>Class details</source>
        <translation>班级信息</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="343" />
        <source>Schedule</source>
        <translation>课表</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="344" />
        <source>Class code</source>
        <translation>班级编号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="345" />
        <source>e.g. 2026-JZ02</source>
        <translation>例如：2026-JZ02</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="346" />
        <source>Class name</source>
        <translation>班级名称</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="347" />
        <source>e.g. 2026 housekeeping (level 4), 2nd intake</source>
        <translation>例如：2026年家政服务员（四级）第2期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="348" />
        <source>Occupation</source>
        <translation>职业（工种）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="349" />
        <source>Type a name or code to search</source>
        <translation>输入名称或编码查找</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="350" />
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="351" />
        <source>Training type</source>
        <translation>培训类型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="352" />
        <source>Project-based training (项目制)</source>
        <translation>项目制培训</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="353" />
        <source>Start date</source>
        <translation>开班日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="354" />
        <source>End date</source>
        <translation>结业日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="355" />
        <source>Capacity</source>
        <translation>班级人数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="356" />
        <source> people</source>
        <translation> 人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="357" />
        <source>Location</source>
        <translation>上课地点</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="360" />
        <source>Morning</source>
        <translation>上午</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="361" />
        <source>Afternoon</source>
        <translation>下午</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="362" />
        <source>Evening</source>
        <translation>晚上</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="363" />
        <source>Days</source>
        <translation>上课星期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="364" />
        <source>Sittings</source>
        <translation>上课时段</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="365" />
        <source>Lessons per sitting</source>
        <translation>每次课时数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="366" />
        <source>Total lessons</source>
        <translation>计划总课时</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="367" />
        <source>As many as the dates allow</source>
        <translation>按日期排满</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="368" />
        <source>Online lessons</source>
        <translation>线上课时</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="370" />
        <source> lessons</source>
        <translation> 课时</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="371" />
        <source>Practice share</source>
        <translation>实操比例</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="372" />
        <source>As the policy requires</source>
        <translation>按补贴政策要求</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="375" />
        <source>Sessions are generated from these rules and checked against the minimum lessons for the level. Single sessions can be moved or cancelled afterwards.</source>
        <translation>课表按以上规则自动生成，并按等级核对最低课时；以后可以单独调整或取消某一次课。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="377" />
        <source>Create class</source>
        <translation>创建班级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="378" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>OutcomeTableModel</name>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="229" />
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="229" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="229" />
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="229" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="229" />
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="22" />
        <source>Classes</source>
        <translation>班级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="23" />
        <source>Open subsidised classes, plan their sessions and follow each class from filing to completion.</source>
        <translation>开设补贴性培训班级，安排课程，并跟踪每个班级从备案到结业的全过程。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="25" />
        <source>Create a class: occupation, level, training type, dates, hours, capacity, teachers</source>
        <translation>新建班级：职业（工种）、等级、培训类型、起止日期、课时、人数、授课教师</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="26" />
        <source>Generate the schedule and check minimum hours for the level</source>
        <translation>自动生成课表，并按等级核对最低课时</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="27" />
        <source>Import the roster from Excel and see at once who cannot be subsidised, and why</source>
        <translation>从 Excel 导入花名册，立即看到哪些学员不能享受补贴及原因</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="31" />
        <source>Trainees</source>
        <translation>学员</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="32" />
        <source>Every trainee is recorded once under a verified real identity, whatever the number of classes.</source>
        <translation>每位学员按核验过的真实身份只登记一次（实名制），无论参加多少个班级。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="34" />
        <source>Search by name or identity number; personal data stays masked</source>
        <translation>按姓名或身份证号查找；个人信息默认脱敏显示</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="35" />
        <source>Reveal a number only when needed; every reveal is written to the audit log</source>
        <translation>确需时才显示完整号码，每次查看都记入审计日志</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="36" />
        <source>Training history and subsidies received, across classes</source>
        <translation>跨班级的培训档案和已享受的补贴</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="40" />
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="41" />
        <source>Take attendance in the classroom, with or without a network, by keyboard or ID-card reader.</source>
        <translation>在教室里考勤，有没有网络都可以，用键盘或身份证读卡器。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="43" />
        <source>A grid per session: present, late, early leave, leave, absent</source>
        <translation>每次课一张考勤表：出勤、迟到、早退、请假、缺勤</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="44" />
        <source>Swipe an ID card to sign in and out</source>
        <translation>刷身份证签到、签退</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="45" />
        <source>Every change kept with who, when and why; hours and completion eligibility live</source>
        <translation>每次修改都记录由谁、何时、为何修改；实时计算学时和结业资格</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="49" />
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="50" />
        <source>Enter assessment results and print training certificates that anyone can verify offline.</source>
        <translation>录入考核成绩，打印可离线验证真伪的培训合格证书。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="52" />
        <source>Gapless certificate numbers per year; void and reissue with a reason</source>
        <translation>按年度连续编号、不跳号；作废和补发须填写原因</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="53" />
        <source>Print on pre-printed stock; reprints are identical to the first print</source>
        <translation>可在预印证书纸上套打；补打与首次打印完全一致</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="54" />
        <source>A signed QR code on every certificate</source>
        <translation>每张证书带有数字签名的二维码</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="58" />
        <source>Upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="59" />
        <source>Completed classes go to the provincial platform as signed batches, with receipts coming back.</source>
        <translation>已结业的班级以签名批次上传到省平台，并取回平台回执。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="61" />
        <source>Batches waiting, sent and accepted, with the platform's receipt</source>
        <translation>待上传、已发送、已接收的批次及平台回执</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="62" />
        <source>Records the platform refused, with the trainee and field to correct</source>
        <translation>平台退回的记录，指明需更正的学员和字段</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="63" />
        <source>Export a batch to a USB stick when this PC has no network</source>
        <translation>本机无网络时，可把批次导出到 U 盘</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="67" />
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="68" />
        <source>Quarterly and annual figures of training, completion and subsidies for the authorities.</source>
        <translation>向主管部门报送的季度、年度培训、结业和补贴数据。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="70" />
        <source>Classes, trainees and completions by occupation and key group</source>
        <translation>按职业和重点群体统计班级、学员和结业人数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="71" />
        <source>Subsidies claimed and paid</source>
        <translation>补贴申领和发放情况</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="72" />
        <source>Export to Excel</source>
        <translation>导出为 Excel</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/placeholder.py" line="116" />
        <source>This page is being built. It will let you:</source>
        <translation>本页面正在建设中，完成后可以：</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="329" />
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="378" />
        <source>Checking every row of {file} … nothing is saved yet.</source>
        <translation>正在逐行检查 {file} …（此时还不会保存）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="383" />
        <source>The file has no trainee rows.</source>
        <translation>文件中没有学员数据。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="386" />
        <source>Nobody in this file can be enrolled. Save the rows that cannot be imported, correct them and choose the corrected file.</source>
        <translation>这个文件中没有可以报名的学员。请保存不能导入的行，改正后重新选择改好的文件。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="390" />
        <source>Nothing has been saved yet. Check the list, then click “Import” to enrol the trainees.</source>
        <translation>还没有保存任何数据。请核对下面的清单，然后点“导入”为学员报名。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="396" />
        <source>Import {count} trainees</source>
        <translation>导入 {count} 人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="397" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="400" />
        <source>Step 2 of 4: check the rows</source>
        <translation>第 2 步（共 4 步）：检查每一行</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="401" />
        <source>Every row is checked against the identity rules and the subsidy policy.</source>
        <translation>逐行核对身份证件和补贴政策，此时还不会保存。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="402" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="403" />
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="404" />
        <source>Save rows that cannot be imported…</source>
        <translation>保存不能导入的行…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="406" />
        <source>Red rows cannot be imported; orange rows will be enrolled without subsidy. Select a row to read the reasons in full.</source>
        <translation>红色行不能导入；橙色行可以报名，但不享受补贴。选中一行可在下方看到完整原因。</translation>
    </message>
</context>
<context>
    <name>RevealPurposeDialog</name>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="657" />
        <source>Show the full number</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="659" />
        <source>You are about to see the full {field} of {name}. Say what you need it for: the view is recorded in the audit log with your name, the time and this purpose. The number is masked again as soon as you select another trainee.</source>
        <translation>您将查看{name}的完整{field}。请填写用途：本次查看会连同您的姓名、时间和用途一起记入审计日志。选择其他学员后，号码会重新隐藏。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="662" />
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="667" />
        <source>Check against the ID card</source>
        <translation>核对身份证件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="668" />
        <source>Subsidy claim</source>
        <translation>办理补贴申领</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="669" />
        <source>Contact the trainee</source>
        <translation>联系学员</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="670" />
        <source>Correct a registration error</source>
        <translation>更正登记错误</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="674" />
        <source>Choose or type the purpose (required)</source>
        <translation>选择或填写用途（必填）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="675" />
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="676" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RosterImportWizard</name>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="87" />
        <source>{total} rows read: {subsidised} will be enrolled with subsidy, {without} will be enrolled without subsidy, {already} are already in the class, {rejected} cannot be imported.</source>
        <translation>共读取 {total} 行：将报名 {subsidised} 人（享受补贴），将报名 {without} 人（不享受补贴），{already} 人已在班中，{rejected} 行不能导入。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="92" />
        <source>{enrolled} trainees were enrolled ({subsidised} with subsidy, {without} without); {already} were already in the class; {rejected} rows were not imported.</source>
        <translation>已报名 {enrolled} 人（享受补贴 {subsidised} 人，不享受补贴 {without} 人）；{already} 人原本已在班中；{rejected} 行未导入。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="106" />
        <source>Row {row} ({name}): {reasons}</source>
        <translation>第 {row} 行（{name}）：{reasons}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="651" />
        <source>roster_not_imported_{code}.xlsx</source>
        <translation>花名册_未导入_{code}.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="658" />
        <source>Save the rows that were not imported</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="660" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="671" />
        <source>{count} rows saved to {path}, each with its reason in the last column.</source>
        <translation>已把 {count} 行保存到 {path}，每行的原因写在最后一列。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="690" />
        <source>Import roster into {code}</source>
        <translation>导入花名册到班级 {code}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="691" />
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="692" />
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="693" />
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="694" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RosterTableModel</name>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="190" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="190" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="190" />
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="190" />
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="190" />
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="191" />
        <source>Subsidy</source>
        <translation>补贴</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="146" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="146" />
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="146" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="146" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="146" />
        <source>Lessons</source>
        <translation>课时</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="147" />
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="147" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop_app/gui/pages/settings.py" line="88" />
        <location filename="../../desktop_app/gui/pages/settings.py" line="91" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/settings.py" line="92" />
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/settings.py" line="93" />
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/settings.py" line="94" />
        <source>Provincial platform</source>
        <translation>省职业技能培训公共服务平台</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/settings.py" line="95" />
        <source>Platform address</source>
        <translation>平台地址</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/settings.py" line="96" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/settings.py" line="97" />
        <source>Data on this PC</source>
        <translation>本机数据</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/settings.py" line="98" />
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/settings.py" line="99" />
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/settings.py" line="100" />
        <source>Encryption key folder</source>
        <translation>加密密钥文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/settings.py" line="102" />
        <source>Identity numbers, phones and bank accounts are encrypted with the key in this folder. Back it up together with the database: without it they cannot be read.</source>
        <translation>身份证号、手机号和银行账号用此文件夹中的密钥加密。请把它和数据库一起备份：丢失密钥后这些信息将无法读取。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/settings.py" line="105" />
        <source>SkillDesk version %s</source>
        <translation>SkillDesk 版本 %s</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="578" />
        <source>Save the rows that were not imported: the workbook keeps your columns and adds the reason for each row. Correct them and import that file into this class again; nobody is enrolled twice.</source>
        <translation>请保存未导入的行：保存的表格保留原来的各列，并在最后一列写明原因。改正后可以把这个文件再次导入本班，已报名的学员不会重复报名。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="580" />
        <source>Every row of the file was imported.</source>
        <translation>文件中的每一行都已导入。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="583" />
        <source>Step 4 of 4: done</source>
        <translation>第 4 步（共 4 步）：完成</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="584" />
        <source>The roster of the class has been updated.</source>
        <translation>班级花名册已更新。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/import_wizard.py" line="585" />
        <source>Save rows not imported…</source>
        <translation>保存未导入的行…</translation>
    </message>
</context>
<context>
    <name>TraineeDetailPanel</name>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="173" />
        <source>Loading …</source>
        <translation>正在读取 …</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="195" />
        <location filename="../../desktop_app/gui/pages/trainees.py" line="286" />
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="195" />
        <source>mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="196" />
        <source>bank account</source>
        <translation>银行账号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="203" />
        <source>Not recorded</source>
        <translation>未登记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="215" />
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="219" />
        <source>Recorded (hidden)</source>
        <translation>已登记（隐藏）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="230" />
        <source>Full numbers are shown for this trainee only; they are masked again when you select someone else. The view is recorded in the audit log.</source>
        <translation>完整号码只对这名学员显示，选择其他学员后会重新隐藏。本次查看已记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="237" />
        <source>{count} classes, {subsidised} of them subsidised. Point at an orange row to see why it was not subsidised.</source>
        <translation>共参加 {count} 个班级，其中 {subsidised} 个享受补贴。鼠标停在橙色行上可看不享受补贴的原因。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="241" />
        <source>Not enrolled in any class yet.</source>
        <translation>还没有参加任何班级。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="284" />
        <source>Select a trainee to see the record and training history.</source>
        <translation>选择一名学员，这里会显示其个人信息和培训记录。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="286" />
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="286" />
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="287" />
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="287" />
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="287" />
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="288" />
        <source>Household type</source>
        <translation>户口性质</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="288" />
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="289" />
        <source>Employment</source>
        <translation>就业状态</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="289" />
        <source>Draws a pension</source>
        <translation>领取养老金</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="290" />
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="290" />
        <source>Bank account</source>
        <translation>银行账号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="290" />
        <source>Key groups</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="295" />
        <source>Show full number</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="296" />
        <source>Personal record</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="297" />
        <source>Training history</source>
        <translation>培训记录</translation>
    </message>
</context>
<context>
    <name>TraineeTableModel</name>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="280" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="280" />
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="280" />
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="280" />
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="280" />
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/table_models.py" line="281" />
        <source>Number of classes</source>
        <translation>班级数</translation>
    </message>
</context>
<context>
    <name>TraineesPage</name>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="369" />
        <location filename="../../desktop_app/gui/pages/trainees.py" line="441" />
        <source>Trainees</source>
        <translation>学员</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/pages/trainees.py" line="421" />
        <source>Showing the first %n trainees by name.</source>
        <translation>
            <numerusform>按姓名排序，显示前 %n 名学员。</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/pages/trainees.py" line="422" />
        <source>%n trainees on record.</source>
        <translation>
            <numerusform>共 %n 名学员。</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="424" />
        <source>Nobody found for “{query}”. Check the spelling, or try the last 4 characters of the ID number.</source>
        <translation>没有找到“{query}”。请检查输入，或改用身份证号码后 4 位查找。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/pages/trainees.py" line="427" />
        <source>Showing the first %n matches; type more to narrow the search.</source>
        <translation>
            <numerusform>显示前 %n 条结果；请输入更多内容缩小范围。</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/pages/trainees.py" line="429" />
        <source>%n found.</source>
        <translation>
            <numerusform>找到 %n 名学员。</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="443" />
        <source>Name, ID number, or the last 4 characters of the ID number</source>
        <translation>姓名、身份证号码，或身份证号码后 4 位</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/pages/trainees.py" line="444" />
        <source>Search</source>
        <translation>查找</translation>
    </message>
</context>
<context>
    <name>ValueLabels</name>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="54" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="54" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="59" />
        <source>Subsidised</source>
        <translation>享受补贴</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="61" />
        <source>Not subsidised</source>
        <translation>不享受补贴</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="63" />
        <source>Subsidised (approved by hand)</source>
        <translation>享受补贴（人工认定）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="73" />
        <source>Theory</source>
        <translation>理论</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="75" />
        <source>Practice</source>
        <translation>实操</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="81" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="83" />
        <source>Scheduled</source>
        <translation>已排课</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="89" />
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="90" />
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="91" />
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="92" />
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="93" />
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="94" />
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="95" />
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="104" />
        <source>Will enrol</source>
        <translation>将报名</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="105" />
        <source>Will enrol (no subsidy)</source>
        <translation>将报名（不享受补贴）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="106" />
        <location filename="../../desktop_app/gui/value_labels.py" line="113" />
        <source>Already in the class</source>
        <translation>已在班中</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="107" />
        <source>Cannot import</source>
        <translation>不能导入</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="111" />
        <source>Enrolled</source>
        <translation>已报名</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="112" />
        <source>Enrolled (no subsidy)</source>
        <translation>已报名（不享受补贴）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="114" />
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/value_labels.py" line="124" />
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
</context>
</TS>