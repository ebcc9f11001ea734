"""The error catalogue, chapter store: the database's records, backups, checks and the jobs
over them (fieldapp.store, fieldapp.jobs).  Entries become members of ErrorCode."""

from __future__ import annotations

from .message_template import Template as T


class StoreMessages:
    DB_NO_TRANSACTION = T("内部错误：建索引需要在事务中进行",
                          "Internal error: building indexes needs an open transaction")
    # ---- backups ------------------------------------------------------------------------------
    BACKUP_EXISTS = T("备份文件已存在，不会覆盖", "The backup file exists already; it is not "
                      "overwritten")
    BACKUP_IS_DATABASE = T("备份文件不能与数据库是同一个文件",
                           "The backup file cannot be the database file itself")
    BACKUP_VERIFY_FAILED = T("备份文件校验失败（{reason}）",
                             "The backup file failed its check ({reason})")
    BACKUP_DAMAGED = T("备份文件已损坏（{reason}）", "The backup file is damaged ({reason})")
    BACKUP_SOURCE_CORRUPT = T("数据库已损坏，无法备份（请用较早的备份恢复）",
                              "The database is damaged and cannot be backed up (restore an "
                              "earlier backup)")
    BACKUP_DISK_FULL = T("磁盘已满，备份未完成（原数据库未受影响）",
                         "The disk is full; the backup is unfinished (the database itself is "
                         "unchanged)", "disk_full")
    BACKUP_NO_PERMISSION = T("没有写入权限，无法保存备份",
                             "No permission to write there: the backup cannot be saved")
    BACKUP_OS_FAILED = T("备份失败（{reason}）", "The backup failed ({reason})")
    BACKUP_OTHER_COUNTY = T("备份属于另一个区县（{backup}），不能用来恢复{current}的数据库",
                            "The backup belongs to another county ({backup}); it cannot "
                            "restore the database of {current}")
    # ---- basemaps -----------------------------------------------------------------------------
    MBTILES_MISSING = T("底图文件不存在", "The basemap file does not exist")
    MBTILES_UNREADABLE = T("无法读取底图：{reason}", "Cannot read the basemap: {reason}")
    MBTILES_EMPTY = T("底图中没有任何瓦片", "The basemap holds no tiles")
    # ---- profile, public places, imports, areas ----------------------------------------------
    PROFILE_ROLE = T("未知的角色“{role}”（可用：乡镇、县）",
                     "Unknown role \"{role}\" (township or county)")
    PROFILE_NO_TOWNSHIP = T("本数据库没有乡镇 {township}",
                            "This database has no township {township}")
    PROFILE_DEVICE_NAME = T("设备名称不能为空", "The device name cannot be empty")
    PLACE_NOT_UNDER_COUNTY = T("公共场所要登记在乡镇或村（社区）下，不能直接登记在区县下",
                               "A public place belongs to a township or village, not directly "
                               "to the county")
    AREA_CODE_UNKNOWN = T("数据库中没有这个区划代码", "This division code is not in the database")
    PLACE_NOT_FOUND = T("找不到这个公共场所（可能已被删除）",
                        "This public place is not found (it may have been deleted)")
    PLACE_NEEDS_AREA = T("新的公共场所要给出所属的乡镇或村",
                         "A new public place needs the township or village it belongs to")
    IMPORT_NOT_FOUND = T("没有编号为 {number} 的导入记录", "No import numbered {number}")
    IMPORT_UNDONE = T("第 {number} 次导入已于 {when} 撤销", "Import {number} was undone at {when}")
    IMPORT_TOO_OLD = T("第 {number} 次导入由旧版本程序完成，无法逐条撤销（可用导入前的自动备份恢复）",
                       "Import {number} was made by an older version and cannot be undone row "
                       "by row (restore the automatic backup made before it)")
    AREA_NOT_IN_DATABASE = T("没有区划代码为 {area} 的地区", "No area with the code {area}")
    # ---- spot checks --------------------------------------------------------------------------
    SPOT_CHECK_SIZE = T("请给出抽查比例或每村抽查户数（二选一）",
                        "Give either the share to check or the households per village")
    SPOT_CHECK_PERCENT = T("抽查比例应在 0–100 之间: {percent}",
                           "The share to check is between 0 and 100: {percent}")
    SPOT_CHECK_COUNT = T("每村抽查户数应至少为 1: {count}",
                         "Households per village must be at least 1: {count}")
    SPOT_CHECK_NOTHING = T("该地区没有已覆盖的户，无法抽查",
                           "The area has no covered household to check")
    SPOT_CHECK_OUTCOME = T("核查结果应为 {outcomes}", "The outcome is one of {outcomes}")
    # ---- the change log (sync_log.changes) ----------------------------------------------------
    SYNC_TABLE = T("不可同步的表: {table}", "Not a synchronised table: {table}")
    SYNC_NO_FIELDS = T("{table} 没有字段: {fields}", "{table} has no fields {fields}")
    SYNC_NO_RECORD = T("{table} 中找不到记录 {key}", "{table} has no record {key}")
    SYNC_NOT_CLEARABLE = T("{table} 不能批量清除字段: {fields}",
                           "{table} cannot clear the fields {fields} in bulk")
    # ---- reports, sheets, demo ----------------------------------------------------------------
    REPORT_FILE_TYPE = T("报表文件名应以 .pdf 或 .xlsx 结尾",
                         "The report file name must end in .pdf or .xlsx")
    SHEETS_IS_FOLDER = T("这是一个文件夹；合并输出请给出 .pdf 文件名",
                         "This is a folder; for one combined file give a .pdf name")
    SHEETS_IS_FILE = T("已存在同名文件；按村分文件输出请给出文件夹",
                       "A file of that name exists; for one file per village give a folder")
    SHEETS_NO_VILLAGES = T("这个区域下没有村（社区）", "This area has no villages")
    SHEETS_NO_PROCESSES = T("无法启动并行的生成进程，请用 --processes 1 重试",
                            "Cannot start the parallel workers: try again with --processes 1")
    DEMO_COUNTY = T("演示数据只支持区县 {counties}", "Demo data exists for the counties {counties} "
                    "only")
    # ---- fieldapp check: one example line of a finding (store.check) -------------------------
    CHECK_FK = T("{table} → {parent}: {count} 行", "{table} -> {parent}: {count} rows")
    CHECK_DEVICE_UNKNOWN = T("设备 {device} 有变更（计数到 {high}），但设备表中没有它",
                             "Device {device} has changes (counting to {high}) but is not in "
                             "the device table")
    CHECK_COUNTER_ABOVE = T("设备 {device} 的变更计数到 {high}，超过设备表记录的 {last}",
                            "Device {device}'s changes count to {high}, above the {last} the "
                            "device table holds")
    CHECK_COUNTER_TWICE = T("设备 {device} 的计数 {counter} 用了 {count} 次",
                            "Device {device} used the counter {counter} {count} times")
    CHECK_STAMP_BAD = T("设备 {device} 第 {counter} 号变更的时间戳无效：{stamp}",
                        "Change {counter} of device {device} has an invalid time stamp: {stamp}")
    CHECK_STAMP_FUTURE = T("设备 {device} 第 {counter} 号变更的时间在未来：{stamp}",
                           "Change {counter} of device {device} is in the future: {stamp}")
    CHECK_STAMP_BACKWARDS = T("设备 {device} 第 {counter} 号变更的时间早于它的上一号变更",
                              "Change {counter} of device {device} is earlier than the one "
                              "before it")
    CHECK_RECORD_STAMP = T("{table} {uuid} 的时间戳无效或在未来：{stamp}",
                           "{table} {uuid} has an invalid or future time stamp: {stamp}")
    CHECK_VERSION_UNLOGGED = T("{table} {uuid}: 版本 {device}:{counter} 不在变更日志中",
                               "{table} {uuid}: version {device}:{counter} is not in the change "
                               "log")
    CHECK_VERSION_ELSEWHERE = T(
        "{table} {uuid}: 版本 {device}:{counter} 在日志中属于 {other} {target}",
        "{table} {uuid}: version {device}:{counter} belongs to {other} {target} in the log")
    CHECK_CHANGE_NO_RECORD = T("变更 #{seq}: {table} {uuid} 不存在",
                               "Change #{seq}: {table} {uuid} does not exist")
    CHECK_CHANGE_NO_TABLE = T("变更 #{seq}: 未知的表 {table}", "Change #{seq}: unknown table {table}")
    CHECK_PHOTO_MISSING = T("{table} {uuid}: 附件 {sha}", "{table} {uuid}: attachment {sha}")
    CHECK_STATUS = T("households {uuid}: {status}/{reason} 应为 {want_status}/{want_reason}",
                     "households {uuid}: {status}/{reason} should be {want_status}/{want_reason}")
    # ---- why undoing an import keeps a record (store/register_imports/import_log.py) ----------
    KEPT_CHANGED = T("导入后已被修改，保留", "changed after the import; kept")
    KEPT_PARTLY = T("部分字段导入后又被修改，保留修改后的值",
                    "some fields changed after the import; their new values are kept")
    KEPT_WORK_ORDERS = T("已有工单，保留", "has work orders; kept")
    KEPT_VISITS = T("已有走访记录，保留", "has visits; kept")
