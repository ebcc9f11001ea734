"""The error catalogue, chapter rows: problems found in one row of a file read (the household
register; ID numbers and phones wherever they are checked).  A row keeps the entry and its
parameters (message_template.Said) and is rendered in the user's language where it is shown;
the Chinese sentences are those the rejects workbooks have always carried."""

from __future__ import annotations

from .message_template import Template as T


class RowMessages:
    # ---- ID numbers and phones (core.idcard) ------------------------------------------------
    ID_LENGTH = T("身份证号应为 18 位（实际 {length} 位）",
                  "An ID number has 18 characters (this one has {length})")
    ID_CHARACTERS = T("身份证号只能是数字，末位可为 X",
                      "An ID number is digits only, the last may be X")
    ID_BIRTH_DATE = T("身份证号中的出生日期无效", "The birth date inside the ID number is invalid")
    ID_CHECK_DIGIT = T("身份证号校验位错误", "The ID number's check digit is wrong")
    ID_STORED_AS_NUMBER = T(
        "身份证号被存成了数字，末几位已丢失（请把该列设为文本后重新导出）",
        "The ID number was stored as a number and its last digits are lost (make the column "
        "text and export again)")
    ID_SCIENTIFIC = T(
        "身份证号被存成了科学计数法，末几位已丢失（请把该列设为文本后重新导出）",
        "The ID number was stored in scientific notation and its last digits are lost (make "
        "the column text and export again)")
    PHONE_FORMAT = T("电话号码格式无效: {phone}", "Not a valid phone number: {phone}")
    # ---- register rows (core.register_rows) -------------------------------------------------
    ROW_NO_HEAD_NAME = T("缺少户主姓名", "The head of household's name is missing")
    ROW_BAD_HEAD_NAME = T("户主姓名无效: {name}", "Not a valid head of household's name: {name}")
    ROW_SIZE_NOT_FINITE = T("家庭人口（{column} 列）不是有限的数字: {value}",
                            "The household size (column {column}) is not a finite number: "
                            "{value}")
    ROW_SIZE_DROPPED = T("家庭人口无效，未导入: {value}",
                         "Not a valid household size, left out: {value}")
    ROW_PHONE_DROPPED = T("电话号码无效，未导入: {value}",
                          "Not a valid phone number, left out: {value}")
    ROW_SAME_ID = T("与第 {row} 行身份证号相同（重复）",
                    "Same ID number as row {row} (a duplicate)")
    ROW_SAME_NAME = T("与第 {row} 行同村同组同名，且缺身份证号无法区分（疑似重复）",
                      "Same village, group and name as row {row}, and no ID number tells them "
                      "apart (probably a duplicate)")
    # ---- which village a row belongs to (core.register_villages) ----------------------------
    ROW_VILLAGE_NOT_CHOSEN = T("村名“{village}”与所选的村“{chosen}”不符",
                               "The village \"{village}\" is not the chosen village "
                               "\"{chosen}\"")
    ROW_NO_VILLAGE = T("缺少村名（可在导入时指定村）",
                       "The village name is missing (the village can be chosen for the import)")
    ROW_BAD_VILLAGE_CODE = T("村区划代码无效: {value}", "Not a valid village code: {value}")
    ROW_NO_SUCH_CODE = T("本县没有区划代码为 {value} 的村",
                         "No village in this county has the code {value}")
    ROW_CODE_NOT_CHOSEN = T("区划代码 {value} 不是所选的村（乡镇）",
                            "The code {value} is not in the chosen village (township)")
    ROW_NO_VILLAGE_IN_TOWN = T("{town}没有名为“{village}”的村",
                               "{town} has no village named \"{village}\"")
    ROW_NO_VILLAGE_IN_NAMED = T("“{township}”没有名为“{village}”的村",
                                "\"{township}\" has no village named \"{village}\"")
    ROW_NO_VILLAGE_IN_COUNTY = T("本县没有名为“{village}”的村",
                                 "This county has no village named \"{village}\"")
    ROW_NO_SUCH_TOWNSHIP = T("本县没有名为“{township}”的乡镇",
                             "This county has no township named \"{township}\"")
    ROW_VILLAGE_AMBIGUOUS = T("村名“{village}”在多个乡镇重名，请加乡镇列或指定乡镇",
                              "Several townships have a village named \"{village}\": add a "
                              "township column or choose the township")
    # ---- matching rows to the database (store.register_imports) -----------------------------
    ROW_GROUP = T("第 {group} 组", ", group {group}")
    ROW_HOUSEHOLD_GONE = T("这户在数据库中已删除或已合并到另一户，不会重新导入",
                           "This household was deleted or merged into another in the database; "
                           "it is not imported again")
    ROW_ID_ELSEWHERE = T("身份证号已登记在{village}{group}（户主 {name}），不会重复导入",
                         "The ID number is already registered in {village}{group} (head "
                         "{name}); not imported twice")
    ROW_NAMESAKES = T("本村{group}已有 {count} 户同名户主“{name}”，无法确定是哪一户，请补充身份证号",
                      "{count} households in this village{group} have a head named \"{name}\"; "
                      "which one is meant is unclear: add the ID number")
    ROW_SAME_HOUSEHOLD = T("与第 {row} 行对应同一户（重复）",
                           "The same household as row {row} (a duplicate)")
    # ---- paper visits typed into a workbook (jobs.visits_import) ----------------------------
    VISIT_ROW_SAME = T("与第 {row} 行是同一户、同一天、同一核查人的走访（重复）",
                       "The same household, day and surveyor as row {row} (a duplicate)")
    VISIT_ROW_BAD_DATE = T("走访日期无效: {value}", "Not a valid visit date: {value}")
    VISIT_ROW_FUTURE_DATE = T("走访日期在今天之后: {day}", "The visit date is after today: {day}")
    VISIT_ROW_NO_SURVEYOR = T("缺少核查人", "The surveyor is missing")
    VISIT_ROW_NOT_IMPORTABLE = T("{name} 列不能从表格导入",
                                 "The column {name} cannot be imported from a sheet")
    VISIT_ROW_REPEAT = T("{name} 属于重复组 {repeat}，不能从一行表格导入",
                         "{name} belongs to the repeated group {repeat}: one sheet row cannot "
                         "hold it")
    VISIT_ROW_ANSWER = T("{name}: {problem}", "{name}: {problem}")
    VISIT_ROW_LABELLED = T("{name}（{label}）: {problem}{more}", "{name} ({label}): {problem}{more}")
    VISIT_ROW_UNLABELLED = T("{name}: {problem}{more}", "{name}: {problem}{more}")
    VISIT_ROW_MORE = T("（另有 {count} 项）", " ({count} more)")
    VISIT_ROW_NO_HOUSEHOLD_ID = T("找不到 household_id 为 {value} 的户",
                                  "No household has the household_id {value}")
    VISIT_ROW_NO_HEAD = T("{village} 没有户主为“{name}”的户{masked}",
                          "{village} has no household whose head is \"{name}\"{masked}")
    VISIT_ROW_MASKED = T("（身份证 {masked}）", " (ID {masked})")
    VISIT_ROW_NAMESAKES = T("{village} 有 {count} 户户主同名“{name}”，请填 household_id 或身份证号（脱敏）",
                            "{village} has {count} households whose head is \"{name}\": fill "
                            "in household_id or the masked ID number")
    VISIT_ROW_DELETED = T("这次走访在数据库中已被删除，不再导入",
                          "This visit was deleted in the database; it is not imported again")
    # ---- coordinates and map files (core.validation, geo) -----------------------------------
    COORD_NOT_NUMBER = T("坐标不是数字: {lon}, {lat}", "The coordinates are not numbers: {lon}, {lat}")
    COORD_NOT_FINITE = T("坐标不是有限的数字", "The coordinates are not finite numbers")
    COORD_SWAPPED = T("经纬度可能写反了: 经度 {x}, 纬度 {y}",
                      "Longitude and latitude may be swapped: longitude {x}, latitude {y}")
    COORD_OUT_OF_RANGE = T("坐标超出经纬度范围（可能是投影坐标）: {x}, {y}",
                           "The coordinates are outside longitude/latitude range (projected "
                           "coordinates?): {x}, {y}")
    COORD_NOT_IN_CHINA = T("坐标不在中国境内: 经度 {x}, 纬度 {y}",
                           "The position is outside China: longitude {x}, latitude {y}")
    MAP_ROW_NOT_NUMBER = T("坐标不是数字：{lon}, {lat}", "The coordinates are not numbers: {lon}, "
                           "{lat}")
    MAP_ROW_NOT_FINITE = T("{name}不是有限的数字：{value}", "The {name} is not a finite number: "
                           "{value}")
    MAP_WORD_LON = T("经度", "longitude")
    MAP_WORD_LAT = T("纬度", "latitude")
    MAP_ROW_SAME = T("与第 {row} 行是同一户，已忽略", "The same household as row {row}; ignored")
    MAP_ROW_NO_ID = T("找不到户 ID {value}", "No household has the ID {value}")
    MAP_ROW_NO_KEY = T("缺少户 ID（household_id），或村代码加户主姓名",
                       "No household ID (household_id), nor village code and head's name")
    MAP_ROW_NO_HEAD = T("村 {village} 中没有户主“{name}”",
                        "Village {village} has no head of household \"{name}\"")
    MAP_ROW_NAMESAKES = T("村 {village} 中户主“{name}”有 {count} 户，请加身份证号或户 ID",
                          "Village {village} has {count} households whose head is \"{name}\": "
                          "add the ID number or the household ID")
    MAP_ASSUMED_WGS84 = T("文件未说明坐标系，按 WGS84 读取；若来自高德/腾讯等网络地图，请加 --crs gcj02",
                          "The file does not say its coordinate system and is read as WGS84; if "
                          "it comes from an online map (Amap, Tencent), add --crs gcj02")
    MAP_GPX_NO_LAT_LON = T("航点缺少 lat/lon", "The waypoint has no lat/lon")
    MAP_GPX_WAYPOINT = T("第 {number} 个航点{name}", "waypoint {number}{name}")
    MAP_GPX_NAME = T("（{name}）", " ({name})")
    MAP_NO_GEOMETRY = T("没有几何", "No geometry")
    MAP_NOT_POLYGON = T("不是面（{kind}）", "Not a polygon ({kind})")
    MAP_ZERO_AREA = T("面积为零的多边形", "A polygon of zero area")
    MAP_MERGED = T("{name}（{area}）由 {count} 个要素合并", "{name} ({area}) merged from {count} "
                   "features")
    MAP_OUTSIDE_COUNTY = T("{name}（{area}）不在县界内，请检查坐标系",
                           "{name} ({area}) lies outside the county boundary: check the "
                           "coordinate system")
    MAP_VERTEX_NOT_FINITE = T("{label} 第 {number} 个顶点的坐标不是有限的数字：{x}, {y}",
                              "{label}: vertex {number} has coordinates that are not finite "
                              "numbers: {x}, {y}")
    MAP_NAME_AMBIGUOUS = T("名称“{name}”对应多个区划，请在文件中加区划代码",
                           "The name \"{name}\" matches several areas: add division codes to "
                           "the file")
    MAP_WRONG_LEVEL = T("区划代码 {value} 不是 {level} 级", "The code {value} is not a {level}")
    MAP_NO_AREA = T("找不到对应的区划（代码或名称）", "No matching area (by code or name)")
    # ---- which feature of a map file (geo/readers.py) ----------------------------------------
    MAP_FEATURE = T("{file}{layer}第 {number} 个要素", "{file}{layer}feature {number}")
    MAP_LAYER = T("图层 {layer} ", "layer {layer} ")
    MAP_GBK_ATTRIBUTES = T("{layer}: 属性表按 GBK 编码读取",
                           "{layer}: the attribute table was read as GBK")
    # ---- map check findings (geo/checks.py) ---------------------------------------------------
    CHECK_UNLOCATED = T("{name}：{missing}/{total} 户未定位",
                        "{name}: {missing} of {total} households not located")
    CHECK_NO_BOUNDARY = T("{count} 户已定位，但本村没有边界",
                          "households located: {count}, but the village has no boundary")
    CHECK_OUTSIDE = T("在本村边界外 {metres} 米", "{metres} m outside the village boundary")
    CHECK_OUTSIDE_CONFIRMED = T("在本村边界外 {metres} 米（定位时已确认）",
                                "{metres} m outside the village boundary (confirmed when placed)")
    CHECK_NEAR = T("{count} 户相距不到 {metres} 米",
                   "{count} households less than {metres} m apart")
    # ---- an operator's returned work order sheet (store/households/gaps.py) ---------------------
    ORDER_BAD_DONE_DATE = T("完成日期无效: {value}", "Not a valid completion date: {value}")
