"""The error catalogue, chapter form: what the XLSForm loader says of a workbook's rows
(fieldapp.survey.loader*, loops, registry) and of its expressions (fieldapp.survey.expr_checks).
The place (file, sheet, row, column) is not part of these sentences: survey.errors.Problem puts
it in front in the same language.  Entries become members of ErrorCode; the code (third field)
is the problem's stable code that `form check --json` prints."""

from __future__ import annotations

from .message_template import Template as T


class FormMessages:
    # ---- the whole workbook --------------------------------------------------------------------
    FORM_MORE_PROBLEMS = T("{first}（共 {count} 处问题）", "{first} ({count} problems in all)")
    FORM_NO_SURVEY = T("缺少 survey 工作表", "The survey sheet is missing", "no_survey")
    FORM_NO_TYPE_COLUMN = T("survey 工作表缺少 type 列", "The survey sheet has no type column",
                            "no_type_column")
    FORM_NO_NAME_COLUMN = T("survey 工作表缺少 name 列", "The survey sheet has no name column",
                            "no_name_column")
    FORM_TOO_SLOW = T(
        "表单过于复杂，{seconds} 秒内未能检查完（检查到此行时超时）；请拆分表单或简化表达式",
        "The form is too complex to check within {seconds} seconds (time ran out at this row): "
        "split the form or simplify its expressions", "too_slow")
    FORM_TOO_COMPLEX = T("表单嵌套过深，无法检查", "The form is nested too deeply to check",
                         "too_complex")
    FORM_NOT_FOUND = T("找不到表单 {form_id}", "No form {form_id}", "form_not_found")
    FORM_PLAIN = T("{text}", "{text}")  # a problem raised without a catalogue entry (none known)
    # ---- notes (warnings): the form loads ------------------------------------------------------
    FORM_NOTE_CURLY_QUOTES = T(
        "{sheet} 工作表第 {row} 行 {column} 列: 中文引号 ‘ ’ “ ” 按英文引号读取（ODK Collect 不接受，"
        "发到手机前请改为 ' 或 \"）",
        "Sheet {sheet} row {row} column {column}: curly (typographic) quotes are read as "
        "straight quotes (ODK Collect does not accept them: change them to ' or \" before sending "
        "the form to phones)")
    FORM_NOTE_STRAY_CHOICE_ROW = T("{sheet} 工作表第 {row} 行没有 list_name 和 name，已忽略",
                                   "Sheet {sheet} row {row} has neither list_name nor name; ignored")
    FORM_NOTE_SPACED_CHOICE = T(
        "{sheet} 工作表第 {row} 行: 选项 name {name!r} 含空格，单选题可用，多选题不能用",
        "Sheet {sheet} row {row}: the choice name {name!r} contains spaces: fine for select_one, "
        "not for select_multiple")
    FORM_NOTE_SHARED_NAME = T(
        "{sheet} 工作表第 {row} 行: 字段名 {name} 与第 {first_row} 行同名（在不同分组中），答案列名为 "
        "{key}",
        "Sheet {sheet} row {row}: the field name {name} is also used in row {first_row} (in "
        "another group); its answers are kept as {key}")
    FORM_NOTE_CASE_NAME = T(
        "{sheet} 工作表第 {row} 行: 字段名 {name} 与同一分组第 {first_row} 行的 {first} 只有大小写不同，"
        "可以使用，但不区分大小写的统计软件会把两列混淆",
        "Sheet {sheet} row {row}: the name {name} differs only in case from {first} in row "
        "{first_row} of the same group: it loads, but tools that ignore case will mix up the "
        "two columns")
    FORM_NOTE_MISSING_FILE = T(
        "{sheet} 工作表第 {row} 行: 表单旁边还没有 {file}：用到它的题目暂时没有选项，放入该文件前无法"
        "完成走访，也不能发布（与 ODK Central 相同，先读入表单，附件后补）",
        "Sheet {sheet} row {row}: {file} is not beside the form yet: the questions that use it "
        "offer nothing until it is added, and no visit can be completed nor the form published "
        "without it (as ODK Central, the form loads and the attachment can follow)")
    FORM_NOTE_DEFAULT_NOT_CHOICE = T(
        "{sheet} 工作表第 {row} 行: 默认值 {value} 不是选项列表 {list_name} 里的选项，已忽略：开始走访时"
        "此题不选任何选项（ODK Collect 打开这份表单时也不选中任何选项）",
        "Sheet {sheet} row {row}: the default {value} is not one of the choices of {list_name} "
        "and is ignored: the question starts with nothing selected (as ODK Collect shows it)")
    FORM_NOTE_ACCURACY_UNKNOWN = T(
        "这个位置没有测得精度（手填、粘贴或在地图上选的点）；表单要求 GPS 精度在 {limit} 米以内，"
        "需要时请用“GPS 接收机…”定位。仍可照常保存",
        "This position has no measured accuracy (typed, pasted or placed on the map); the form "
        "asks for GPS accuracy within {limit} m: use 'GPS receiver...' if needed. It can still be "
        "saved")
    FORM_NOTE_ACCURACY_POOR = T(
        "这个位置的精度是 {accuracy} 米，比表单要求的 {limit} 米差。仍可照常保存",
        "This position's accuracy is {accuracy} m, worse than the {limit} m the form asks for. "
        "It can still be saved")
    FORM_ANSWER_NEEDS_FILE = T(
        "此题需要表单旁边的 {files}，该文件还没有放入：放入后才能完成走访",
        "This question needs {files} beside the form, which is not there yet: the visit can be "
        "completed once it is added")
    FORM_NOTE_ACCEPT = T(
        "{sheet} 工作表第 {row} 行 {column} 列: 看不懂 {items}，已忽略（应写扩展名如 .pdf，或类型如 "
        "image/*、application/pdf，用逗号分隔）",
        "Sheet {sheet} row {row} column {column}: {items} not understood and ignored (write "
        "extensions such as .pdf, or media types such as image/* or application/pdf, separated "
        "by commas)")
    FORM_NOTE_FILTER_NOT_SELECT = T(
        "{sheet} 工作表第 {row} 行: {name} 不是选择题，choice_filter 不起作用，已忽略",
        "Sheet {sheet} row {row}: {name} is not a select question, so its choice_filter does "
        "nothing; ignored")
    FORM_NOTE_EMPTY_ROWS = T(
        "工作表 {sheet} 连续 60 行为空，第 {row} 行起的内容未读取（与 pyxform 相同）",
        "Sheet {sheet} has 60 empty rows in a row: nothing from row {row} on was read (as "
        "pyxform does)")
    FORM_NOTE_UNKNOWN_COLUMN = T("survey 工作表的列 {column} 不被识别，已忽略",
                                 "Column {column} of the survey sheet is not known; ignored")
    FORM_NOTE_FORM_ID = T("settings 工作表的 form_id 最好只用英文字母、数字和下划线: {form_id}",
                          "The settings sheet's form_id had better use only letters, digits and "
                          "underscores: {form_id}")
    FORM_NOTE_FILTER_COLUMN = T(
        "{sheet} 工作表第 {row} 行 choice_filter: choices 工作表没有列 {column}（选项列表 "
        "{list_name}），按空值计算",
        "Sheet {sheet} row {row} choice_filter: the choices sheet has no column {column} (choice "
        "list {list_name}); it reads as empty")
    # ---- choices sheet ---------------------------------------------------------------------------
    FORM_MISSING_LIST_NAME = T("缺少 list_name", "list_name is missing", "missing_list_name")
    FORM_MISSING_CHOICE_NAME = T("选项缺少 name", "The choice has no name",
                                 "missing_choice_name")
    FORM_DUPLICATE_CHOICE = T("选项列表 {list_name} 中 {name} 重复",
                              "{name} appears twice in the choice list {list_name}",
                              "duplicate_choice")
    # ---- survey sheet: groups and names ----------------------------------------------------------
    FORM_UNCLOSED_GROUP = T("分组 {name} 没有对应的 {end}", "The group {name} has no {end}",
                            "unclosed_group")
    FORM_UNCLOSED_LOOP = T("begin loop 没有对应的 end loop", "begin loop has no end loop",
                           "unclosed_group")
    FORM_UNMATCHED_END = T("{kind} 没有对应的 {begin}", "{kind} has no {begin} before it")
    FORM_MISMATCHED_END = T("{kind} 与第 {row} 行的 {begin} {name} 不配对",
                            "{kind} does not close the {begin} {name} of row {row}")
    FORM_TOO_DEEP = T("分组嵌套超过 {depth} 层（{name}）",
                      "Groups are nested more than {depth} deep ({name})", "too_deep")
    FORM_MISSING_NAME = T("缺少 name（字段名）", "The name (field name) is missing",
                          "missing_name")
    FORM_BAD_NAME = T("字段名只能用英文字母、数字、下划线，且不以数字开头: {name!r}",
                      "A field name uses only letters, digits and underscores and does not "
                      "start with a digit: {name!r}", "bad_name")
    FORM_DUPLICATE_NAME = T(
        "字段名 {name} 与第 {row} 行的 {first} 在同一分组（{path}）中重复：同一分组内的题目、分组和重复组"
        "不能同名，不同分组中可以（pyxform: Questions, groups, and repeats must be unique within "
        "their nearest parent group or repeat, or the survey if not inside a group or repeat.）",
        "The name {name} is already used by {first} in row {row}, in the same group ({path}): "
        "questions, groups and repeats must be unique within their nearest parent group or "
        "repeat, or the survey if not inside a group or repeat (pyxform's rule; in different "
        "groups they may share a name)", "duplicate_name")
    FORM_NAME_META = T(
        "名字 meta 留给表单的元数据，题目、分组和重复组都不能用（pyxform: The name 'meta' is reserved "
        "for form metadata.）",
        "The name meta is kept for the form's metadata: no question, group or repeat may use it "
        "(pyxform: The name 'meta' is reserved for form metadata.)", "bad_name")
    FORM_DUPLICATE_REPEAT = T(
        "重复组名 {name} 与第 {row} 行的重复组重复：重复组名在整个表单中都不能重复（pyxform: Repeat "
        "names must unique anywhere in the survey, at all levels of group or repeat nesting.）",
        "The repeat name {name} is already used by the repeat in row {row}: repeat names must be "
        "unique anywhere in the survey, at all levels of group or repeat nesting (pyxform's rule)",
        "duplicate_name")
    WORD_FORM_TOP = T("表单顶层", "top of the form")
    # ---- survey sheet: types, labels, lists ------------------------------------------------------
    FORM_MISSING_TYPE = T("缺少 type（题型）", "The type (question type) is missing",
                          "missing_type")
    FORM_NOT_ON_LAPTOP = T("题型 {kind} 在电脑上无法使用：{reason}",
                           "The question type {kind} cannot be used on a laptop: {reason}",
                           "not_on_laptop")
    WHY_OSM = T("需要手机上的 OpenMapKit 应用", "it needs the OpenMapKit app on a phone")
    WHY_BACKGROUND_AUDIO = T("需要手机在后台录音", "it needs a phone recording in the background")
    FORM_UNKNOWN_TYPE = T("不支持的题型: {type}", "Unsupported question type: {type}",
                          "unknown_type")
    FORM_MISSING_LABEL = T(
        "字段 {name} 既没有 label（题目文字）也没有 hint（pyxform: The survey element named "
        "'{name}' has no label or hint.）",
        "The field {name} has neither a label (the question's text) nor a hint (pyxform: The "
        "survey element named '{name}' has no label or hint.)", "missing_label")
    FORM_MISSING_CALCULATION = T("计算字段 {name} 缺少 calculation",
                                 "The calculated field {name} has no calculation",
                                 "missing_calculation")
    FORM_MISSING_LIST = T("{kind} 后面要写选项列表名", "{kind} is followed by a choice list name",
                          "missing_list")
    FORM_MISSING_LIST_FILE = T("{kind} 后面要写表单旁边的一个选项文件名（如 villages.csv）",
                               "{kind} is followed by the name of one choice file beside the "
                               "form (such as villages.csv)", "missing_list")
    FORM_UNKNOWN_LIST = T("choices 工作表中没有选项列表 {list_name}",
                          "The choices sheet has no choice list {list_name}", "unknown_list")
    FORM_OR_OTHER = T("不支持 {type}（选项列表名后只能写 or_other）",
                      "{type} is not supported (only or_other may follow the choice list name)",
                      "unsupported_or_other")
    FORM_BAD_PARAMETER = T("parameters 应写成 名称=值: {part}",
                           "parameters are written name=value: {part}", "bad_parameters")
    FORM_BAD_MAX_PIXELS = T("max-pixels 应为正整数: {value}",
                            "max-pixels is a positive whole number: {value}", "bad_parameters")
    FORM_INSTANCE_CLASH = T(
        "选项文件 {file} 与 {other} 同名（都会成为 instance('{name}')），请改名其中一个（pyxform: The same "
        "instance id will be generated for different external instance source URIs.）",
        "The choice file {file} has the name of {other} (both would be instance('{name}')): "
        "rename one of them (pyxform: The same instance id will be generated for different "
        "external instance source URIs.)", "duplicate_instance")
    FORM_PATH_NOT_FOUND = T(
        "{path} 指向 {place}，表单里没有这个字段（ODK Collect 也打不开这样的表单：Location … was not "
        "found）；引用字段请写 ${{字段名}}",
        "{path} points to {place}, a field the form does not have (ODK Collect cannot open such "
        "a form either: Location ... was not found); refer to a field as ${{name}}",
        "unsupported_path")
    FORM_CHT_PATH = T(
        "{source} 是 CHT（Community Health Toolkit）表单专用的写法：inputs 组由 CHT 应用在打开表单时"
        "填入（联系人、来源等），本程序没有这些数据，无法使用；请改为普通题目和 ${{字段名}}",
        "{source} is written for the Community Health Toolkit (CHT): its inputs group is filled "
        "in by the CHT app when a form opens (the contact, the source), data this program does "
        "not have; use ordinary questions and ${{name}} instead", "cht_only")
    FORM_BAD_ACCURACY = T(
        "{name} 应写精度米数（一个数）: {value}（pyxform: The '{name}' parameter must have a "
        "numeric value.）",
        "{name} is an accuracy in metres (a number): {value} (pyxform: The '{name}' parameter "
        "must have a numeric value.)", "bad_parameters")
    FORM_BAD_DEFAULT = T("默认值不符合题型 {kind}: {problem}",
                         "The default does not fit the question type {kind}: {problem}",
                         "bad_default")
    FORM_SPACED_CHOICE_MULTIPLE = T(
        "选项 name 不能含空格: {name!r}（多选题 {question} 用这个列表，多选的答案以空格分隔）",
        "A choice name cannot contain spaces: {name!r} (the select_multiple question {question} "
        "uses this list, and its answer separates the chosen names by spaces)", "bad_choice_name")
    FORM_REPEAT_NAMED_ROOT = T(
        "重复组不能与表单根节点同名: {name}（pyxform: Repeat names must not be the same as the survey "
        "root (which defaults to 'data').）",
        "A repeat cannot have the name of the form's root: {name} (pyxform: Repeat names must not "
        "be the same as the survey root (which defaults to 'data').)", "bad_name")
    FORM_TYPE_NOT_LOWER = T(
        "题型要用小写字母写: {lower}（pyxform: Unknown question type '{type}'.）",
        "Question types are written in lower case: {lower} (pyxform: Unknown question type "
        "'{type}'.)", "unknown_type")
    FORM_TRIGGER_SYNTAX = T("trigger 列应写成 ${{字段名}}: {text}",
                            "The trigger column takes ${{field_name}}: {text}", "bad_reference")
    FORM_TRIGGER_UNKNOWN = T("trigger 引用了不存在的字段 ${{{name}}}",
                             "The trigger refers to a field that does not exist: ${{{name}}}",
                             "unknown_field")
    FORM_AMBIGUOUS_REFERENCE = T(
        "${{{name}}} 指的是哪个题目不明确：第 {rows} 行都叫 {name}（pyxform: There are multiple "
        "survey elements named '{name}'.）",
        "${{{name}}} could be any of several questions: rows {rows} are all named {name} "
        "(pyxform: There are multiple survey elements named '{name}'.)", "ambiguous_reference")
    FORM_TEXT_UNKNOWN_FIELD = T(
        "引用了不存在的字段 ${{{name}}}（pyxform: There is no survey element named '{name}'.）",
        "Refers to a field that does not exist: ${{{name}}} (pyxform: There is no survey element "
        "named '{name}'.)", "unknown_field")
    FORM_UNKNOWN_DEFAULT = T("默认值引用了不存在的题目 ${{{name}}}",
                             "The default refers to a question that does not exist: ${{{name}}}",
                             "unknown_reference")
    FORM_CYCLE = T("计算循环引用: {loop}", "The calculations refer to each other in a loop: {loop}",
                   "calculation_cycle")
    # ---- expressions (the code is the parse error's or expr_checks' own) -----------------------
    FORM_EXPRESSION_AT = T("{problem}（位置 {position}）: {source}",
                           "{problem} (at character {position}): {source}")
    EXPR_UNKNOWN_FUNCTION = T("不支持的函数 {function}()", "Unsupported function {function}()",
                              "unknown_function")
    EXPR_ARITY = T("函数 {function}() 需要 {want} 个参数，实际 {count} 个",
                   "The function {function}() takes {want} arguments, not {count}", "arity")
    EXPR_ARITY_AT_LEAST = T("函数 {function}() 需要 {least} 个以上参数，实际 {count} 个",
                            "The function {function}() takes {least} or more arguments, not "
                            "{count}", "arity")
    EXPR_BAD_REGEX = T("正则表达式无效: {reason}", "Invalid regular expression: {reason}",
                       "bad_regex")
    EXPR_UNKNOWN_FIELD = T("引用了不存在的字段 ${{{name}}}",
                           "Refers to a field that does not exist: ${{{name}}}", "unknown_field")
