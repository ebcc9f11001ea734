"""The error catalogue: every user-facing error message as a code with a Chinese and an English
template (the pattern of pyxform's ErrorCode).  Raise with the code and parameters:

    raise GeoError(ErrorCode.GEO_NO_FEATURES, where=str(path), layer=name)

FieldappError.text("en") gives the English sentence, ``str(exc)`` and ``exc.message`` the Chinese
one; ``exc.code`` is the stable code the CLI prints with ``--json``.  Templates use ``{name}``
fields filled from the parameters (not named code, where or message: those are the error's own).  Add new messages here or in the chapter of their
part (messages_sync, messages_files, messages_form, messages_verify, messages_store,
messages_cli); tests/core/test_messages.py checks that
both languages use the same fields.
"""

from __future__ import annotations

from enum import Enum

from .message_template import Said, Template, Words, chapter, listing
from .messages_cli import CliMessages
from .messages_files import FileMessages
from .messages_form import FormMessages
from .messages_inputs import InputMessages
from .messages_rows import RowMessages
from .messages_store import StoreMessages
from .messages_sync import SyncMessages
from .messages_verify import VerifyMessages

__all__ = ["ErrorCode", "Said", "Template", "Words", "listing"]


class ErrorCode(Enum):
    # ---- store: opening and writing the database file ------------------------------------
    DB_EXISTS = Template("文件已存在，不会覆盖", "The file already exists; it is not overwritten")
    DB_DIR_MISSING = Template("目录不存在", "The folder does not exist")
    DB_DIR_READONLY = Template("目录不可写", "The folder cannot be written to")
    DB_MISSING = Template("数据库文件不存在", "The database file does not exist")
    DB_IS_FOLDER = Template("这是一个文件夹，不是数据库文件", "This is a folder, not a database file")
    DB_FILE_READONLY = Template("数据库文件只读，无法写入", "The database file is read-only")
    DB_NOT_FIELDAPP = Template("不是 fieldapp 数据库文件", "Not a fieldapp database file")
    DB_SQLITE_NOT_FIELDAPP = Template("是 SQLite 文件，但不是 fieldapp 数据库",
                                      "An SQLite file, but not a fieldapp database")
    DB_NEWER = Template("数据库版本 {version} 比本程序支持的版本 {supported} 新，请升级程序",
                        "The database is version {version}, newer than this program's "
                        "{supported}: upgrade the program")
    DB_NEEDS_UPGRADE = Template(
        "数据库是旧版本（{version}），需要先升级到 {supported}，但以只读方式打开",
        "The database is an older version ({version}) and needs upgrading to {supported}, but "
        "it was opened read-only")
    DB_NESTED = Template("嵌套事务", "Nested transaction")
    DB_CORRUPT = Template("数据库已损坏，请用备份恢复", "The database is damaged: restore a backup")
    DB_READONLY = Template("数据库只读，无法写入", "The database is read-only")
    DB_LOCKED = Template("数据库正被另一个程序使用，请稍后再试",
                         "Another program is using the database; try again shortly")
    DB_DISK_FULL = Template("磁盘已满，未写入任何数据", "The disk is full; nothing was written",
                            "disk_full")
    DB_ERROR = Template("数据库错误: {detail}", "Database error: {detail}")

    # ---- jobs: cancelled work (one Cancelled exception, fieldapp.core.progress) --------------
    CANCELLED = Template("已取消，数据库未改动", "Cancelled; the database was not changed",
                         "cancelled")
    CANCELLED_IMPORT = Template("导入已取消，数据库未做任何改动",
                                "Import cancelled; nothing was changed in the database",
                                "cancelled")
    CANCELLED_MERGE = Template("合并已取消，数据库未做任何改动",
                               "Merge cancelled; nothing was changed in the database",
                               "cancelled")
    CANCELLED_UNDO = Template("撤销已取消，数据库未做任何改动",
                              "Undo cancelled; nothing was changed in the database", "cancelled")
    CANCELLED_BACKUP = Template("备份已取消", "Backup cancelled", "cancelled")
    CANCELLED_CHECK = Template("已取消检查", "Check cancelled", "cancelled")
    CANCELLED_FILES = Template("已取消，未写入任何文件", "Cancelled; no file was written",
                               "cancelled")
    CANCELLED_EXPORT = Template("已取消导出，未写入文件", "Export cancelled; no file was written",
                                "cancelled")
    CANCELLED_REPORT = Template("已取消，未写入报表", "Cancelled; the report was not written",
                                "cancelled")

    # ---- core ---------------------------------------------------------------------------------
    APP_DATA_FOLDER = Template("无法创建数据文件夹（{reason}）",
                               "Cannot create the data folder ({reason})")
    PASSPHRASE_TOO_SHORT = Template(
        "口令太短：至少需要 {min_length} 个字符（空格不算）。建议用一句自己记得住、别人猜不到的话，"
        "例如几个词加数字",
        "The passphrase is too short: it needs at least {min_length} characters (spaces do not "
        "count). Use a sentence you remember and others cannot guess, e.g. a few words and "
        "numbers")
    PASSPHRASE_DIGITS_ONLY = Template(
        "只有数字的口令容易被猜中（生日、电话、身份证号）：请加入文字，或至少用 {min_digits} 位数字"
        "（口令至少 {min_length} 个字符）",
        "A passphrase of digits alone is easy to guess (birthdays, phone or ID numbers): add "
        "words, or use at least {min_digits} digits (at least {min_length} characters)")
    PASSPHRASE_COMMON = Template(
        "口令太常见，容易被猜中：不能用常见口令（如 1234567890、password123、woaini1314）、"
        "键盘或数字连排、重复的字符，或常见词加数字。请换一句自己记得住、别人猜不到的话"
        "（至少 {min_length} 个字符）",
        "The passphrase is too common and easy to guess: no common passwords (e.g. 1234567890, "
        "password123, woaini1314), keyboard or number runs, repeated characters, or a common "
        "word plus digits. Choose a sentence you remember and others cannot guess (at least "
        "{min_length} characters)")
    DIVISION_CODE = Template("区划代码应为 6、9 或 12 位数字: {value!r}",
                             "A division code has 6, 9 or 12 digits: {value!r}", "bad_code")
    UNKNOWN_COUNTY = Template("没有区县 {county} 的区划数据（可用: {available}）",
                              "No division data for county {county} (available: {available})",
                              "unknown_county")
    NO_AREAS = Template("没有区划，无法对账", "No areas to reconcile", "no_areas")
    POSITION_FORMAT = Template("位置应为 “纬度 经度”，例如 35.60 110.98",
                               "A position is \"latitude longitude\", e.g. 35.60 110.98",
                               "bad_position")
    POSITION_NOT_NUMBER = Template("位置不是数字: {text}", "The position is not a number: {text}",
                                   "bad_position")
    POSITION_ACCURACY = Template("定位精度不能为负数", "The accuracy cannot be negative",
                                 "bad_position")
    POSITION_NOT_FINITE = Template("位置应为有限的数字", "A position must be finite numbers",
                                   "bad_position")

    # ---- geo ----------------------------------------------------------------------------------
    CRS_SYNTAX = Template("不认识的坐标系 {text!r}：请写 EPSG:NNNN（如 EPSG:4490、EPSG:4546）或 gcj02",
                          "Unknown coordinate system {text!r}: write EPSG:NNNN (such as "
                          "EPSG:4490, EPSG:4546) or gcj02")
    CRS_UNKNOWN = Template("不认识的坐标系 {text!r}", "Unknown coordinate system {text!r}")
    CRS_OUT_OF_RANGE = Template("按坐标系 {crs} 换算后坐标超出经纬度范围，坐标系可能不对",
                                "Converted from {crs} the coordinates fall outside longitude and "
                                "latitude: the coordinate system is probably wrong")
    HOUSEHOLD_NOT_FOUND = Template("找不到户 {uuid}", "No household {uuid}")
    LON_LAT_PAIR = Template("经度和纬度必须同时给出", "Give both longitude and latitude")
    LON_LAT_RANGE = Template("坐标超出范围：{lon}, {lat}", "Coordinates out of range: {lon}, {lat}")
    # ---- reports --------------------------------------------------------------------------------
    FONT_MISSING = Template("找不到中文字体 wqy-microhei.ttc（应在 resources/fonts 中）",
                            "The Chinese font wqy-microhei.ttc is missing (it belongs in "
                            "resources/fonts)")
    NO_SUCH_HOUSEHOLD = Template("数据库中没有这一户", "This household is not in the database")
    NOT_A_TOWNSHIP = Template("不是乡镇的区划代码，或数据库中没有这个乡镇",
                              "Not a township code, or the township is not in the database")
    NOT_A_VILLAGE = Template("不是村（社区）的区划代码，或数据库中没有这个村",
                             "Not a village code, or the village is not in the database")
    REPORT_NOT_FOR_VILLAGE = Template("报表按区县或乡镇生成；村的情况请打印入户核查确认表",
                                      "Reports are made for a county or a township; for a village "
                                      "print the household verification sheets")
    GEO_EXPORT_TYPE = Template("导出文件应以 .gpkg 或 .geojson 结尾",
                               "The export file must end in .gpkg or .geojson")
    GEO_EXPORT_LAYER = Template("图层应为 households、villages 或 facilities，而不是 {layer!r}",
                                "The layer is households, villages or facilities, not {layer!r}")
    OUTPUT_FOLDER_MISSING_GEO = Template("目录不存在", "The folder does not exist")
    GEO_WRITE_FAILED = Template("写入失败：{reason}", "Writing failed: {reason}")
    QR_EMPTY = Template("二维码内容为空", "The QR code is empty")
    QR_FOREIGN = Template("不是本系统打印的核查表二维码: {shown}",
                          "Not the QR code of a sheet printed by fieldapp: {shown}")
    QR_BROKEN = Template("二维码内容不完整或有误（应为 HHT1-…，共 8 段）: {shown}",
                         "The QR code is incomplete or wrong (HHT1-..., 8 parts): {shown}")
    QR_UNSIGNED_V2 = Template("二维码中缺少县级签名（HHT2 应以签名结尾），内容不完整或被改动",
                              "The QR code lacks the county's signature (HHT2 ends with it): "
                              "incomplete or altered", "qr_unsigned")
    QR_PAGE = Template("二维码中的页码无效: 第 {page} 页 共 {pages} 页",
                       "The page number in the QR code is wrong: page {page} of {pages}")
    # ---- tabular --------------------------------------------------------------------------------
    OUTPUT_TYPE = Template("输出文件应为 {suffixes}", "The output file must be {suffixes}", "type")
    OUTPUT_FOLDER_MISSING = Template("输出目录不存在", "The output folder does not exist",
                                     "not_found")
    CANNOT_WRITE = Template("无法写入文件（{reason}）", "Cannot write the file ({reason})", "io")
    NOT_A_GAPS_LIST = Template("不是本程序导出的未覆盖户清单（缺“工单编号”或“完成日期”列）",
                               "Not a list of not-covered households exported by fieldapp (the "
                               "work order or completion date column is missing)", "no_column")
    # ---- gap follow-up: work orders and spot checks (store/households/gaps, store/spotcheck) ---
    WORK_ORDER_KIND = Template("工单类型应为 {kinds}", "A work order kind is one of {kinds}",
                               "work_order")
    WORK_ORDER_OPERATOR = Template("请填写负责的运营商", "Name the operator responsible",
                                   "work_order")
    WORK_ORDER_DUE_FORMAT = Template("截止日期格式应为 YYYY-MM-DD: {value}",
                                     "A due date is written YYYY-MM-DD: {value}", "work_order")
    WORK_ORDER_DUE_PAST = Template("截止日期 {due} 已经过去（今天是 {today}），请填今天或以后的日期",
                                   "The due date {due} has passed (today is {today}): give today "
                                   "or a later date", "due_date_past")
    WORK_ORDER_NOT_FOUND = Template("找不到工单 {order}", "No work order {order}", "not_found")
    WORK_ORDER_STATE = Template("工单状态不能从 {old} 改为 {new}",
                                "A work order cannot go from {old} to {new}", "work_order")
    SHORT_ID_AMBIGUOUS = Template("编号 {text} 对应 {count} 条{what}，请多写几位",
                                  "The id {text} matches {count} records ({what}): give more of it",
                                  "ambiguous_id")
    SPOT_CHECK_NOT_FOUND = Template("找不到抽查 {check}", "No spot check {check}", "not_found")
    SPOT_CHECK_ITEM_NOT_FOUND = Template("找不到抽查记录 {item}", "No spot-check item {item}",
                                         "not_found")

    # ---- survey: choice lists beside a form (select_one_from_file) ----------------------------
    CHOICE_FILE_TYPE = Template("选项文件只能是 .csv、.xml 或 .geojson：{file}",
                                "A choice file must be .csv, .xml or .geojson: {file}",
                                "bad_choice_file")
    CHOICE_FILE_GEOJSON = Template("选项文件 {file} 不是有效的 GeoJSON（FeatureCollection）：{reason}",
                                   "The choice file {file} is not a valid GeoJSON "
                                   "FeatureCollection: {reason}", "bad_choice_file")
    CHOICE_FILE_MISSING = Template("表单旁边找不到选项文件 {file}",
                                   "There is no choice file {file} beside the form",
                                   "bad_choice_file")
    CHOICE_FILE_TOO_BIG = Template("选项文件 {file} 超过 {megabytes} MB",
                                   "The choice file {file} is larger than {megabytes} MB",
                                   "bad_choice_file")
    CHOICE_FILE_TOO_MANY = Template("选项文件 {file} 超过 {limit} 项",
                                    "The choice file {file} has more than {limit} choices",
                                    "bad_choice_file")
    CHOICE_FILE_DUPLICATE = Template(
        "选项文件 {file} 第 {line} 行的 {column} {value} 与第 {first} 行重复",
        "Choice file {file}, line {line}: {column} {value} repeats line {first}",
        "bad_choice_file")
    CHOICE_FILE_EMPTY = Template("选项文件 {file} 没有任何选项（需要 {column} 列）",
                                 "The choice file {file} has no choices (it needs a {column} "
                                 "column)", "bad_choice_file")
    CHOICE_FILE_ENCODING = Template("选项文件 {file} 不是 UTF-8 或 GBK 文本",
                                    "The choice file {file} is not UTF-8 or GBK text",
                                    "bad_choice_file")
    CHOICE_FILE_ENTITIES = Template("选项文件 {file} 含有 DOCTYPE/ENTITY，不予读取",
                                    "The choice file {file} has a DOCTYPE or ENTITY; it is not "
                                    "read", "bad_choice_file")
    CHOICE_FILE_XML = Template("选项文件 {file} 不是有效的 XML：{reason}",
                               "The choice file {file} is not valid XML: {reason}",
                               "bad_choice_file")

    # ---- forms that travel (fieldapp form publish / list, reference bundles) -----------------
    FORM_PUBLISH_NOT_COUNTY = Template(
        "只有县级数据库能发布核查表：乡镇笔记本从县里的参考包接收",
        "Only a county database publishes checklists: laptops receive them in reference bundles",
        "not_county")
    FORM_PUBLISH_NOT_NEWER = Template(
        "{file}：表单 {form_id} 的版本 {version} 不比正在使用的版本 {current} 新。请在 settings "
        "表的 version 列写一个更大的版本号（如日期 2026120601）再发布",
        "{file}: version {version} of form {form_id} is not newer than the version in use "
        "({current}). Write a higher version in the settings sheet's version column (such as "
        "the date 2026120601) and publish again", "form_not_newer")
    FORM_PUBLISH_UNKNOWN_ID = Template(
        "{file}：settings 表的 form_id 是 {form_id}，本程序只使用核查表 {known}。请把 form_id "
        "改成要替换的核查表的 form_id",
        "{file}: the settings sheet's form_id is {form_id}; this program uses only the "
        "checklists {known}. Set form_id to the form_id of the checklist it replaces",
        "form_unknown_id")
    FORM_PUBLISH_MISSING_FILES = Template(
        "{file}：表单旁边缺少它用到的文件 {files}，请放到表单所在文件夹后再发布",
        "{file}: the files it uses are not beside it: {files}; put them in the form's folder, "
        "then publish", "missing_file")
    FORM_PUBLISH_TOO_MANY_FILES = Template(
        "{file}：用到 {count} 个选项文件，超过参考包允许的 {limit} 个",
        "{file}: it uses {count} choice files, more than the {limit} a reference bundle carries",
        "too_large")
    FORM_PUBLISH_DROPS_COVERAGE = Template(
        "{file}：核查表缺少计算覆盖状态所需的题目或选项（覆盖标准 {rule}）：{missing}。请保留这些"
        "题目的 name 和选项值（不放在重复组里）后再发布",
        "{file}: the checklist lacks questions or choices the coverage status needs (coverage "
        "rule {rule}): {missing}. Keep these questions' names and choice values (outside any "
        "repeat) and publish again", "form_drops_coverage")
    FORM_VERSION_MISSING = Template(
        "找不到表单 {form_id} 的版本 {version}（本库没有，程序也没有附带）",
        "Version {version} of form {form_id} is not in the database nor shipped with the "
        "program", "form_not_found")
    BUNDLE_FORM_MISMATCH = Template(
        "参考包里的表单 {form_id} 版本 {version}（{member}）与包内清单的校验值不符，整个参考包"
        "被拒收，本库没有改动",
        "The form {form_id} version {version} in the reference bundle ({member}) does not "
        "match the bundle's list of checksums; the whole bundle is refused and nothing changed",
        "bundle_rejected")
    BUNDLE_FORM_UNUSABLE = Template(
        "参考包里的表单 {form_id} 版本 {version} 不能使用：{reason}。整个参考包被拒收，本库没有改动",
        "The form {form_id} version {version} in the reference bundle cannot be used: "
        "{reason}. The whole bundle is refused and nothing changed", "bundle_rejected")
    # ---- cli: divisions named by the user ----------------------------------------------------
    AREA_NOT_FOUND = Template(
        "{option} {text}: 数据库中没有这个{what}（按区划代码、名称或拼音查找；可用 fieldapp divisions 查看）",
        "{option} {text}: no such area ({what}) in the database (looked up by code, name or pinyin; "
        "fieldapp divisions lists them)", "area_not_found")
    AREA_AMBIGUOUS = Template(
        "{option} {text} 对应多个{what}：{shown}{more}。请给出区划代码或完整名称",
        "{option} {text} matches several areas ({what}): {shown}{more}. Give the code or the full name",
        "area_ambiguous")
    # ---- store: databases in use, change stamps ----------------------------------------------
    DATABASE_IN_USE = Template(
        "数据库正被其他程序使用（已打开的 fieldapp 窗口或正在运行的命令），请先关闭它们再试；"
        "没有删除或替换任何文件",
        "The database is open in another program (a fieldapp window or a running command): close "
        "it and try again; no file was deleted or replaced", "in_use")
    BUNDLE_FUTURE_STAMPS = Template(
        "设备 {device} 的 {count} 条变更时间在未来（最晚 {latest}），超出允许的 {hours} 小时误差："
        "请把那台电脑的日期时间改对后重新导出",
        "{count} changes of device {device} are stamped in the future (latest {latest}), beyond "
        "the allowed {hours} hours: set that computer's date and time right and export again",
        "future_stamps")
    # ---- bounded inputs (docs/limits.md) -------------------------------------------------------
    FILE_TOO_LARGE = Template("文件太大（{size_mib} MiB，上限 {limit_mib} MiB）",
                              "The file is too large ({size_mib} MiB, limit {limit_mib} MiB)",
                              "too_large")
    ZIP_BROKEN = Template("压缩文件已损坏（{reason}）", "The zip file is damaged ({reason})",
                          "broken")
    ZIP_TOO_MANY_MEMBERS = Template("压缩文件中的成员太多（{count} 个，上限 {limit}）",
                                    "The zip file has too many members ({count}, limit {limit})",
                                    "too_large")
    ZIP_MEMBER_TOO_LARGE = Template(
        "其中的 {member} 解压后太大（{size_mib} MiB，上限 {limit_mib} MiB），已拒绝",
        "Its member {member} is too large once inflated ({size_mib} MiB, limit {limit_mib} MiB); "
        "refused", "too_large")
    ZIP_MEMBER_RATIO = Template(
        "其中的 {member} 压缩比过高（{compressed_kib} KiB 解压为 {size_mib} MiB，超过 {limit} 倍）："
        "可能是恶意的“压缩炸弹”，已拒绝",
        "Its member {member} is compressed too far ({compressed_kib} KiB inflate to {size_mib} "
        "MiB, more than {limit} times): possibly a malicious zip bomb; refused", "too_large")
    ZIP_TOTAL_TOO_LARGE = Template(
        "解压后的总大小超过上限 {limit_mib} MiB（到成员 {member} 为止），已拒绝",
        "Inflated, the members exceed {limit_mib} MiB in total (up to {member}); refused",
        "too_large")
    ZIP_MEMBER_GREW = Template(
        "其中的 {member} 解压时超过了声明的大小或上限 {limit_mib} MiB：文件已损坏或被篡改，已拒绝",
        "Its member {member} grew past its declared size or the limit of {limit_mib} MiB while "
        "inflating: damaged or tampered with; refused", "too_large")
    ZIP_METHOD = Template(
        "其中的 {member} 用了本程序不支持的压缩方式（编号 {method}）：请用 Excel 或 WPS 重新保存"
        "（或用普通的 zip 压缩），已拒绝",
        "Its member {member} uses a compression method this program does not support (number "
        "{method}): save it again with Excel or WPS (or use plain zip compression); refused",
        "broken")
    XLSX_DIMENSION = Template(
        "工作表 {sheet} 声明的范围太大（{rows} 行 × {cols} 列，上限 {max_rows} 行 × {max_cols} 列）",
        "The worksheet {sheet} declares too large a range ({rows} rows x {cols} columns, limit "
        "{max_rows} x {max_cols})", "too_large")
    TABLE_TOO_MANY_ROWS = Template("表格 {sheet} 超过 {limit} 行，已拒绝（请分成几个文件导入）",
                                   "The table {sheet} has more than {limit} rows; refused (split "
                                   "it into several files)", "too_large")
    TABLE_TOO_MANY_COLUMNS = Template(
        "表格 {sheet} 第 {row} 行有 {count} 列，超过上限 {limit} 列，已拒绝",
        "Row {row} of the table {sheet} has {count} columns, more than the limit of {limit}; "
        "refused", "too_large")
    TABLE_CELL_TOO_LONG = Template(
        "表格 {sheet} 第 {row} 行第 {column} 列的内容太长（{length} 个字符，上限 {limit}），已拒绝",
        "Row {row}, column {column} of the table {sheet} is too long ({length} characters, limit "
        "{limit}); refused", "too_large")
    INPUT_IS_FOLDER = Template("这是一个文件夹，不是文件", "This is a folder, not a file",
                               "not_a_file")
    CSV_BROKEN = Template("CSV 格式错误（{reason}）", "Malformed CSV ({reason})", "broken")
    CSV_ENCODING = Template(
        "无法识别文件编码：不是能完整解码的 UTF-8、UTF-16、GB18030（GBK）或 Big5 文本，或找不到表头行；"
        "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入",
        "Cannot tell the text encoding: not cleanly UTF-8, UTF-16, GB18030 (GBK) or Big5, or no "
        "header row found; save it from Excel as \"CSV UTF-8 (comma delimited)\" and import again",
        "encoding")
    JSON_TOO_DEEP = Template("{member} 的 JSON 嵌套超过 {limit} 层，已拒绝",
                             "{member}: the JSON is nested deeper than {limit} levels; refused",
                             "too_deep")
    BUNDLE_HEADER_TOO_LARGE = Template(
        "同步包的包头太大（{size} 字节，上限 {limit} 字节）：文件已损坏或被篡改，已拒绝",
        "The bundle header is too large ({size} bytes, limit {limit}): damaged or tampered "
        "with; refused", "too_large")
    NOT_FINITE = Template("第 {row} 行 {field}: 不是有限的数字（{value}），已拒绝",
                          "Row {row}, {field}: not a finite number ({value}); refused",
                          "not_finite")
    BUNDLE_BAD_NUMBER = Template(
        "同步包中的变更 {version} 的字段 {field} 不是有限的数字或超出范围（{value}），整包已拒绝",
        "Change {version} in the bundle: {field} is not a finite number or out of range "
        "({value}); the whole bundle is refused", "bad_value")
    TOO_MANY_VERTICES = Template("边界共有 {count} 个顶点，超过上限 {limit}：请先简化边界再导入",
                                 "The boundaries have {count} vertices, more than the limit of "
                                 "{limit}: simplify them and import again", "too_large")
    MBTILES_TOO_LARGE = Template("底图文件太大（{size_mib} MiB，上限 {limit_mib} MiB）",
                                 "The basemap file is too large ({size_mib} MiB, limit "
                                 "{limit_mib} MiB)", "too_large")
    MBTILES_SCHEMA = Template(
        "不是可用的 MBTiles 底图：缺少 tiles 表（或视图）及其 zoom_level、tile_column、tile_row、"
        "tile_data 列（{reason}）",
        "Not a usable MBTiles basemap: the tiles table (or view) with zoom_level, tile_column, "
        "tile_row and tile_data is missing ({reason})", "mbtiles_schema")
    MBTILES_TIMEOUT = Template(
        "底图查询超过 {limit_ms} 毫秒仍未完成（tiles 可能是递归或过于复杂的视图），已停止并拒绝该底图",
        "A basemap query took longer than {limit_ms} ms (tiles may be a recursive or too complex "
        "view); stopped and the basemap refused", "mbtiles_timeout")
    # ---- registers of service points and terminals; township assessment (seed 2) ------------
    FACILITY_NO_COLUMN = Template("表头里没有“{column}”列（第 {row} 行是表头）",
                                  "The header (row {row}) has no column \"{column}\"",
                                  "facility_no_column")
    FACILITY_EMPTY = Template("第 {row} 行“{column}”为空", "Row {row}: \"{column}\" is empty",
                              "facility_empty")
    FACILITY_BAD_VALUE = Template("第 {row} 行“{column}”：“{value}”不是可用的值（可用：{allowed}）",
                                  "Row {row}, \"{column}\": \"{value}\" is not allowed "
                                  "(allowed: {allowed})", "facility_bad_value")
    FACILITY_NO_AREA = Template("第 {row} 行“{column}”：数据库中没有“{value}”{detail}",
                                "Row {row}, \"{column}\": no \"{value}\" in the database{detail}",
                                "facility_no_area")
    FACILITY_VILLAGE_OUTSIDE = Template("--village {value}：不在乡镇 {township} 内",
                                        "--village {value}: not in township {township}",
                                        "facility_bad_value")
    FACILITY_AGENCY_VILLAGE = Template("村级代办点要用 --village 给出所在村",
                                       "An agency point needs its village (--village)",
                                       "facility_bad_value")
    FACILITY_COORDINATE = Template("{option} {value}：应在 {low}–{high} 度之间（WGS-84）",
                                   "{option} {value}: must be {low} to {high} degrees (WGS-84)",
                                   "facility_bad_value")
    FACILITY_NO_ROWS = Template("文件里没有数据行", "The file has no data rows", "facility_no_rows")
    FACILITY_NEEDS_TOWNSHIP = Template("要登记在乡镇或村（社区）下：{value} 是区县",
                                       "Must be in a township or village: {value} is a county",
                                       "facility_needs_township")
    ASSESSMENT_INVALID = Template("考核办法文件无效：{detail}",
                                  "The assessment file is invalid: {detail}", "assessment_invalid")
    ASSESSMENT_MEASURE = Template(
        "考核办法第 {index} 项指标的 measure “{value}” 不可用（可用：{allowed}）",
        "Indicator {index} of the assessment: measure \"{value}\" is not available "
        "(available: {allowed})", "assessment_invalid")
    # ---- rollup (city and province roll-up on PostgreSQL/PostGIS) -----------------------------
    ROLLUP_NO_SERVER = Template(
        "没有指定汇总数据库：请用 --to/--from 给出 postgresql://… 地址，或设置环境变量 {env}"
        "（或 PGHOST、PGDATABASE 等）",
        "No roll-up database given: pass --to/--from postgresql://... or set {env} (or PGHOST, "
        "PGDATABASE, ...)", "rollup_no_server")
    ROLLUP_NO_DRIVER = Template("缺少 psycopg：请重新安装 fieldapp",
                                "psycopg is missing: reinstall fieldapp", "rollup_no_driver")
    ROLLUP_CONNECT = Template("连不上汇总数据库 {server}：{reason}",
                              "Cannot connect to the roll-up database {server}: {reason}",
                              "rollup_connect")
    ROLLUP_NOT_COUNTY = Template(
        "只有县级数据库可以汇总上报；乡镇笔记本请先把同步包交给县里合并",
        "Only a county database can be pushed; a township laptop hands its bundle to the county",
        "rollup_not_county")
    ROLLUP_NO_IDENTITY = Template("这个数据库没有区县代码或设备编号，不能汇总上报",
                                  "This database has no county code or device id to push with",
                                  "rollup_no_identity")
    ROLLUP_OTHER_SOURCE = Template(
        "{name}（{county_code}）已由另一个县级数据库上报过；如果这个数据库取代了原来的，请加 --replace "
        "重新上报（将按本库重新比对全部记录）",
        "{name} ({county_code}) was pushed from another county database; if this one replaces it, push "
        "again with --replace (every record is compared anew)", "rollup_other_source")
    ROLLUP_CANCELLED = Template("已取消；已上报的批次保留，下次上报从停下的地方继续",
                                "Cancelled; the batches sent are kept and the next push resumes",
                                "cancelled")
    ROLLUP_NO_COUNTIES = Template("汇总数据库里没有 {prefix} 开头的区县数据",
                                  "The roll-up database holds no county under {prefix}",
                                  "rollup_no_counties")
    ROLLUP_REPORT_TYPE = Template("报表文件应以 .pdf 或 .xlsx 结尾：{path}",
                                  "The report file must end in .pdf or .xlsx: {path}", "type")
    ROLLUP_NO_POSTGIS = Template(
        "汇总数据库服务器没有安装 PostGIS 扩展（Debian：postgresql-postgis）",
        "The roll-up server has no PostGIS extension (Debian: postgresql-postgis)",
        "rollup_no_postgis")
    ROLLUP_SCHEMA_NEWER = Template(
        "汇总数据库的结构版本 {found} 比本程序（{supported}）新，请升级 fieldapp",
        "The roll-up schema version {found} is newer than this program's ({supported}): "
        "upgrade fieldapp", "rollup_schema_newer")
    ROLLUP_NOT_INITIALISED = Template(
        "汇总数据库还没有初始化：请先运行 fieldapp rollup init",
        "The roll-up database is not initialised: run fieldapp rollup init first",
        "rollup_not_initialised")
    ROLLUP_SCHEMA_OTHER = Template(
        "汇总数据库的结构版本是 {found}，本程序需要 {supported}：请运行 fieldapp rollup init",
        "The roll-up schema version is {found}, this program needs {supported}: run fieldapp "
        "rollup init", "rollup_schema_other")
    ROLLUP_BATCH = Template("--batch 至少 100", "--batch must be at least 100", "bad_value")
    ROLLUP_NOT_CITY = Template("{value} 不是地级市代码", "{value} is not a city code", "bad_code")
    ROLLUP_NOT_PROVINCE = Template("{value} 不是省代码", "{value} is not a province code",
                                   "bad_code")

    # ---- the other chapters: sync and devices, files read, store and jobs, the command line ---
    locals().update(chapter(SyncMessages))
    locals().update(chapter(FileMessages))
    locals().update(chapter(StoreMessages))
    locals().update(chapter(CliMessages))
    locals().update(chapter(RowMessages))
    locals().update(chapter(InputMessages))
    locals().update(chapter(FormMessages))
    locals().update(chapter(VerifyMessages))

    @property
    def code(self) -> str:
        return self.value.code or self.name.lower()

    def text(self, language: str = "zh", **params) -> str:
        """The sentence; a parameter that is itself an entry (a word such as WORD_VILLAGE) is
        put in the same language."""
        template = self.value.en if language.startswith("en") else self.value.zh
        return template.format(**{k: v.text(language) if isinstance(v, (ErrorCode, Said, Words))
                                  else v for k, v in params.items()})
