<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/main_window.py" line="149" />
        <source>Classes in this database: %n</source>
        <translation>
            <numerusform>当前数据库共有 %n 个班级</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/main_window.py" line="150" />
        <source>Trainees in this database: %n</source>
        <translation>
            <numerusform>当前数据库共有 %n 名学员</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/main_window.py" line="151" />
        <source>Batches waiting to upload: %n</source>
        <translation>
            <numerusform>等待上传的批次：%n 个</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="163" />
        <source>Database: %s</source>
        <translation>数据库：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="165" />
        <source>Offline (platform not set up)</source>
        <translation>离线（尚未设置省平台地址）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="167" />
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="169" />
        <source>Offline: work is kept and uploaded later</source>
        <translation>离线：数据已保存，联网后自动上传</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/main_window.py" line="171" />
        <source>Batches waiting: %n</source>
        <translation>
            <numerusform>待上传：%n 批</numerusform></translation>
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
</TS>