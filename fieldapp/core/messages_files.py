"""The error catalogue, chapter files: files read by fieldapp: geo files, tables, forms,
answers, photos and rule files (fieldapp.geo, tabular, survey, core).  Entries become members
of ErrorCode."""

from __future__ import annotations

from .message_template import Template as T


class FileMessages:
    FILE_MISSING = T("文件不存在", "The file does not exist")
    # ---- geo files (boundaries, household points) ---------------------------------------------
    GEO_FILE_TYPE = T("不支持的文件类型（支持 .geojson、.zip（Shapefile）、.shp、.gpkg、.kml、.kmz；"
                      "户坐标用 .csv、.gpx）",
                      "Unsupported file type (.geojson, .zip (Shapefile), .shp, .gpkg, .kml, .kmz; "
                      ".csv or .gpx for household positions)")
    GEO_UNREADABLE = T("无法读取：{reason}", "Cannot read it: {reason}")
    GEO_JSON_ENCODING = T("不是 UTF-8 或 GBK 编码的 JSON 文件", "Not a UTF-8 or GBK JSON file")
    GEO_JSON_SYNTAX = T("JSON 格式错误：{reason}", "Malformed JSON: {reason}")
    GEO_NOT_GEOJSON = T("不是 GeoJSON（缺少 type）", "Not GeoJSON (no type)")
    GEO_FEATURES_NOT_LIST = T("GeoJSON 的 features 不是数组", "The GeoJSON features are not a list")
    GEO_FEATURE_NOT_OBJECT = T("第 {number} 个要素不是对象", "Feature {number} is not an object")
    GEO_FEATURE_INVALID = T("第 {number} 个要素的几何无效：{reason}",
                            "Feature {number} has an invalid geometry: {reason}")
    GEO_CRS_UNREADABLE = T("文件声明的坐标系 {name!r} 无法识别",
                           "The file declares a coordinate system not recognised: {name!r}")
    GEO_NOT_ZIP = T("不是有效的 zip 压缩包", "Not a valid zip file")
    GEO_KMZ_NO_KML = T("KMZ 中没有 .kml 文件", "The KMZ holds no .kml file")
    GEO_ZIP_NO_SHP = T("压缩包中没有 .shp 文件（Shapefile 请连同 .dbf、.shx、.prj 一起压缩）",
                       "The zip holds no .shp file (zip a Shapefile with its .dbf, .shx and .prj)")
    GEO_ZIP_MIXED_CRS = T("压缩包中各 Shapefile 的坐标系不同，请分别导入",
                          "The Shapefiles in the zip use different coordinate systems: import "
                          "them one by one")
    GEO_NO_LAYER = T("文件中没有几何图层", "The file has no geometry layer")
    GEO_LAYERS_MIXED_CRS = T("文件中各图层的坐标系不同，请分别导入",
                             "The file's layers use different coordinate systems: import them "
                             "one by one")
    GEO_SHP_PARTS_MISSING = T("Shapefile 缺少 {parts} 文件（建议把整套文件压缩成 zip 导入）",
                              "The Shapefile lacks its {parts} files (zip the whole set and "
                              "import the zip)")
    GEO_CRS_CONFLICT = T("文件声明的坐标系是 {declared}，与 --crs {option} 不一致；请去掉 --crs 或修正文件",
                         "The file declares the coordinate system {declared}, not --crs "
                         "{option}: drop --crs or correct the file")
    GEO_CRS_NEEDED = T("文件没有说明坐标系，坐标也不是经纬度：请用 --crs 指定",
                       "The file names no coordinate system and its coordinates are not "
                       "longitude and latitude: give one with --crs")
    CRS_GCJ02 = T("GCJ-02（高德/腾讯等网络地图）", "GCJ-02 (AMap, Tencent and other web maps)")
    CRS_GK_ZONE = T("CGCS2000 3度带 CM{cm}E (EPSG:{epsg})",
                    "CGCS2000 3-degree zone CM{cm}E (EPSG:{epsg})")
    CRS_GK_WITHOUT_ZONE = T("EPSG:45xx（3度带，不带带号，按中央经线选 EPSG:4534–4554）",
                            "EPSG:45xx (a 3-degree zone without its zone number: choose "
                            "EPSG:4534-4554 by the central meridian)")
    GEO_CRS_NEEDED_HINT = T("文件没有说明坐标系，坐标也不是经纬度：请用 --crs 指定（看起来像 {hint}）",
                            "The file names no coordinate system and its coordinates are not "
                            "longitude and latitude: give one with --crs (it looks like {hint})")
    GEO_LEVEL = T("--level 应为 county、township 或 village，而不是 {level!r}",
                  "--level is county, township or village, not {level!r}")
    GEO_NO_FEATURES_IN_FILE = T("文件中没有任何几何要素", "The file has no geometry at all")
    POINTS_FILE_TYPE = T("户坐标请用 .csv 或 .gpx 文件", "Household positions come in a .csv or "
                         ".gpx file")
    POINTS_NO_HEADER = T("找不到表头：需要经度、纬度两列（lon/lat 或 {names}）",
                         "No header found: longitude and latitude columns are needed (lon/lat "
                         "or {names})")
    POINTS_NO_KEY = T("表头缺少户 ID（household_id），或村代码加户主姓名两列",
                      "The header lacks the household id (household_id), or the village code "
                      "and head of household columns")
    GPX_SYNTAX = T("GPX 文件格式错误：{reason}", "Malformed GPX file: {reason}")
    GPX_NOT_GPX = T("不是 GPX 文件", "Not a GPX file")
    # ---- tables (tabular.read, register and visit imports) ------------------------------------
    TABLE_IS_FOLDER = T("这是一个文件夹，不是表格文件", "This is a folder, not a spreadsheet")
    TABLE_TYPE = T("不支持的文件类型（应为 .xlsx、.xls 或 .csv）",
                   "Unsupported file type (.xlsx, .xls or .csv)")
    WORKBOOK_BROKEN = T("无法读取工作簿，文件可能已损坏或不是 Excel 文件（{reason}）",
                        "Cannot read the workbook: the file may be damaged or not Excel "
                        "({reason})")
    WORKBOOK_NO_SHEETS = T("工作簿中没有工作表", "The workbook has no worksheet")
    WORKBOOK_NO_SUCH_SHEET = T("没有名为“{sheet}”的工作表", "No worksheet named \"{sheet}\"")
    WORKSHEET_BROKEN = T("无法读取工作表（{reason}）", "Cannot read the worksheet ({reason})")
    CSV_SYNTAX = T("CSV 格式错误（第 {line} 行：{reason}）", "Malformed CSV (line {line}: {reason})")
    REGISTER_NO_HEADER = T(
        "找不到表头行：前 30 行中没有含“{column}”等列名的行（可用 --header-row 指定）",
        "No header row: none of the first 30 rows has column names such as {column} (give the "
        "header row with --header-row)")
    REGISTER_MISSING_COLUMNS = T("第 {row} 行表头缺少必需的列: {names}",
                                 "The header in row {row} lacks required columns: {names}")
    REGISTER_NO_AREA = T("本数据库中没有区划代码为 {area} 的村或乡镇",
                         "This database has no village or township with the code {area}")
    VISITS_NO_HEADER = T("找不到表头行：应有“{column}”和表单字段名（如 visit_result）等列",
                         "No header row: it needs {column} and the form's field "
                         "names (such as visit_result)")
    VISITS_UNKNOWN_COLUMNS = T("第 {row} 行有不认识的列（不是表单 {form} 的字段）: {columns}",
                               "Row {row} has columns that are not fields of the form {form}: "
                               "{columns}")
    VISITS_NO_KEY = T("缺少户的标识：需要 household_id 列，或 村区划代码 + 户主姓名 列",
                      "The household is not identified: a household_id column is needed, or "
                      "the village code and head of household columns")
    VISITS_MISSING_COLUMN = T("缺少“{column}”列", "The column \"{column}\" is missing")
    # ---- forms (XLSForm workbooks) and expressions --------------------------------------------
    FORM_MISSING = T("文件不存在", "The file does not exist", "not_found")
    FORM_IS_FOLDER = T("这是一个文件夹，不是表单文件", "This is a folder, not a form file",
                       "not_a_file")
    FORM_NOT_XLSX = T("表单应为 Excel .xlsx 或 .xls 文件（XLSForm）",
                      "A form is an Excel .xlsx or .xls file (XLSForm)", "not_xlsx")
    FORM_UNREADABLE = T("无法读取 Excel 文件（文件损坏或不是 .xlsx/.xls）: {reason}",
                        "Cannot read the Excel file (damaged or not .xlsx/.xls): {reason}",
                        "unreadable")
    FORM_TOO_MANY_ROWS = T("工作表 {sheet} 有 {rows} 行数据，表单最多 {limit} 行",
                           "The sheet {sheet} holds {rows} rows of data; a form has at most "
                           "{limit}", "too_many_rows")
    FORM_DUPLICATE_HEADER = T(
        "工作表 {sheet} 有两列都叫 {header}（{first} 列和 {second} 列），请删除或改名其中一列"
        "（pyxform: Duplicate column header: {header}）",
        "The sheet {sheet} has two columns named {header} (columns {first} and {second}): "
        "delete or rename one (pyxform: Duplicate column header: {header})", "duplicate_column")
    FORM_DAMAGED = T("Excel 文件内容损坏: {reason}", "The Excel file's content is damaged: "
                     "{reason}", "unreadable")
    EXPR_EMPTY = T("表达式为空", "The expression is empty", "empty")
    EXPR_UNTERMINATED = T("字符串缺少结束引号", "A string lacks its closing quote",
                          "unterminated_string")
    EXPR_BAD_REFERENCE = T("字段引用应写成 ${{字段名}}", "A field reference is written ${{name}}",
                           "bad_reference")
    EXPR_BAD_FIELD_NAME = T("字段名无效: ${{{name}}}", "Invalid field name: ${{{name}}}",
                            "bad_reference")
    EXPR_PARENT_PATH = T("不支持路径表达式 ..（只能写 position(..)）",
                         "Path expressions .. are not supported (only position(..))",
                         "unsupported_path")
    EXPR_PATH = T("不支持路径表达式（/…），请用 ${{字段名}}",
                  "Path expressions (/...) are not supported: write ${{name}}", "unsupported_path")
    EXPR_BAD_CHARACTER = T("无法识别的字符 {char!r}", "Unrecognised character {char!r}",
                           "bad_character")
    EXPR_UNEXPECTED = T("此处不应出现 {found}", "{found} is not expected here", "syntax")
    EXPR_UNEXPECTED_END = T("此处不应出现表达式结尾", "The expression ends too early", "syntax")
    EXPR_BARE_NAME = T("没有引号的 {name} 会被当作字段名（XPath 的相对路径）读取，而表单里没有它"
                       "（ODK Collect 也打不开这样的表单：Location … was not found）：要写文字请加"
                       "引号 '{name}'，要引用字段请写 ${{{name}}}，函数要带括号",
                       "{name} without quotes is read as a field name (an XPath relative path) "
                       "and the form has no such field (ODK Collect cannot open such a form "
                       "either: Location ... was not found): write '{name}' in quotes for the "
                       "text, ${{{name}}} for a field, brackets for a function", "bare_name")
    EXPR_NEED_PAREN = T("此处应为 ')'，实际是 {found}", "Expected ')' here, found {found}",
                        "syntax")
    EXPR_NEED_PAREN_END = T("此处应为 ')'，实际是表达式结尾",
                            "Expected ')' here, found the end of the expression", "syntax")
    EXPR_BAD_SEARCH = T("search() 应写成 search('文件名') 或 search('文件名', 'matches', '列名', 值)",
                        "Write search() as search('file') or search('file', 'matches', "
                        "'column', value)", "bad_search")
    EXPR_INSTANCE_NESTING = T("instance() 里的条件又套 instance() 超过 {limit} 层",
                              "instance() lookups nest inside each other's conditions more than "
                              "{limit} deep", "too_complex")
    EXPR_NEED_BRACKET = T("'[' 缺少对应的 ']'", "A '[' lacks its closing ']'", "syntax")
    EXPR_UNKNOWN_INSTANCE = T(
        "instance('{name}') 找不到：choices 工作表没有选项列表 {name}，表单旁边也没有 {name}.csv",
        "instance('{name}') is not found: the choices sheet has no list {name} and there is no "
        "{name}.csv beside the form", "unknown_instance")
    EXPR_TRAILING = T("多余的内容: {found}", "Unexpected trailing text: {found}", "syntax")
    # ---- answers typed or imported (survey.coerce) -------------------------------------------
    ANSWER_INTEGER = T("应填整数", "A whole number is expected")
    ANSWER_INTEGER_GOT = T("应填整数: {value}", "A whole number is expected: {value}")
    ANSWER_NUMBER = T("应填数字", "A number is expected")
    ANSWER_NUMBER_GOT = T("应填数字: {value}", "A number is expected: {value}")
    ANSWER_NOT_A_CHOICE = T("不是可选的选项: {value}", "Not one of the choices: {value}")
    ANSWER_DATE = T("日期格式应为 年-月-日，如 2026-03-01: {value}",
                    "A date is year-month-day, e.g. 2026-03-01: {value}")
    ANSWER_DATETIME = T("时间格式应为 2026-03-01T08:30: {value}",
                        "A time is written 2026-03-01T08:30: {value}")
    ANSWER_TIME = T("时间格式应为 时:分，如 08:30: {value}",
                    "A time is hour:minute, e.g. 08:30: {value}")
    ANSWER_ACKNOWLEDGE = T("确认项只能填 OK: {value}", "An acknowledgement is OK or empty: {value}")
    # ---- photos -------------------------------------------------------------------------------
    PHOTO_MISSING = T("照片文件不存在", "The photo file does not exist")
    PHOTO_TOO_LARGE = T("照片文件太大（超过 {megabytes} MB）",
                        "The photo file is too large (over {megabytes} MB)")
    PHOTO_UNREADABLE = T("无法读取图片（{reason}）", "Cannot read the picture ({reason})")
    PHOTO_NOT_JPEG = T("无法把图片保存为 JPEG", "Cannot save the picture as JPEG")
    # ---- households found in the field, the coverage rule -------------------------------------
    FIELD_NAME_EMPTY = T("户主姓名不能为空", "The head of household's name cannot be empty")
    FIELD_NAME_TOO_LONG = T("户主姓名过长（最多 {limit} 个字）",
                            "The head of household's name is too long (at most {limit} "
                            "characters)")
    FIELD_GROUP_TOO_LONG = T("村民小组过长（最多 {limit} 个字）",
                             "The village group is too long (at most {limit} characters)")
    FIELD_DOOR_TOO_LONG = T("门牌号过长（最多 {limit} 个字）",
                            "The door number is too long (at most {limit} characters)")
    FIELD_PHONE = T("联系电话: {problem}", "Phone: {problem}")
    FIELD_ID_NUMBER = T("身份证号: {problem}", "ID number: {problem}")
    FIELD_POSITION_PAIR = T("位置要同时给出纬度和经度", "A position needs both latitude and "
                            "longitude")
    FIELD_POSITION = T("位置: {problem}", "Position: {problem}")
    FIELD_VILLAGE_UNKNOWN = T("数据库中没有这个村: {village}", "No such village in the database: "
                              "{village}")
    FIELD_NOT_A_VILLAGE = T("{village} 不是村级区划代码，新发现户要登记到村",
                            "{village} is not a village code: a household found in the field "
                            "belongs to a village")
    RULE_INVALID = T("覆盖标准文件无效（{reason}）", "The coverage rule file is invalid ({reason})")
    RULE_NO_VERSION = T("覆盖标准要有版本号 version", "A coverage rule needs a version")
    RULE_REQUIREMENT = T("覆盖标准第 {number} 条要求要有 reason、field 和 contains/equals/not 之一",
                         "Requirement {number} of the coverage rule needs reason, field and one of "
                         "contains, equals or not")
