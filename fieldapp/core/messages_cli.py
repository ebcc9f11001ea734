"""The error catalogue, chapter cli: the command line's own messages about its options
(fieldapp.cli).  Entries become members of ErrorCode."""

from __future__ import annotations

from .message_template import Template as T


class CliMessages:
    # ---- words used inside other messages (a parameter may be an entry: same language) -------
    WORD_COUNTY = T("区县", "county")
    WORD_TOWNSHIP = T("乡镇", "township")
    WORD_VILLAGE = T("村（社区）", "village")
    WORD_TOWNSHIP_OR_VILLAGE = T("乡镇或村（社区）", "township or village")
    WORD_AREA = T("区划", "area")
    WORD_HEAD_NAME = T("户主姓名", "head of household")
    WORD_VISIT_DATE = T("走访日期", "visit date")
    WORD_LON_LAT = T("经度/纬度", "longitude/latitude")
    AREA_AMBIGUOUS_MANY = T(
        "{option} {text} 对应多个{what}：{shown} 等 {count} 个。请给出区划代码或完整名称",
        "{option} {text} matches several areas ({what}): {shown} and more, {count} in all. Give "
        "the code or the full name", "area_ambiguous")
    # ---- options ------------------------------------------------------------------------------
    CLI_EXTRA_ARGUMENTS = T("多余的参数: {arguments}", "Unexpected arguments: {arguments}",
                            "usage")
    CLI_DATE = T("{option} 应为 YYYY-MM-DD: {value}", "{option} is a date YYYY-MM-DD: {value}",
                 "usage")
    CLI_NEGATIVE = T("{option} 不能为负数", "{option} cannot be negative", "usage")
    CLI_AT_LEAST = T("{option} 至少为 {minimum}", "{option} is at least {minimum}", "usage")
    CLI_POSITIVE_INTEGER = T("{option} 应为正整数: {value}",
                             "{option} is a positive whole number: {value}", "usage")
    CLI_CANNOT_READ = T("无法读取（{reason}）", "Cannot read it ({reason})", "io")
    CLI_BACKUP_OUTPUT = T("请用 -o FILE 指定备份文件（或 --auto REASON、--list）",
                          "Name the backup file with -o FILE (or use --auto REASON, --list)",
                          "usage")
    CLI_CHECK_FAILED = T("发现问题（{what}）", "Problems found ({what})", "check_failed")
    CLI_CHECK_UNFINISHED = T("检查未完成", "the check did not finish")
    CLI_RESOLVE_HOW = T("--resolve 需要 --keep ours|theirs 或 --value 之一",
                        "--resolve needs --keep ours|theirs or --value", "usage")
    CLI_DEMO_EXISTS = T("文件已存在，不会覆盖（要重建请加 --force）",
                        "The file exists and is not overwritten (add --force to rebuild it)",
                        "exists")
    CLI_GAPS_OUTPUT = T("请用 -o FILE.xlsx 指定输出文件（或 --json）",
                        "Name the output file with -o FILE.xlsx (or use --json)", "usage")
    CLI_REVISIT_AFTER = T("--revisit-after 应为正整数: {value}",
                          "--revisit-after must be a positive whole number: {value}", "usage")
    CLI_WORK_ORDER_WHICH = T("请给出工单号或 --from FILE.xlsx",
                             "Give work order numbers or --from FILE.xlsx", "usage")
    CLI_LAT_LON = T("--lat 和 --lon 要同时给出", "Give --lat and --lon together", "usage")
    CLI_INIT_COUNTY = T("--role county 需要 --county CODE（且不用 --from）",
                        "--role county needs --county CODE (and no --from)", "usage")
    CLI_NOT_A_COUNTY = T("{value} 不是区县代码", "{value} is not a county code", "bad_code")
    CLI_INIT_TOWNSHIP = T("--role township 需要 --from REFERENCE_BUNDLE（且不用 --county）",
                          "--role township needs --from REFERENCE_BUNDLE (and no --county)",
                          "usage")
    CLI_MAP_NOTHING_MATCHED = T("没有一条能匹配到本数据库（{first}），未写入",
                                "Nothing matches this database ({first}); nothing was written",
                                "no_match")
    CLI_MAP_NO_DATA = T("文件中没有可用的数据", "the file holds no usable data")
    CLI_HEADER_ROW = T("--header-row 应从 1 开始", "--header-row counts from 1", "usage")
    CLI_VILLAGE_OR_TOWNSHIP = T("--village 和 --township 只能给一个",
                                "Give --village or --township, not both", "usage")
    CLI_COLUMN_SPEC = T("--column {spec}: 应为 字段=列，字段为 {fields}",
                        "--column {spec}: write FIELD=COLUMN, FIELD one of {fields}", "usage")
    CLI_COLUMN_LETTER = T("--column {spec}: 列应为字母（D）或从 1 开始的序号",
                          "--column {spec}: the column is a letter (D) or a number from 1",
                          "usage")
    CLI_SHEETS_WHICH = T("请给出 --village、--township、--county 或 --household",
                         "Give --village, --township, --county or --household", "usage")
    CLI_SHEETS_OUTPUT = T("请用 -o 给出输出的 PDF 文件或文件夹",
                          "Give the output PDF file or folder with -o", "usage")
    CLI_SHEETS_VERIFY_USAGE = T("用法: fieldapp sheets verify DB 二维码内容",
                                "Usage: fieldapp sheets verify DB QR_TEXT", "usage")
