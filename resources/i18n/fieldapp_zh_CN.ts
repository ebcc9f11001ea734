<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>HouseholdDetail</name>
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
        <source>Search name, pinyin initials, phone…</source>
        <translation>搜索姓名、拼音首字母、电话…</translation>
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
        <source>County</source>
        <translation>县</translation>
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
        <source>No database open</source>
        <translation>未打开数据库</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>最近打开</translation>
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
</TS>
