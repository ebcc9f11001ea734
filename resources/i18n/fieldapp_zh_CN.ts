<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About fieldapp</source>
        <translation>关于 fieldapp</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Checklists in use</source>
        <translation>正在使用的核查表</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Databases</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Household TV coverage survey (户户通) — no household left out.
Works offline; township laptops hand sync bundles to the county office.</source>
        <translation>户户通入户核查 —— 不落一户、不落一人。
无网络也能使用；乡镇笔记本把同步数据包交给县融媒体中心。</translation>
    </message>
    <message>
        <source>Logs (error reports)</source>
        <translation>日志（错误报告）</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>当前数据库</translation>
    </message>
    <message>
        <source>Program folder</source>
        <translation>程序文件夹</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>设置文件</translation>
    </message>
    <message>
        <source>installed build</source>
        <translation>安装版</translation>
    </message>
    <message>
        <source>version %1, published by the county</source>
        <translation>版本 %1，县里发布</translation>
    </message>
    <message>
        <source>version %1, shipped with the program</source>
        <translation>版本 %1，程序附带</translation>
    </message>
</context>
<context>
    <name>AreaTree</name>
    <message>
        <source>Area</source>
        <translation>区划</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>Find a village…</source>
        <translation>查找村（社区）…</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>%1 (%2): %3 households, %4 visits; last change %5</source>
        <translation>%1（%2）：%3 户，%4 次走访；最后修改于 %5</translation>
    </message>
    <message>
        <source>&amp;Backups and restore…</source>
        <translation>备份与恢复(&amp;B)…</translation>
    </message>
    <message>
        <source>Back up to a file</source>
        <translation>备份到文件</translation>
    </message>
    <message>
        <source>Back up to a file…</source>
        <translation>备份到文件…</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backups and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Before a merge</source>
        <translation>合并前</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>Before undoing an import</source>
        <translation>撤销导入前</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Cannot back up</source>
        <translation>无法备份</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>Database: %1
Automatic backups: %2</source>
        <translation>数据库：%1
自动备份位置：%2</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>No automatic backups yet. One is made each time the database is opened and before every import or merge.</source>
        <translation>还没有自动备份。每次打开数据库时、每次导入或合并之前都会自动备份。</translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation>当前数据库：%1</translation>
    </message>
    <message>
        <source>Open the backup folder</source>
        <translation>打开备份文件夹</translation>
    </message>
    <message>
        <source>Replace the database with this backup?

Backup: %1
%2

The database as it is now is backed up first, so this can be undone by restoring that backup.</source>
        <translation>用这个备份替换当前数据库吗？

备份：%1
%2

恢复前会先自动备份当前数据库，如有需要可以再用那个备份恢复回来。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Restore from a file</source>
        <translation>从文件恢复</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <source>Restored from %1.</source>
        <translation>已用 %1 恢复。</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>The database as it was before is in %1.</source>
        <translation>恢复前的数据库已备份到 %1。</translation>
    </message>
    <message>
        <source>Warning: this backup was made on another computer.</source>
        <translation>注意：这个备份来自另一台电脑。</translation>
    </message>
    <message>
        <source>When opened</source>
        <translation>打开时</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>county office</source>
        <translation>县级</translation>
    </message>
    <message>
        <source>fieldapp database (*.sqlite)</source>
        <translation>fieldapp 数据库 (*.sqlite)</translation>
    </message>
    <message>
        <source>fieldapp database (*.sqlite);;All files (*)</source>
        <translation>fieldapp 数据库 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>township laptop</source>
        <translation>乡镇笔记本</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <source>Camera %1</source>
        <translation>摄像头 %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Enter uses this photo; Retake goes back to the camera.</source>
        <translation>按回车键使用此照片；点“重拍”回到摄像头画面。</translation>
    </message>
    <message>
        <source>No picture from the camera</source>
        <translation>摄像头没有画面</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>重拍</translation>
    </message>
    <message>
        <source>Space or Enter takes the photo; Esc cancels.</source>
        <translation>按空格键或回车键拍照；按 Esc 取消。</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
    <message>
        <source>Take photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <source>Take photo (Space)</source>
        <translation>拍照（空格）</translation>
    </message>
    <message>
        <source>Use this photo</source>
        <translation>使用此照片</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Check before importing</source>
        <translation>导入前检查</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Rejected rows are not imported; fix them in the file and import it again.</source>
        <translation>尚未写入任何数据。未通过检查的行不会导入；请在文件中改正后重新导入。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <source>Save rejected rows…</source>
        <translation>保存未导入的行…</translation>
    </message>
    <message>
        <source>The check did not finish.</source>
        <translation>检查未完成。</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Conflict %1 resolved: %2</source>
        <translation>冲突 %1 已处理：%2</translation>
    </message>
    <message>
        <source>Conflicts and duplicate households</source>
        <translation>合并冲突与疑似重复户</translation>
    </message>
    <message>
        <source>Field conflicts (%1)</source>
        <translation>字段冲突（%1）</translation>
    </message>
    <message>
        <source>Keep ours</source>
        <translation>保留县里现有的值</translation>
    </message>
    <message>
        <source>Merge, keep A</source>
        <translation>合并，保留 A</translation>
    </message>
    <message>
        <source>Merge, keep B</source>
        <translation>合并，保留 B</translation>
    </message>
    <message>
        <source>Merged into one household; %1 visits moved.</source>
        <translation>已合并为一户；移过去 %1 条走访记录。</translation>
    </message>
    <message>
        <source>New value of %1:</source>
        <translation>%1 的新值：</translation>
    </message>
    <message>
        <source>Not the same household</source>
        <translation>不是同一户</translation>
    </message>
    <message>
        <source>Possible duplicates (%1)</source>
        <translation>疑似重复户（%1）</translation>
    </message>
    <message>
        <source>Set value</source>
        <translation>改为新值</translation>
    </message>
    <message>
        <source>Set value…</source>
        <translation>改为新值…</translation>
    </message>
    <message>
        <source>Show resolved</source>
        <translation>显示已处理的</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用乡镇报来的值</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>回答：%1</translation>
    </message>
    <message>
        <source>Answers of the visit</source>
        <translation>走访答案</translation>
    </message>
    <message>
        <source>Common value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>电脑（核查人）：县里 / 乡镇</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Household / record</source>
        <translation>户 / 记录</translation>
    </message>
    <message>
        <source>Household head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>家庭人口</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Merged into</source>
        <translation>合并到</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Ours</source>
        <translation>县里现有的值</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Position (latitude and longitude)</source>
        <translation>位置（纬度、经度）</translation>
    </message>
    <message>
        <source>Resolved (%1)</source>
        <translation>已处理（%1）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>乡镇报来的值</translation>
    </message>
    <message>
        <source>Verdict: two visits disagree</source>
        <translation>走访结论不一致（两次走访）</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Visit state</source>
        <translation>走访状态</translation>
    </message>
</context>
<context>
    <name>CountyKey</name>
    <message>
        <source>County passphrase</source>
        <translation>县级口令</translation>
    </message>
    <message>
        <source>Printed sheets are signed with the county key.
Passphrase of the county's private key:</source>
        <translation>打印的核查表要用县级密钥签名。
请输入县级私钥口令：</translation>
    </message>
    <message>
        <source>The passphrase is wrong. Try again, or cancel.</source>
        <translation>口令不正确，请重新输入，或取消。</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>(the log file could not be written)</source>
        <translation>（日志文件无法写入）</translation>
    </message>
    <message>
        <source>Continue working</source>
        <translation>继续工作</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Quit fieldapp</source>
        <translation>退出 fieldapp</translation>
    </message>
    <message>
        <source>Sorry — fieldapp ran into an unexpected problem.

Everything you saved before is safe: each change is written to the database as soon as you make it.

The details were written to this file:
%1

Please send this file to the county office (县融媒体中心).</source>
        <translation>抱歉，fieldapp 遇到了一个意外问题。

之前保存的内容都没有丢失：每一项修改在您操作时就已写入数据库。

详细信息已写入这个文件：
%1

请把这个文件发给县融媒体中心。</translation>
    </message>
    <message>
        <source>Unexpected problem</source>
        <translation>意外问题</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>%1 households written to %2</source>
        <translation>已将 %1 户写入 %2</translation>
    </message>
    <message>
        <source>%1 work orders verified by a later visit.</source>
        <translation>%1 张工单经回访确认。</translation>
    </message>
    <message>
        <source>%1: %2 households, %3 covered (%4); %5 not covered, %6 never visited. Target %7: %8 days left, %9.</source>
        <translation>%1：共 %2 户，已覆盖 %3 户（%4）；未覆盖 %5 户，未走访 %6 户。目标日期 %7，剩余 %8 天，%9。</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Cannot change the work order</source>
        <translation>无法修改工单</translation>
    </message>
    <message>
        <source>Cannot create work orders</source>
        <translation>无法派单</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>Coverage by township</source>
        <translation>各乡镇覆盖情况</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>已覆盖</translation>
    </message>
    <message>
        <source>Done by operator</source>
        <translation>运营商已完成</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Duplicates?</source>
        <translation>疑似重复</translation>
    </message>
    <message>
        <source>Every chosen household already has a work order.</source>
        <translation>所选的户都已有工单。</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export for the operator…</source>
        <translation>导出给运营商…</translation>
    </message>
    <message>
        <source>Export the gap list</source>
        <translation>导出未覆盖户清单</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Hand over paid subscriber</source>
        <translation>付费用户移交</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>安装</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近走访</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标记已完成</translation>
    </message>
    <message>
        <source>Never visited</source>
        <translation>未走访</translation>
    </message>
    <message>
        <source>No work order</source>
        <translation>未派单</translation>
    </message>
    <message>
        <source>Nobody home</source>
        <translation>家中无人</translation>
    </message>
    <message>
        <source>Nobody home (times)</source>
        <translation>家中无人次数</translation>
    </message>
    <message>
        <source>Not covered</source>
        <translation>未覆盖</translation>
    </message>
    <message>
        <source>Not covered (%1)</source>
        <translation>未覆盖户（%1）</translation>
    </message>
    <message>
        <source>Not in register</source>
        <translation>新发现</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Open gaps</source>
        <translation>待补户数</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>运营商</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Overdue orders</source>
        <translation>逾期工单</translation>
    </message>
    <message>
        <source>Overdue orders (%1)</source>
        <translation>逾期工单（%1）</translation>
    </message>
    <message>
        <source>People of the covered households</source>
        <translation>已覆盖户的常住人口</translation>
    </message>
    <message>
        <source>People the member rosters list as living in the households</source>
        <translation>家庭成员登记中常住本户的人数（各户最近一次走访）</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Persons covered</source>
        <translation>覆盖人口</translation>
    </message>
    <message>
        <source>Persons recorded: %1, in covered households %2.</source>
        <translation>登记人口 %1，其中已覆盖户人口 %2。</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Probable duplicates</source>
        <translation>疑似重复</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>Revisit</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Revisit (%1)</source>
        <translation>待回访（%1）</translation>
    </message>
    <message>
        <source>Same ID number</source>
        <translation>身份证号相同</translation>
    </message>
    <message>
        <source>Same name in the same group</source>
        <translation>同组同名</translation>
    </message>
    <message>
        <source>Spot checks</source>
        <translation>抽查</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已回访确认</translation>
    </message>
    <message>
        <source>Verify by revisits</source>
        <translation>回访确认</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>各村</translation>
    </message>
    <message>
        <source>Villages of %1</source>
        <translation>%1各村</translation>
    </message>
    <message>
        <source>Visited</source>
        <translation>已走访</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访进度</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Work orders…</source>
        <translation>派单…</translation>
    </message>
    <message>
        <source>behind schedule</source>
        <translation>落后于计划</translation>
    </message>
    <message>
        <source>on track</source>
        <translation>按计划推进</translation>
    </message>
</context>
<context>
    <name>DashboardChart</name>
    <message>
        <source>Covered</source>
        <translation>已覆盖</translation>
    </message>
    <message>
        <source>No households yet</source>
        <translation>还没有户</translation>
    </message>
    <message>
        <source>Nobody home</source>
        <translation>家中无人</translation>
    </message>
    <message>
        <source>Not covered</source>
        <translation>未覆盖</translation>
    </message>
    <message>
        <source>Not visited</source>
        <translation>未走访</translation>
    </message>
    <message>
        <source>Vacant, refused, moved</source>
        <translation>空置、拒绝、迁出</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>Dashboard</source>
        <translation>对账与查缺补漏</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <source>%1 is enrolled (certificate %2). Give it the reference bundle %3: only this laptop (and the township's other enrolled laptops) can open it.</source>
        <translation>%1 已登记（证书 %2）。把参考包 %3 交给它：只有这台笔记本（和本乡镇其他已登记的笔记本）能打开。</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Enrol a laptop…</source>
        <translation>登记笔记本…</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Enrolled the old way: enrol again</source>
        <translation>旧方式登记，需重新登记</translation>
    </message>
    <message>
        <source>Enrolling…</source>
        <translation>正在登记…</translation>
    </message>
    <message>
        <source>Enrolment request of the laptop</source>
        <translation>笔记本的登记申请</translation>
    </message>
    <message>
        <source>Enrolment requests (*.json)</source>
        <translation>登记申请 (*.json)</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Laptop enrolled</source>
        <translation>笔记本已登记</translation>
    </message>
    <message>
        <source>Laptops and enrolment</source>
        <translation>笔记本登记</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Only laptops enrolled here can send bundles. To enrol a laptop: take its request file, compare the fingerprint with the laptop's screen, choose the township and save the reference bundle for it.</source>
        <translation>只有在这里登记过的笔记本才能交同步包。登记新笔记本：拿到它的登记申请文件，与笔记本屏幕上的指纹核对，选择乡镇，保存给它的参考包。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Passphrase of this database's private key:</source>
        <translation>本数据库私钥的口令：</translation>
    </message>
    <message>
        <source>Reading the request…</source>
        <translation>正在读取登记申请…</translation>
    </message>
    <message>
        <source>Request written to %1. Take it to the county office.</source>
        <translation>登记申请已写到 %1，请交给县融媒体中心。</translation>
    </message>
    <message>
        <source>Revoke %1 (%2)? From the next merge its bundles are refused. Reason:</source>
        <translation>停用 %1（%2）？从下次合并起拒收它的同步包。原因：</translation>
    </message>
    <message>
        <source>Revoke laptop</source>
        <translation>停用笔记本</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <source>Save enrolment request</source>
        <translation>保存登记申请</translation>
    </message>
    <message>
        <source>Save reference bundle</source>
        <translation>保存参考包</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Sync bundles (*.fab)</source>
        <translation>同步包 (*.fab)</translation>
    </message>
    <message>
        <source>This laptop's key fingerprint</source>
        <translation>本机密钥指纹</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Write enrolment request…</source>
        <translation>写出登记申请…</translation>
    </message>
    <message>
        <source>Writing the request…</source>
        <translation>正在写出登记申请…</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>This import has been undone.</source>
        <translation>本次导入已撤销。</translation>
    </message>
    <message>
        <source>Undo this import…</source>
        <translation>撤销本次导入…</translation>
    </message>
</context>
<context>
    <name>DuplicateModel</name>
    <message>
        <source>Group A</source>
        <translation>A 组别</translation>
    </message>
    <message>
        <source>Group B</source>
        <translation>B 组别</translation>
    </message>
    <message>
        <source>Household A</source>
        <translation>户主 A</translation>
    </message>
    <message>
        <source>Household B</source>
        <translation>户主 B</translation>
    </message>
    <message>
        <source>ID A</source>
        <translation>A 身份证</translation>
    </message>
    <message>
        <source>ID B</source>
        <translation>B 身份证</translation>
    </message>
    <message>
        <source>Same ID number</source>
        <translation>身份证号相同</translation>
    </message>
    <message>
        <source>Same head and group</source>
        <translation>同组同户主</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Enrol a laptop</source>
        <translation>登记笔记本</translation>
    </message>
    <message>
        <source>Fingerprint matches: enrol</source>
        <translation>指纹一致，登记</translation>
    </message>
    <message>
        <source>Is this exactly the fingerprint shown on the laptop? If not, do not enrol: the file may have been swapped.</source>
        <translation>这与笔记本屏幕上显示的指纹完全一致吗？不一致就不要登记：文件可能被调换了。</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>笔记本</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>The database cannot be written (read-only file or folder): %1</source>
        <translation>数据库无法写入（文件或文件夹只读）：%1</translation>
    </message>
    <message>
        <source>The database is damaged. Restore it from a backup: %1</source>
        <translation>数据库已损坏，请用备份恢复：%1</translation>
    </message>
    <message>
        <source>The database is in use by another program. Try again later: %1</source>
        <translation>数据库正被其他程序使用，请稍后再试：%1</translation>
    </message>
    <message>
        <source>The disk is full; nothing was written: %1</source>
        <translation>磁盘已满，未写入任何数据：%1</translation>
    </message>
    <message>
        <source>The file already exists and was not overwritten: %1</source>
        <translation>文件已存在，未覆盖：%1</translation>
    </message>
    <message>
        <source>The file does not exist: %1</source>
        <translation>文件不存在：%1</translation>
    </message>
    <message>
        <source>This database was made by a newer version of fieldapp. Please update the program: %1</source>
        <translation>该数据库由更新版本的程序创建，请升级本程序：%1</translation>
    </message>
    <message>
        <source>This file is not a fieldapp database: %1</source>
        <translation>该文件不是 fieldapp 数据库：%1</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>意外错误：%1</translation>
    </message>
</context>
<context>
    <name>FacilitiesDialog</name>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Import a register</source>
        <translation>导入台账</translation>
    </message>
    <message>
        <source>Import service points…</source>
        <translation>导入服务网点…</translation>
    </message>
    <message>
        <source>Import terminals…</source>
        <translation>导入应急广播终端…</translation>
    </message>
    <message>
        <source>Imported %1 rows: %2 added, %3 updated.</source>
        <translation>已导入 %1 行：新增 %2 处，更新 %3 处。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name or place</source>
        <translation>名称或安装位置</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Service points and broadcast terminals</source>
        <translation>服务网点与应急广播终端</translation>
    </message>
    <message>
        <source>Service stations: %1 · agency points: %2 · terminals: %3 (working %4). Townships without a service station: %5 · villages without an agency point: %6</source>
        <translation>乡镇服务站 %1 处 · 村级代办点 %2 处 · 应急广播终端 %3 处（正常 %4 处）。没有服务站的乡镇 %5 个 · 没有代办点的村 %6 个</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>表格文件 (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The register was not imported</source>
        <translation>台账未导入</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
</context>
<context>
    <name>FileEditor</name>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Choose recording…</source>
        <translation>选择录音…</translation>
    </message>
    <message>
        <source>Choose video…</source>
        <translation>选择视频…</translation>
    </message>
    <message>
        <source>No file attached</source>
        <translation>未附文件</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>The attached file is missing from the database</source>
        <translation>数据库中找不到所附文件</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Metres</source>
        <translation>米</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
</context>
<context>
    <name>FingerprintPanel</name>
    <message>
        <source>Read this fingerprint to the county office (or let them scan the code): they compare it with the request file before enrolling this laptop.</source>
        <translation>把这个指纹告诉县融媒体中心（或让他们扫码）：登记前他们要与申请文件核对。</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>1. Enrolment</source>
        <translation>1. 申请登记</translation>
    </message>
    <message>
        <source>2. Reference bundle</source>
        <translation>2. 参考包</translation>
    </message>
    <message>
        <source>Answer a few questions once. You can change them later under Settings.</source>
        <translation>只需回答一次以下几个问题，以后可在“设置”中修改。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Cannot create database</source>
        <translation>无法创建数据库</translation>
    </message>
    <message>
        <source>Choose the reference bundle file from the county office, or untick the box to start without it.</source>
        <translation>请选择县融媒体中心发来的参考包文件，或取消勾选以不用参考包开始。</translation>
    </message>
    <message>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>County office (merges the townships' data, prints sheets)</source>
        <translation>县融媒体中心（汇总各乡镇数据、打印核查表）</translation>
    </message>
    <message>
        <source>Create database</source>
        <translation>创建数据库</translation>
    </message>
    <message>
        <source>Creating the database…</source>
        <translation>正在创建数据库…</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <source>Enter the passphrase below, then write the request file for the county.</source>
        <translation>先在下面输入口令，再写出交给县里的登记申请文件。</translation>
    </message>
    <message>
        <source>Enter the passphrase twice first: it protects the new key.</source>
        <translation>请先输入两遍相同的口令：它保护本机的新密钥。</translation>
    </message>
    <message>
        <source>First request enrolment: the county enrols this laptop and gives you its reference bundle.</source>
        <translation>请先申请登记：县里登记本机后会给您参考包。</translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation>私钥口令</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>再次输入口令</translation>
    </message>
    <message>
        <source>Please enter a device name, e.g. the township and a number.</source>
        <translation>请填写设备名称，例如乡镇名加编号。</translation>
    </message>
    <message>
        <source>Please enter your name: it is recorded with every visit you make.</source>
        <translation>请填写您的姓名：每次入户核查都会记录核查人。</translation>
    </message>
    <message>
        <source>Reference bundle</source>
        <translation>参考包</translation>
    </message>
    <message>
        <source>Request enrolment…</source>
        <translation>申请登记本机…</translation>
    </message>
    <message>
        <source>Requested. Key fingerprint: %1</source>
        <translation>已申请。本机密钥指纹：%1</translation>
    </message>
    <message>
        <source>Start from the county's reference bundle (recommended)</source>
        <translation>用县里发来的参考包开始（推荐）</translation>
    </message>
    <message>
        <source>The database will be saved in: %1</source>
        <translation>数据库将保存在：%1</translation>
    </message>
    <message>
        <source>The passphrase protects this computer's key, which signs and opens sync bundles. You will need it for every bundle: write it down and keep it safe.</source>
        <translation>口令用来保护本机私钥，生成和打开同步包都要用到它。请记下来并妥善保管。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>This computer is a</source>
        <translation>这台电脑用于</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Township laptop (visits households in the villages)</source>
        <translation>乡镇笔记本（进村入户核查）</translation>
    </message>
    <message>
        <source>Welcome to fieldapp — first-time setup</source>
        <translation>欢迎使用 fieldapp —— 首次设置</translation>
    </message>
    <message>
        <source>Without a bundle this laptop gets the division list only, to try the program; it can exchange data with the county once it is set up from a reference bundle.</source>
        <translation>不用参考包时，本机只有区划名单，可用于试用；用县里的参考包设置后才能与县里交换数据。</translation>
    </message>
    <message>
        <source>Your name (surveyor)</source>
        <translation>您的姓名（核查人）</translation>
    </message>
    <message>
        <source>e.g. 张伟</source>
        <translation>例如：张伟</translation>
    </message>
    <message>
        <source>fieldapp bundle (*.fab);;All files (*)</source>
        <translation>fieldapp 同步包 (*.fab);;所有文件 (*)</translation>
    </message>
    <message>
        <source>the bundle file (.fab) the county office gave you</source>
        <translation>县融媒体中心发来的参考包文件（.fab）</translation>
    </message>
</context>
<context>
    <name>GpsDialog</name>
    <message>
        <source>%1 satellites</source>
        <translation>%1 颗卫星</translation>
    </message>
    <message>
        <source>%1 sentences read, no position yet</source>
        <translation>已读到 %1 条语句，尚未定位</translation>
    </message>
    <message>
        <source>%1 unreadable</source>
        <translation>%1 条无法解读</translation>
    </message>
    <message>
        <source>A position of ±%1 m or better is taken at once.</source>
        <translation>本题精度达到 ±%1 米或更好时自动采用该位置。</translation>
    </message>
    <message>
        <source>Above ±%1 m the position is too inaccurate for this question.</source>
        <translation>精度差于 ±%1 米时，该位置对本题不够准确。</translation>
    </message>
    <message>
        <source>Accuracy about ±%1 m is worse than the ±%2 m this question asks for: wait for a better position, or use this one anyway.</source>
        <translation>精度约 ±%1 米，差于本题要求的 ±%2 米：请等待更准确的位置，或仍然采用此位置。</translation>
    </message>
    <message>
        <source>Accuracy is estimated from the receiver's HDOP (HDOP × %1 m); the receiver does not measure it.</source>
        <translation>精度是按接收机的 HDOP 估算的（HDOP × %1 米），并非接收机实测。</translation>
    </message>
    <message>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>Choose the receiver's port first.</source>
        <translation>请先选择接收机的端口。</translation>
    </message>
    <message>
        <source>GPS fix</source>
        <translation>GPS 定位</translation>
    </message>
    <message>
        <source>Last fix %1 s ago</source>
        <translation>上次定位：%1 秒前</translation>
    </message>
    <message>
        <source>No new fix for %1 s: this position is not used until the receiver reports again.</source>
        <translation>已 %1 秒没有新的定位：接收机再次报告位置之前不能使用此位置。</translation>
    </message>
    <message>
        <source>PPS fix</source>
        <translation>PPS 定位</translation>
    </message>
    <message>
        <source>Plug in the receiver, pick its port and press Start.</source>
        <translation>请插上 GPS 接收机，选择端口后点“开始”。</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Position from a GPS receiver</source>
        <translation>从 GPS 接收机取位置</translation>
    </message>
    <message>
        <source>Position received; it is updated while the receiver reports.</source>
        <translation>已收到位置；接收机继续报告时会更新。</translation>
    </message>
    <message>
        <source>RTK fixed</source>
        <translation>RTK 固定解</translation>
    </message>
    <message>
        <source>RTK float</source>
        <translation>RTK 浮点解</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Use this position</source>
        <translation>使用此位置</translation>
    </message>
    <message>
        <source>Waiting for a position from %1 (at most %2 s)…</source>
        <translation>正在等待 %1 的定位（最多 %2 秒）…</translation>
    </message>
    <message>
        <source>about ±%1 m</source>
        <translation>约 ±%1 米</translation>
    </message>
    <message>
        <source>altitude %1 m</source>
        <translation>海拔 %1 米</translation>
    </message>
    <message>
        <source>differential GPS fix</source>
        <translation>差分 GPS 定位</translation>
    </message>
    <message>
        <source>e.g. COM3 or /dev/ttyUSB0</source>
        <translation>如 COM3 或 /dev/ttyUSB0</translation>
    </message>
    <message>
        <source>entered by hand</source>
        <translation>手动输入</translation>
    </message>
    <message>
        <source>estimated (dead reckoning)</source>
        <translation>推算定位（航位推算）</translation>
    </message>
    <message>
        <source>fix quality %1</source>
        <translation>定位质量 %1</translation>
    </message>
    <message>
        <source>simulated</source>
        <translation>模拟</translation>
    </message>
</context>
<context>
    <name>HelpMenus</name>
    <message>
        <source>&amp;About fieldapp</source>
        <translation>关于 fieldapp(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>用户手册(&amp;U)</translation>
    </message>
    <message>
        <source>Open &amp;data folder</source>
        <translation>打开数据文件夹(&amp;D)</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>The user guide is missing: %1</source>
        <translation>找不到用户手册：%1</translation>
    </message>
    <message>
        <source>fieldapp user guide</source>
        <translation>fieldapp 用户手册</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>%1 entries</source>
        <translation>%1 项</translation>
    </message>
    <message>
        <source>%1 recorded changes</source>
        <translation>共 %1 条修改记录</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Completed at</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Household head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Merged into</source>
        <translation>合并到</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Old</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Visit state</source>
        <translation>核查状态</translation>
    </message>
    <message>
        <source>photo %1</source>
        <translation>照片 %1</translation>
    </message>
</context>
<context>
    <name>HouseholdDetail</name>
    <message>
        <source>(%1 m outside its village, confirmed)</source>
        <translation>（在本村边界外 %1 米，已确认）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>No household selected</source>
        <translation>未选择农户</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Old</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>家庭人口</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Surveyor</source>
        <translation>核查人</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Visit checklist…</source>
        <translation>入户核查…</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <source>not located</source>
        <translation>未定位</translation>
    </message>
</context>
<context>
    <name>HouseholdTable</name>
    <message numerus="yes">
        <source>%n household(s)</source>
        <translation>
            <numerusform>共 %n 户</numerusform>
        </translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Search: name, pinyin (lqj), phone or ID tail, door no. — Enter opens the visit</source>
        <translation>搜索：姓名、拼音（lqj）、电话或身份证尾号、门牌号 — 回车打开核查表</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Household head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近核查</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
</context>
<context>
    <name>ImportHistory</name>
    <message>
        <source>%1 records stay as they are: they were changed after the import, or the household already has visits or work orders.</source>
        <translation>有 %1 条记录保持不变：导入后又被修改过，或该户已有走访记录或工单。</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was changed in the database.</source>
        <translation>已取消，数据库未做任何改动。</translation>
    </message>
    <message>
        <source>Cannot undo the import</source>
        <translation>无法撤销导入</translation>
    </message>
    <message>
        <source>Checking the import…</source>
        <translation>正在检查这次导入…</translation>
    </message>
    <message>
        <source>Import %1 undone: %2 records deleted, %3 restored, %4 kept.</source>
        <translation>第 %1 次导入已撤销：删除 %2 条，恢复原值 %3 条，保留 %4 条。</translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Undo import %1 (%2)?

%3 records it added will be deleted, %4 records it changed get their old values back.</source>
        <translation>撤销第 %1 次导入（%2）吗？

这次导入新增的 %3 条记录将被删除，更新过的 %4 条记录将恢复原值。</translation>
    </message>
    <message>
        <source>Undoing the import…</source>
        <translation>正在撤销导入…</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Can be undone</source>
        <translation>可撤销</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Import &amp;history…</source>
        <translation>导入记录(&amp;H)…</translation>
    </message>
    <message>
        <source>Import history</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Paper visits</source>
        <translation>纸质走访</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>花名册</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Undo this import…</source>
        <translation>撤销这次导入…</translation>
    </message>
    <message>
        <source>Undone %1</source>
        <translation>已于 %1 撤销</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
</context>
<context>
    <name>ImportRegisterWizard</name>
    <message>
        <source>Cancelled. Nothing was changed in the database.</source>
        <translation>已取消，数据库未做任何改动。</translation>
    </message>
    <message>
        <source>Cannot import the register</source>
        <translation>无法导入花名册</translation>
    </message>
    <message>
        <source>Checking the register…</source>
        <translation>正在检查花名册…</translation>
    </message>
    <message>
        <source>Header in row %1. New households: %2, updated: %3, unchanged: %4, rejected rows: %5, warnings: %6, blank or total rows skipped: %7.</source>
        <translation>表头在第 %1 行。新增 %2 户，更新 %3 户，未变 %4 户，未导入 %5 行，提示 %6 条，跳过空行/合计行 %7 行。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import household register</source>
        <translation>导入花名册</translation>
    </message>
    <message>
        <source>Import household register…</source>
        <translation>导入花名册…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Awaiting installation</source>
        <translation>待安装</translation>
    </message>
    <message>
        <source>Cannot afford</source>
        <translation>经济困难</translation>
    </message>
    <message>
        <source>Charged illegally</source>
        <translation>被违规收费</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县</translation>
    </message>
    <message>
        <source>County channel not received</source>
        <translation>收不到县台</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>已覆盖</translation>
    </message>
    <message>
        <source>Does not want it</source>
        <translation>本人不愿安装</translation>
    </message>
    <message>
        <source>Merged into another household</source>
        <translation>已并入他户</translation>
    </message>
    <message>
        <source>Moved out</source>
        <translation>已迁出</translation>
    </message>
    <message>
        <source>Moved out / merged</source>
        <translation>已迁出/合户</translation>
    </message>
    <message>
        <source>No TV set</source>
        <translation>无电视机</translation>
    </message>
    <message>
        <source>Nobody home</source>
        <translation>家中无人</translation>
    </message>
    <message>
        <source>Not covered</source>
        <translation>未覆盖</translation>
    </message>
    <message>
        <source>Not visited</source>
        <translation>未入户</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒绝核查</translation>
    </message>
    <message>
        <source>Signal problem</source>
        <translation>信号问题</translation>
    </message>
    <message>
        <source>Spot check did not confirm it</source>
        <translation>抽查与登记不符</translation>
    </message>
    <message>
        <source>TV does not work now</source>
        <translation>不能正常收看</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Vacant house</source>
        <translation>空置房</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 townships · %2 villages · %3 households · %4 visits</source>
        <translation>%1 个乡镇 · %2 个村（社区） · %3 户 · 核查 %4 次</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Find household</source>
        <translation>查找农户(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>新建数据库(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>+ New household</source>
        <translation>＋ 新发现户</translation>
    </message>
    <message>
        <source>Cannot create database</source>
        <translation>无法创建数据库</translation>
    </message>
    <message>
        <source>Cannot open database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>County office</source>
        <translation>县级（融媒体中心）</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>农户</translation>
    </message>
    <message>
        <source>New household found in the &amp;field…</source>
        <translation>登记新发现户(&amp;H)…</translation>
    </message>
    <message>
        <source>No database open</source>
        <translation>未打开数据库</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>Record a household found in the field (Ctrl+N)</source>
        <translation>登记走访中新发现的户（Ctrl+N）</translation>
    </message>
    <message>
        <source>This database is damaged, and there are automatic backups of it. Choose one to restore?</source>
        <translation>这个数据库已损坏，但有它的自动备份。要选择一个备份来恢复吗？</translation>
    </message>
    <message>
        <source>Township laptop</source>
        <translation>乡镇核查电脑</translation>
    </message>
    <message>
        <source>fieldapp database (*.sqlite);;All files (*)</source>
        <translation>fieldapp 数据库 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>fieldapp — %1</source>
        <translation>户户通核查 — %1</translation>
    </message>
    <message>
        <source>fieldapp — TV coverage survey</source>
        <translation>户户通核查 — 不落一户、不落一人</translation>
    </message>
</context>
<context>
    <name>MapChecks</name>
    <message>
        <source>Outside its village</source>
        <translation>不在本村范围内</translation>
    </message>
    <message>
        <source>Same position</source>
        <translation>位置重复</translation>
    </message>
    <message>
        <source>Unlocated households</source>
        <translation>有未定位的户</translation>
    </message>
    <message>
        <source>Village has no boundary</source>
        <translation>村无边界</translation>
    </message>
</context>
<context>
    <name>MapChecksPanel</name>
    <message>
        <source> m</source>
        <translation> 米</translation>
    </message>
    <message>
        <source>%1 outside village · %2 same position · %3 villages with unlocated · %4 without boundary</source>
        <translation>不在本村 %1 · 位置重复 %2 组 · 有未定位户的村 %3 · 无边界的村 %4</translation>
    </message>
    <message>
        <source>Checking household positions…</source>
        <translation>正在检查户的位置…</translation>
    </message>
    <message>
        <source>Households closer than this count as the same position</source>
        <translation>两户相距小于此距离即视为位置重复</translation>
    </message>
    <message>
        <source>Not run yet.</source>
        <translation>尚未检查。</translation>
    </message>
    <message>
        <source>Run checks</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <source>Same position within</source>
        <translation>位置重复阈值</translation>
    </message>
    <message>
        <source>Spatial checks</source>
        <translation>空间检查</translation>
    </message>
</context>
<context>
    <name>MapExport</name>
    <message>
        <source>Export map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <source>Exporting the map…</source>
        <translation>正在导出地图…</translation>
    </message>
    <message>
        <source>Written: %1 (%2 households, %3 villages)</source>
        <translation>已写入：%1（%2 户，%3 个村）</translation>
    </message>
</context>
<context>
    <name>MapFacilities</name>
    <message>
        <source>Broadcast terminal, broken or not checked</source>
        <translation>应急广播终端（故障或未核查）</translation>
    </message>
    <message>
        <source>Broadcast terminal, working</source>
        <translation>应急广播终端（正常）</translation>
    </message>
    <message>
        <source>Service station</source>
        <translation>乡镇服务站</translation>
    </message>
    <message>
        <source>Village agency point</source>
        <translation>村级代办点</translation>
    </message>
</context>
<context>
    <name>MapImportDialog</name>
    <message>
        <source>%1 %2 will be updated; %3 rows or features are not imported.</source>
        <translation>将更新 %1 %2；%3 行或要素不导入。</translation>
    </message>
    <message>
        <source>As the file says (else WGS84)</source>
        <translation>按文件声明（未声明按 WGS84）</translation>
    </message>
    <message>
        <source>Automatic (by code or name)</source>
        <translation>自动（按区划代码或名称）</translation>
    </message>
    <message>
        <source>Check file</source>
        <translation>检查文件</translation>
    </message>
    <message>
        <source>Choose a file, then check it.</source>
        <translation>请选择文件，然后检查。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <source>Coordinate system: %1 (%2)</source>
        <translation>坐标系：%1（%2）</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>GCJ-02 (AMap, Tencent)</source>
        <translation>GCJ-02（高德、腾讯）</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import boundaries or household positions</source>
        <translation>导入边界或户坐标</translation>
    </message>
    <message>
        <source>Imported: %1 updated, %2 unchanged, %3 not imported.</source>
        <translation>导入完成：更新 %1，未变 %2，未导入 %3。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Map files (*.geojson *.json *.zip *.shp *.gpkg *.kml *.kmz *.csv *.gpx);;All files (*)</source>
        <translation>地图文件 (*.geojson *.json *.zip *.shp *.gpkg *.kml *.kmz *.csv *.gpx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Not imported because</source>
        <translation>未导入原因</translation>
    </message>
    <message>
        <source>Or type a code, e.g. EPSG:4546 for the CGCS2000 3-degree zone CM 111E</source>
        <translation>也可输入代码，如 EPSG:4546（CGCS2000 3度带，中央经线 111°E）</translation>
    </message>
    <message>
        <source>Reading and matching…</source>
        <translation>正在读取和匹配…</translation>
    </message>
    <message>
        <source>Row or feature</source>
        <translation>行或要素</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>areas</source>
        <translation>个区划</translation>
    </message>
    <message>
        <source>assumed</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>chosen here</source>
        <translation>此处指定</translation>
    </message>
    <message>
        <source>households</source>
        <translation>户</translation>
    </message>
    <message>
        <source>stated by the file</source>
        <translation>文件声明</translation>
    </message>
</context>
<context>
    <name>MapOverlay</name>
    <message>
        <source>All households (not only those in view)</source>
        <translation>全部户数（不只是图上可见的）</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Households on map</source>
        <translation>图上户数</translation>
    </message>
    <message>
        <source>Never visited</source>
        <translation>未走访</translation>
    </message>
    <message>
        <source>Nobody home</source>
        <translation>家中无人</translation>
    </message>
    <message>
        <source>Persons %1, in covered households %2</source>
        <translation>登记人口 %1，其中已覆盖户 %2</translation>
    </message>
</context>
<context>
    <name>MapTab</name>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <source>Basemap in GCJ-02</source>
        <translation>底图为 GCJ-02</translation>
    </message>
    <message>
        <source>Basemap…</source>
        <translation>底图…</translation>
    </message>
    <message>
        <source>Click a household; Ctrl+click adds; Shift+drag selects an area</source>
        <translation>单击选择一户；Ctrl+单击追加；Shift+拖动框选</translation>
    </message>
    <message>
        <source>Click on the map to put %1 there. Esc ends placing.</source>
        <translation>在地图上单击，把 %1 放到该位置。按 Esc 结束放置。</translation>
    </message>
    <message>
        <source>Click on the map to put the selected household there</source>
        <translation>在地图上单击，把选中的户放到该位置</translation>
    </message>
    <message>
        <source>Click points on the map to measure; right-click clears.</source>
        <translation>在地图上依次单击各点量距离；右键清除。</translation>
    </message>
    <message>
        <source>Click points to measure a distance; right-click clears</source>
        <translation>依次单击各点量距离；右键清除</translation>
    </message>
    <message>
        <source>Distance: %1 (%2 points)</source>
        <translation>距离：%1（%2 个点）</translation>
    </message>
    <message>
        <source>Export households and villages as GeoPackage or GeoJSON</source>
        <translation>把户和村导出为 GeoPackage 或 GeoJSON</translation>
    </message>
    <message>
        <source>Export map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson)</source>
        <translation>GeoPackage (*.gpkg);;GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <source>Households outside their village, at the same position, or unlocated</source>
        <translation>不在本村范围内、位置重复或未定位的户</translation>
    </message>
    <message>
        <source>Import boundaries (GeoJSON, Shapefile zip, GeoPackage, KML) or household positions (CSV, GPX)</source>
        <translation>导入边界（GeoJSON、Shapefile 压缩包、GeoPackage、KML）或户坐标（CSV、GPX）</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Loading the map…</source>
        <translation>正在读取地图…</translation>
    </message>
    <message>
        <source>MBTiles (*.mbtiles);;All files (*)</source>
        <translation>MBTiles 底图 (*.mbtiles);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>量距离</translation>
    </message>
    <message>
        <source>Not moved.</source>
        <translation>未移动。</translation>
    </message>
    <message>
        <source>Offline basemap</source>
        <translation>离线底图</translation>
    </message>
    <message>
        <source>Open an offline MBTiles basemap</source>
        <translation>打开离线 MBTiles 底图</translation>
    </message>
    <message>
        <source>Opening the basemap…</source>
        <translation>正在打开底图…</translation>
    </message>
    <message>
        <source>Outside the village</source>
        <translation>不在本村范围内</translation>
    </message>
    <message>
        <source>Place / move</source>
        <translation>放置/移动</translation>
    </message>
    <message>
        <source>Press Ctrl+N to record a new household at this spot.</source>
        <translation>按 Ctrl+N 在此处登记新发现户。</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Select one household (here or in the table), then click where it is.</source>
        <translation>请先选中一户（在地图或户表中），再在地图上单击它的位置。</translation>
    </message>
    <message>
        <source>Spatial checks</source>
        <translation>空间检查</translation>
    </message>
    <message>
        <source>The map cannot be read: %1</source>
        <translation>无法读取地图：%1</translation>
    </message>
    <message>
        <source>This spot is %1 m outside the boundary of %2's village. Put the household here anyway?</source>
        <translation>此处在%2所在村的边界外 %1 米。仍然把该户放在这里吗？</translation>
    </message>
    <message>
        <source>Tick for AMap/Tencent tiles: households and boundaries are shifted onto them</source>
        <translation>高德/腾讯瓦片请勾选：户点和边界会偏移到底图坐标上</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>WGS84 %1, %2</source>
        <translation>WGS84 经度 %1，纬度 %2</translation>
    </message>
    <message>
        <source>Whole area</source>
        <translation>全图</translation>
    </message>
    <message>
        <source>Zoom to the whole county (Home)</source>
        <translation>缩放到全县（Home 键）</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Check the detected header row and which column holds what. Rows are numbered as in Excel.</source>
        <translation>请核对识别出的表头行和各列的含义。行号与 Excel 中一致。</translation>
    </message>
    <message>
        <source>Choose the column with the head of household's name.</source>
        <translation>请选择户主姓名所在的列。</translation>
    </message>
    <message>
        <source>Family size</source>
        <translation>家庭人口</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>表头行</translation>
    </message>
    <message>
        <source>Header row and columns</source>
        <translation>表头行和列</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Village code</source>
        <translation>村区划代码</translation>
    </message>
    <message>
        <source>— not imported —</source>
        <translation>— 不导入 —</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Add bundle files first.</source>
        <translation>请先添加同步包文件。</translation>
    </message>
    <message>
        <source>Add bundle files, then preview.</source>
        <translation>添加同步包文件，然后预览。</translation>
    </message>
    <message>
        <source>Add bundles…</source>
        <translation>添加同步包…</translation>
    </message>
    <message>
        <source>Checking bundles…</source>
        <translation>正在检查同步包…</translation>
    </message>
    <message>
        <source>Choose sync bundles</source>
        <translation>选择同步包</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Merge sync bundles</source>
        <translation>合并同步包</translation>
    </message>
    <message>
        <source>Merged %1 bundles: %2 changes written, %3 new conflicts, %4 possible duplicate households, %5 rejected, %6 changes refused (outside the laptop's authority; listed in the report).</source>
        <translation>已合并 %1 个同步包：写入 %2 条变更，新冲突 %3 个，疑似重复户 %4 对，拒绝 %5 个包，拒收越权变更 %6 条（见合并报告）。</translation>
    </message>
    <message>
        <source>Merging bundles…</source>
        <translation>正在合并同步包…</translation>
    </message>
    <message>
        <source>Passphrase of this database's private key</source>
        <translation>本数据库私钥的口令</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Preview: %1 bundles can be merged, %2 rejected. New %3, updated %4, unchanged %5, conflicts %6.</source>
        <translation>预览：可合并 %1 个同步包，拒绝 %2 个。新增 %3，更新 %4，未变 %5，冲突 %6。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Sync bundles (*.fab);;All files (*)</source>
        <translation>同步包 (*.fab);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>MergePreviewModel</name>
    <message>
        <source>Already merged earlier</source>
        <translation>以前已合并过</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>同步包</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
</context>
<context>
    <name>MoveHousehold</name>
    <message>
        <source>Move %1</source>
        <translation>移动 %1</translation>
    </message>
    <message>
        <source>Place %1</source>
        <translation>放置 %1</translation>
    </message>
</context>
<context>
    <name>NewDatabaseDialog</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>fieldapp database (*.sqlite)</source>
        <translation>fieldapp 数据库 (*.sqlite)</translation>
    </message>
</context>
<context>
    <name>NewHouseholdDialog</name>
    <message>
        <source>%1 is not a number: %2</source>
        <translation>%1不是数字：%2</translation>
    </message>
    <message>
        <source>Door number</source>
        <translation>门牌号</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主姓名</translation>
    </message>
    <message>
        <source>ID number (optional)</source>
        <translation>身份证号（可不填）</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>New household found in the field</source>
        <translation>登记新发现户</translation>
    </message>
    <message>
        <source>Phone (optional)</source>
        <translation>联系电话（可不填）</translation>
    </message>
    <message>
        <source>Position (optional)</source>
        <translation>位置（可不填）</translation>
    </message>
    <message>
        <source>Save and start the visit</source>
        <translation>保存并开始入户核查</translation>
    </message>
    <message>
        <source>Tip: in the map's place mode, click where the house is before pressing Ctrl+N to fill in the position.</source>
        <translation>提示：先在地图的“放置”模式下点一下房屋所在位置，再按 Ctrl+N，位置会自动填好。</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
</context>
<context>
    <name>OutputDialog</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Cancelled. No file was written.</source>
        <translation>已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
</context>
<context>
    <name>PhotoEditor</name>
    <message>
        <source>Choose photo…</source>
        <translation>选择照片…</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Take photo…</source>
        <translation>拍照…</translation>
    </message>
</context>
<context>
    <name>PublicPlaceDialog</name>
    <message>
        <source>Cannot open the checklist</source>
        <translation>无法打开核查表</translation>
    </message>
    <message>
        <source>Public place checklist — %1</source>
        <translation>公共场所核查表 — %1</translation>
    </message>
</context>
<context>
    <name>PublicPlaceRecord</name>
    <message>
        <source>(no name yet)</source>
        <translation>（尚未填写名称）</translation>
    </message>
    <message>
        <source>New public place</source>
        <translation>新增公共场所</translation>
    </message>
</context>
<context>
    <name>PublicPlacesModel</name>
    <message>
        <source>(no name yet)</source>
        <translation>（尚未填写名称）</translation>
    </message>
    <message>
        <source>Cable TV opened</source>
        <translation>有线电视开通</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>能收看的频道</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>核查表</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Village / community</source>
        <translation>所在村（社区）</translation>
    </message>
</context>
<context>
    <name>PublicPlacesTab</name>
    <message>
        <source>%1 places · cable TV opened in %2 · %3 checklists complete</source>
        <translation>共 %1 处 · 有线电视已开通 %2 处 · 核查表已完成 %3 处</translation>
    </message>
    <message>
        <source>Add public place…</source>
        <translation>新增公共场所…</translation>
    </message>
    <message>
        <source>Cannot list the public places</source>
        <translation>无法列出公共场所</translation>
    </message>
    <message>
        <source>Checklist…</source>
        <translation>填写核查表…</translation>
    </message>
    <message>
        <source>Choose a township or village in the tree first</source>
        <translation>请先在左侧选择乡镇或村（社区）</translation>
    </message>
    <message>
        <source>Choose a township or village in the tree to add public places.</source>
        <translation>在左侧选择乡镇或村（社区）后即可新增公共场所。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete public place</source>
        <translation>删除公共场所</translation>
    </message>
    <message>
        <source>Delete “%1” and its checklist?</source>
        <translation>删除“%1”及其核查表吗？</translation>
    </message>
    <message>
        <source>No public places recorded here yet. Add the party and government offices, enterprises and institutions, hotels, hospitals, schools and residential compounds of this area with “Add public place…”.</source>
        <translation>这里还没有登记公共场所。请用“新增公共场所…”登记本地的党政机关、企事业单位、宾馆酒店、医院、学校和住宅小区等。</translation>
    </message>
    <message>
        <source>Public places</source>
        <translation>公共场所</translation>
    </message>
    <message>
        <source>Service points and terminals…</source>
        <translation>服务网点与终端…</translation>
    </message>
    <message>
        <source>Service stations, village agency points and public-area emergency-broadcast terminals: list and import</source>
        <translation>乡镇服务站、村级代办点和公共区域应急广播终端：查看和导入</translation>
    </message>
    <message>
        <source>The delete was not undone</source>
        <translation>未能撤销删除</translation>
    </message>
    <message>
        <source>The public place was not deleted</source>
        <translation>公共场所未删除</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>撤销删除</translation>
    </message>
</context>
<context>
    <name>RepeatSection</name>
    <message>
        <source>Add %1 (Ctrl+Shift+A)</source>
        <translation>添加%1（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <source>None recorded yet.</source>
        <translation>尚未登记。</translation>
    </message>
    <message>
        <source>Remove %1 %2</source>
        <translation>删除%1 %2</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Area:</source>
        <translation>地区：</translation>
    </message>
    <message>
        <source>Cannot generate the report</source>
        <translation>无法生成报表</translation>
    </message>
    <message>
        <source>Coverage report</source>
        <translation>覆盖情况报表</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Generating the report…</source>
        <translation>正在生成报表…</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>PDF (to print)</source>
        <translation>PDF（用于打印）</translation>
    </message>
    <message>
        <source>Save report as</source>
        <translation>报表另存为</translation>
    </message>
    <message>
        <source>Township: %1</source>
        <translation>乡镇：%1</translation>
    </message>
    <message>
        <source>Whole county: %1</source>
        <translation>全县：%1</translation>
    </message>
    <message>
        <source>Written %1: %2 households, coverage %3.</source>
        <translation>已生成 %1：共 %2 户，覆盖率 %3。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>%1 (fixed when the database was created)</source>
        <translation>%1（创建数据库时确定，不能更改）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>A new language is used after fieldapp restarts.</source>
        <translation>新的界面语言在 fieldapp 重新启动后生效。</translation>
    </message>
    <message>
        <source>A township laptop needs its township.</source>
        <translation>乡镇笔记本需要选择所属乡镇。</translation>
    </message>
    <message>
        <source>Cannot save settings</source>
        <translation>无法保存设置</translation>
    </message>
    <message>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>County office</source>
        <translation>县融媒体中心</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Open a database to change its role, township, surveyor and device name.</source>
        <translation>打开一个数据库后，才能修改它的角色、乡镇、核查人和设备名称。</translation>
    </message>
    <message>
        <source>Program (this computer)</source>
        <translation>程序（本机）</translation>
    </message>
    <message>
        <source>Restart fieldapp now to use the new language?</source>
        <translation>现在重新启动 fieldapp 以使用新的界面语言吗？</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Surveyor</source>
        <translation>核查人</translation>
    </message>
    <message>
        <source>This database</source>
        <translation>本数据库</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Township laptop</source>
        <translation>乡镇笔记本</translation>
    </message>
</context>
<context>
    <name>SheetsDialog</name>
    <message>
        <source>Add the township's public places sheet</source>
        <translation>附本乡镇公共场所核查表</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>地区：</translation>
    </message>
    <message>
        <source>Cannot generate the sheets</source>
        <translation>无法生成核查表</translation>
    </message>
    <message>
        <source>Choose where to save.</source>
        <translation>请选择保存位置。</translation>
    </message>
    <message>
        <source>Every village of the county: a folder per township</source>
        <translation>全县所有村：每个乡镇一个文件夹</translation>
    </message>
    <message>
        <source>Every village of the township: one PDF each, in a folder</source>
        <translation>本乡镇所有村：每村一个 PDF，存入文件夹</translation>
    </message>
    <message>
        <source>Every village of the township: one combined PDF with bookmarks</source>
        <translation>本乡镇所有村：合并为一个带书签的 PDF</translation>
    </message>
    <message>
        <source>Folder for the sheets</source>
        <translation>核查表保存文件夹</translation>
    </message>
    <message>
        <source>Generating verification sheets…</source>
        <translation>正在生成入户核查确认表…</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Print verification sheets</source>
        <translation>打印入户核查确认表</translation>
    </message>
    <message>
        <source>Print:</source>
        <translation>打印：</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save sheets as</source>
        <translation>核查表另存为</translation>
    </message>
    <message>
        <source>This village: one PDF</source>
        <translation>本村：一个 PDF</translation>
    </message>
    <message>
        <source>Written %1: %2 sheets, %3 pages, %4 households.</source>
        <translation>已生成 %1：%2 张表，%3 页，%4 户。</translation>
    </message>
</context>
<context>
    <name>SheetsMenu</name>
    <message>
        <source>&amp;Print &amp;&amp; reports</source>
        <translation>打印/报表(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Verify a printed sheet (scan QR)…</source>
        <translation>核验已打印的核查表（扫码）(&amp;V)…</translation>
    </message>
    <message>
        <source>Cannot generate the slip</source>
        <translation>无法生成入户确认单</translation>
    </message>
    <message>
        <source>Coverage &amp;report…</source>
        <translation>覆盖情况报表(&amp;R)…</translation>
    </message>
    <message>
        <source>Household confirmation &amp;slip…</source>
        <translation>打印入户确认单（当前户）(&amp;S)…</translation>
    </message>
    <message>
        <source>Household confirmation slip</source>
        <translation>入户确认单</translation>
    </message>
    <message>
        <source>No database</source>
        <translation>没有打开数据库</translation>
    </message>
    <message>
        <source>Open a database first.</source>
        <translation>请先打开数据库。</translation>
    </message>
    <message>
        <source>Save slip as</source>
        <translation>入户确认单另存为</translation>
    </message>
    <message>
        <source>Select a household in the list first.</source>
        <translation>请先在户列表中选中一户。</translation>
    </message>
    <message>
        <source>Verification &amp;sheets…</source>
        <translation>打印入户核查确认表(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>SheetsPrint</name>
    <message>
        <source>No print service (lp) was found. The file opens in the PDF viewer; print from there.</source>
        <translation>没有找到打印服务（lp）。将用 PDF 阅读器打开文件，请在阅读器中打印。</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>打印 %1</translation>
    </message>
    <message>
        <source>The printer did not accept the file: %1</source>
        <translation>打印机未接受该文件：%1</translation>
    </message>
</context>
<context>
    <name>SignatureEditor</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Sign with the mouse; Enter moves on</source>
        <translation>用鼠标签名；按回车进入下一题</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here with the mouse</source>
        <translation>请用鼠标在此签名</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>All rows belong to</source>
        <translation>全部属于</translation>
    </message>
    <message>
        <source>An .xlsx, .xls or .csv file (UTF-8, UTF-16, GBK or Big5) as the village or the police registry gave it.</source>
        <translation>村里或派出所给的 .xlsx、.xls 或 .csv 文件（UTF-8、UTF-16、GBK 或 Big5 编码）。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Cannot read the file</source>
        <translation>无法读取文件</translation>
    </message>
    <message>
        <source>Choose a household register</source>
        <translation>选择花名册文件</translation>
    </message>
    <message>
        <source>Choose the register file</source>
        <translation>选择花名册文件</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Reading the register…</source>
        <translation>正在读取花名册…</translation>
    </message>
    <message>
        <source>Registers (*.xlsx *.xls *.csv);;All files (*)</source>
        <translation>花名册 (*.xlsx *.xls *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Village named in each row</source>
        <translation>按每行的村名</translation>
    </message>
</context>
<context>
    <name>SpotCheckPanel</name>
    <message>
        <source>%1 of %2 checked, %3 not as recorded</source>
        <translation>已核查 %1 / %2 户，与登记不符 %3 户</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 households · seed %4</source>
        <translation>%1 · %2 · %3 户 · 随机种子 %4</translation>
    </message>
    <message>
        <source>Cannot draw a sample</source>
        <translation>无法抽取样本</translation>
    </message>
    <message>
        <source>Cannot record the outcome</source>
        <translation>无法记录核查结果</translation>
    </message>
    <message>
        <source>Checked on</source>
        <translation>核查日期</translation>
    </message>
    <message>
        <source>Confirmed covered</source>
        <translation>核实已覆盖</translation>
    </message>
    <message>
        <source>Could not check</source>
        <translation>未能核查</translation>
    </message>
    <message>
        <source>Draw sample</source>
        <translation>抽取样本</translation>
    </message>
    <message>
        <source>Draw sample in %1</source>
        <translation>在%1抽取样本</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Households per village</source>
        <translation>每村户数</translation>
    </message>
    <message>
        <source>Not as recorded</source>
        <translation>与登记不符</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>核查结果</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>Percent per village</source>
        <translation>每村百分比</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Seed of the draw: the same seed gives the same sample</source>
        <translation>抽样的随机种子：同一种子抽出同样的户</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <source>%1 changes and %2 photos written to %3.</source>
        <translation>已把 %1 条变更和 %2 张照片写入 %3。</translation>
    </message>
    <message>
        <source>&amp;Conflicts and duplicate households…</source>
        <translation>冲突与疑似重复户(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Export bundle for the county…</source>
        <translation>导出同步包给县里(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Laptops and enrolment…</source>
        <translation>笔记本登记(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Merge sync bundles…</source>
        <translation>合并同步包(&amp;M)…</translation>
    </message>
    <message>
        <source>Bundle written</source>
        <translation>同步包已写出</translation>
    </message>
    <message>
        <source>Export sync bundle</source>
        <translation>导出同步包</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Make &amp;reference bundle for a township…</source>
        <translation>为乡镇生成参考包(&amp;R)…</translation>
    </message>
    <message>
        <source>Only the township's enrolled laptops can open it. A new laptop is enrolled first: Sync › Laptops and enrolment.</source>
        <translation>只有本乡镇已登记的笔记本能打开它。新笔记本要先登记：同步 › 笔记本登记。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Passphrase of this database's private key:</source>
        <translation>本数据库私钥的口令：</translation>
    </message>
    <message>
        <source>Reference bundle</source>
        <translation>参考包</translation>
    </message>
    <message>
        <source>Reference bundle for %1 enrolled laptops: %2 households, %3 villages.</source>
        <translation>参考包发给 %1 台已登记的笔记本：%2 户，%3 个村。</translation>
    </message>
    <message>
        <source>Reference bundle written</source>
        <translation>参考包已写出</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <source>Save reference bundle</source>
        <translation>保存参考包</translation>
    </message>
    <message>
        <source>Sync bundles (*.fab)</source>
        <translation>同步包 (*.fab)</translation>
    </message>
    <message>
        <source>Township:</source>
        <translation>乡镇：</translation>
    </message>
    <message>
        <source>Writing reference bundle…</source>
        <translation>正在写出参考包…</translation>
    </message>
    <message>
        <source>Wrong passphrase; %1 tries left. Passphrase of this database's private key:</source>
        <translation>口令不正确，还可以再试 %1 次。本数据库私钥的口令：</translation>
    </message>
</context>
<context>
    <name>TraceDialog</name>
    <message>
        <source>%1 point(s)</source>
        <translation>%1 个点</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Click to add points; Backspace or the right button takes the last one back; Enter or a double-click finishes; Esc cancels. At most %1 points.</source>
        <translation>单击添加点；退格键或右键撤销上一个点；回车或双击完成；Esc 取消。最多 %1 个点。</translation>
    </message>
    <message>
        <source>Click where the point is. Enter or a double-click uses it; Esc cancels.</source>
        <translation>在地图上单击位置；回车或双击确定；Esc 取消。</translation>
    </message>
    <message>
        <source>Draw the area on the map</source>
        <translation>在地图上画出区域</translation>
    </message>
    <message>
        <source>Draw the line on the map</source>
        <translation>在地图上画出路线</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Loading the village map…</source>
        <translation>正在读取村庄地图…</translation>
    </message>
    <message>
        <source>Place the point on the map</source>
        <translation>在地图上选点</translation>
    </message>
    <message>
        <source>The map cannot be read: %1</source>
        <translation>无法读取地图：%1</translation>
    </message>
    <message>
        <source>Undo last point</source>
        <translation>撤销上一个点</translation>
    </message>
    <message>
        <source>area %1 m²</source>
        <translation>面积 %1 平方米</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Does not match</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>Matches the database</source>
        <translation>与数据库一致</translation>
    </message>
    <message>
        <source>Scan here</source>
        <translation>在此扫码</translation>
    </message>
    <message>
        <source>Scan the QR code at the top right of a printed page with the scanner, or type the check code printed at the bottom left, then press Enter.</source>
        <translation>用扫码枪扫描已打印页面右上角的二维码，或输入页面左下角印的核验码，然后按回车。</translation>
    </message>
    <message>
        <source>Verify a printed sheet</source>
        <translation>核验已打印的核查表</translation>
    </message>
</context>
<context>
    <name>VisitFormDialog</name>
    <message>
        <source>Cannot open the checklist</source>
        <translation>无法打开核查表</translation>
    </message>
    <message>
        <source>Visit checklist — %1</source>
        <translation>入户核查 — %1</translation>
    </message>
</context>
<context>
    <name>VisitFormRows</name>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Draw on map…</source>
        <translation>在地图上画…</translation>
    </message>
    <message>
        <source>F4 in the answer box opens the map</source>
        <translation>在答案框中按 F4 打开地图</translation>
    </message>
    <message>
        <source>GPS receiver…</source>
        <translation>GPS 接收机…</translation>
    </message>
    <message>
        <source>Place on map…</source>
        <translation>在地图上选点…</translation>
    </message>
    <message>
        <source>Use household location</source>
        <translation>使用本户坐标</translation>
    </message>
    <message>
        <source>e.g. 2026-03-01T08:30</source>
        <translation>如 2026-03-01T08:30</translation>
    </message>
    <message>
        <source>hour:minute, e.g. 08:30</source>
        <translation>时:分，如 08:30</translation>
    </message>
    <message>
        <source>latitude longitude, e.g. 35.60 110.98</source>
        <translation>纬度 经度，如 35.60 110.98</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>points: latitude longitude; latitude longitude; ...</source>
        <translation>各点：纬度 经度; 纬度 经度; ...</translation>
    </message>
    <message>
        <source>scan the code or type it</source>
        <translation>扫码或手工输入</translation>
    </message>
    <message>
        <source>whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>year-month-day, e.g. 2026-03-01</source>
        <translation>年-月-日，如 2026-03-01</translation>
    </message>
</context>
<context>
    <name>VisitFormWidget</name>
    <message>
        <source>%1 question(s) still to answer or correct — show</source>
        <translation>还有 %1 项需要填写或更正 — 查看</translation>
    </message>
    <message>
        <source>Allowed files (%1)</source>
        <translation>可用文件 (%1)</translation>
    </message>
    <message>
        <source>Cannot attach this file</source>
        <translation>无法附上这个文件</translation>
    </message>
    <message>
        <source>Cannot reopen the visit</source>
        <translation>无法重新打开本次核查</translation>
    </message>
    <message>
        <source>Cannot store the signature</source>
        <translation>无法保存签名</translation>
    </message>
    <message>
        <source>Cannot use this photo</source>
        <translation>无法使用这张照片</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <source>Choose a recording</source>
        <translation>选择录音文件</translation>
    </message>
    <message>
        <source>Choose a video</source>
        <translation>选择视频文件</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Complete (Ctrl+Enter)</source>
        <translation>完成核查 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Correct this visit</source>
        <translation>修改本次核查</translation>
    </message>
    <message>
        <source>Draft saved %1</source>
        <translation>草稿已保存 %1</translation>
    </message>
    <message>
        <source>Filled in with form version %1; the current version is %2.</source>
        <translation>本记录用表单版本 %1 填写，当前版本为 %2。</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>%1组</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>修改记录…</translation>
    </message>
    <message>
        <source>New visit (saved at the first answer)</source>
        <translation>新核查（填第一项时自动保存）</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Other answers (older form version)</source>
        <translation>其他答案（旧版表单）</translation>
    </message>
    <message>
        <source>Pictures (%1)</source>
        <translation>图片 (%1)</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Reading the photo…</source>
        <translation>正在读取照片…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove %1 %2 (%3)?</source>
        <translation>删除%1 %2（%3）？</translation>
    </message>
    <message>
        <source>The visit cannot be completed yet</source>
        <translation>暂时不能完成这次走访</translation>
    </message>
    <message>
        <source>The visit was not completed</source>
        <translation>本次核查未能完成</translation>
    </message>
</context>
<context>
    <name>WorkOrderDialog</name>
    <message>
        <source>%1 households without an active work order will get one.</source>
        <translation>将给 %1 户尚无工单的户派单。</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>From the reason (install or repair)</source>
        <translation>按未覆盖原因（安装或维修）</translation>
    </message>
    <message>
        <source>Hand over paid subscriber</source>
        <translation>付费用户移交</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>安装</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>运营商</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>Work orders for the operator</source>
        <translation>给运营商派单</translation>
    </message>
</context>
</TS>
