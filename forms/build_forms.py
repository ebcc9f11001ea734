"""Build the checklist workbooks in forms/ from the definitions below (run from the repo root):

    .venv/bin/python forms/build_forms.py

County staff may edit the generated .xlsx files directly (they are ordinary XLSForms); this script
is how the shipped versions are made reproducibly. Field names and choice values of the household
form are used by fieldapp.core.status.derive_status and fieldapp.demo.visits: do not rename them.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

HERE = Path(__file__).resolve().parent
ZH, EN = "中文 (zh)", "English (en)"

SURVEY_COLUMNS = (
    "type", "name", f"label::{ZH}", f"label::{EN}", f"hint::{ZH}", f"hint::{EN}", "required",
    f"required_message::{ZH}", f"required_message::{EN}", "relevant", "constraint",
    f"constraint_message::{ZH}", f"constraint_message::{EN}", "calculation", "default",
    "read_only", "appearance", "choice_filter", "parameters",
)
CHOICE_COLUMNS = ("list_name", "name", f"label::{ZH}", f"label::{EN}")
SETTINGS_COLUMNS = ("form_id", "version", "form_title", "default_language")

MET = "${visit_result} = 'met'"
PHONE_RE = r"(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})"


def LAST(name: str) -> str:  # noqa: N802 - reads as the XLSForm it writes
    """ODK's default from the most recent answer to the same question."""
    return "${last-saved#" + name + "}"

HAS_TV = "${reception_mode} != '' and ${reception_mode} != 'none'"


def q(type_, name, zh="", en="", *, hint=("", ""), required="", relevant="", constraint="",
      message=("", ""), calculation="", default="", appearance="", read_only="",
      choice_filter="", required_message=("", ""), parameters=""):
    """One survey row as a dict keyed by SURVEY_COLUMNS."""
    return {
        "type": type_, "name": name, f"label::{ZH}": zh, f"label::{EN}": en,
        f"hint::{ZH}": hint[0], f"hint::{EN}": hint[1], "required": required,
        f"required_message::{ZH}": required_message[0],
        f"required_message::{EN}": required_message[1], "relevant": relevant,
        "constraint": constraint, f"constraint_message::{ZH}": message[0],
        f"constraint_message::{EN}": message[1], "calculation": calculation, "default": default,
        "read_only": read_only, "appearance": appearance, "choice_filter": choice_filter,
        "parameters": parameters,
    }


def end():
    return {"type": "end_group"}


def end_repeat():
    return {"type": "end_repeat"}


YES_NO = [("yes_no", "yes", "是", "Yes"), ("yes_no", "no", "否", "No")]
CHANNELS = [
    ("channels", "cctv", "中央台（CCTV）", "Central (CCTV)"),
    ("channels", "provincial", "省台", "Provincial station"),
    ("channels", "county", "县台", "County station"),
]

HOUSEHOLD_SURVEY = [
    q("begin_group", "visit", "入户情况", "Visit"),
    q("select_one visit_result", "visit_result", "走访结果", "Visit result", required="yes",
      default="met"),
    q("text", "merged_with", "合并到哪一户", "Merged into which household",
      hint=("写明合并后的户主姓名", "Name of the head of the household it merged into"),
      relevant="${visit_result} = 'merged'"),
    end(),
    # The member roster (不落一人): one instance per person; fieldapp.core.roster counts them.
    q("begin_repeat", "members", "家庭成员", "Household member", relevant=MET,
      hint=("逐一登记本户每一个人", "Record every person of the household")),
    q("text", "member_name", "姓名", "Name", required="yes"),
    q("select_one relation", "relation", "与户主关系", "Relation to the household head",
      required="yes"),
    q("select_one sex", "sex", "性别", "Sex", required="yes"),
    q("integer", "birth_year", "出生年份", "Year of birth",
      constraint=". >= 1900 and . <= int(format-date(today(), '%Y'))",
      message=("出生年份应在 1900 年到今年之间", "A year from 1900 to this year")),
    q("text", "member_id_masked", "身份证号（遮盖）", "ID number (masked)",
      hint=("只记前 6 位和后 4 位，如 140824********1234",
            "Only the first 6 and last 4 characters, e.g. 140824********1234"),
      constraint="regex(., '^[0-9]{6}[*]{8}[0-9]{3}[0-9Xx]$')",
      message=("应写成 6 位数字、8 个 *、4 位（如 140824********1234）",
               "6 digits, 8 asterisks and 4 characters (e.g. 140824********1234)")),
    q("select_one yes_no", "lives_here", "常住本户", "Lives in this household", required="yes",
      default="yes"),
    end_repeat(),
    q("begin_group", "reception", "收视情况", "TV reception", relevant=MET),
    q("select_one reception_mode", "reception_mode", "电视接收方式",
      "How the household receives TV", required="yes", default=LAST("reception_mode")),
    q("select_one yes_no", "works_now", "现在能正常收看吗", "Does it work now?",
      required="yes", relevant=HAS_TV, default="yes"),
    q("select_multiple channels", "channels", "能收看的频道", "Channels received",
      hint=("逐一核实中央台、省台和县台", "Check central, provincial and county channels"),
      required="yes", relevant=f"{HAS_TV} and ${{works_now}} = 'yes'",
      default="cctv provincial county"),
    q("integer", "tv_sets", "电视机台数", "Number of TV sets", required="yes", default="1",
      constraint=". >= 0 and . <= 20 and (${reception_mode} = 'none' or . >= 1)",
      message=("有接收方式时至少 1 台，最多 20 台",
               "At least 1 set when TV is received, at most 20")),
    q("select_one operator", "operator", "电视业务运营商", "TV service operator",
      required="yes", relevant=HAS_TV, choice_filter="selected(modes, ${reception_mode})",
      default=LAST("operator")),
    q("select_one yes_no", "broadband", "家中有宽带吗", "Home broadband?", required="yes",
      default=LAST("broadband")),
    end(),
    q("begin_group", "cable", "有线用户移交", "Cable subscribers", relevant=MET),
    q("select_one yes_no", "paid_cable_subscriber", "是否已缴费有线电视用户",
      "Paid cable TV subscriber?", required="yes", default="no"),
    q("select_one yes_no", "handed_over", "是否已移交通信运营商", "Handed over to the operator?",
      required="yes", relevant="${paid_cable_subscriber} = 'yes'"),
    end(),
    q("begin_group", "charges", "收费情况", "Charges", relevant=MET),
    q("select_one yes_no", "illegal_charge", "是否被违规收费", "Charged illegally?",
      hint=("安装和收看中央、地方节目不应收费", "Installing and watching public channels is free"),
      required="yes", default="no"),
    q("decimal", "charge_amount", "收费金额（元）", "Amount charged (yuan)", required="yes",
      relevant="${illegal_charge} = 'yes'", constraint=". > 0 and . <= 100000",
      message=("金额应大于 0", "The amount must be more than 0")),
    q("text", "charged_by", "收费人或单位", "Charged by whom", required="yes",
      relevant="${illegal_charge} = 'yes'"),
    end(),
    q("begin_group", "emergency", "应急广播", "Emergency broadcast", relevant=MET),
    q("select_one yes_no", "eb_terminal", "有应急广播终端吗", "Emergency broadcast terminal?",
      required="yes", default=LAST("eb_terminal")),
    q("select_one yes_no", "eb_working", "应急广播终端能正常使用吗", "Does the terminal work?",
      required="yes", relevant="${eb_terminal} = 'yes'", default="yes"),
    end(),
    q("begin_group", "gap", "未覆盖情况", "Not covered",
      relevant=f"{MET} and (${{reception_mode}} = 'none' or ${{works_now}} = 'no')"),
    q("select_one not_covered_reason", "not_covered_reason", "未覆盖原因",
      "Why not covered", required="yes"),
    q("text", "not_covered_other", "其他原因说明", "Other reason", required="yes",
      relevant="${not_covered_reason} = 'other'"),
    q("select_one yes_no", "followup_needed", "需要跟进处理吗", "Follow-up needed?",
      required="yes"),
    end(),
    q("begin_group", "confirm", "满意度与确认", "Satisfaction and confirmation", relevant=MET),
    q("select_one satisfaction", "satisfaction", "对收看服务的满意度",
      "Satisfaction with the TV service", required="yes", default=LAST("satisfaction")),
    q("text", "head_phone", "户主联系电话", "Household head's phone",
      hint=("县里电话回访核实用；留了电话就不必再勾选确认",
            "For the county's call-back check; with a phone number no tick is needed"),
      constraint=f"regex(., '{PHONE_RE}')",
      message=("请输入 11 位手机号或带区号的固话", "An 11-digit mobile or a landline with area code")),
    q("acknowledge", "head_confirmed", "户主已当面确认以上情况", "The household head confirmed",
      required="yes", relevant="${head_phone} = ''"),
    end(),
    q("calculate", "covered", calculation=(
        f"if({MET} and {HAS_TV} and ${{works_now}} = 'yes', 'yes', 'no')")),
    q("begin_group", "evidence", "照片与备注", "Photo and notes"),
    q("image", "photo", "电视画面或机顶盒照片", "Photo of the TV screen or set-top box",
      hint=("可选", "Optional"), parameters="max-pixels=1600"),
    q("text", "notes", "备注", "Notes", appearance="multiline"),
    q("geopoint", "location", "位置", "Location",
      hint=("可选：纬度 经度，如 35.60 110.98", "Optional: latitude longitude")),
    end(),
]

HOUSEHOLD_CHOICES = [
    ("relation", "head", "户主", "Head of household"),
    ("relation", "spouse", "配偶", "Spouse"),
    ("relation", "child", "子女", "Child"),
    ("relation", "child_in_law", "儿媳/女婿", "Child-in-law"),
    ("relation", "grandchild", "孙子女/外孙子女", "Grandchild"),
    ("relation", "parent", "父母", "Parent"),
    ("relation", "sibling", "兄弟姐妹", "Sibling"),
    ("relation", "other", "其他", "Other"),
    ("sex", "m", "男", "Male"),
    ("sex", "f", "女", "Female"),
    ("visit_result", "met", "见到住户", "Household met"),
    ("visit_result", "nobody_home", "家中无人", "Nobody home"),
    ("visit_result", "vacant", "空置房", "Vacant house"),
    ("visit_result", "refused", "拒绝核查", "Refused"),
    ("visit_result", "moved_out", "已迁出", "Moved out"),
    ("visit_result", "merged", "已合户", "Merged into another household"),
    ("reception_mode", "cable", "有线数字电视", "Cable digital TV"),
    ("reception_mode", "iptv", "IPTV（通信运营商）", "IPTV from a telecom operator"),
    ("reception_mode", "dbs", "直播卫星", "Direct-broadcast satellite"),
    ("reception_mode", "dtmb", "地面数字电视", "Terrestrial digital TV"),
    ("reception_mode", "none", "无", "None"),
    *YES_NO,
    *CHANNELS,
    ("operator", "telecom", "中国电信", "China Telecom", "iptv cable"),
    ("operator", "unicom", "中国联通", "China Unicom", "iptv"),
    ("operator", "mobile", "中国移动", "China Mobile", "iptv"),
    ("operator", "cable_co", "广电网络公司", "Cable network company", "cable"),
    ("operator", "none", "无", "None", "dbs dtmb"),
    ("operator", "other", "其他", "Other", "iptv cable dbs dtmb"),
    ("satisfaction", "satisfied", "满意", "Satisfied"),
    ("satisfaction", "basic", "基本满意", "Fairly satisfied"),
    ("satisfaction", "unsatisfied", "不满意", "Not satisfied"),
    ("not_covered_reason", "no_tv", "无电视机", "No TV set"),
    ("not_covered_reason", "signal", "信号问题", "Signal problem"),
    ("not_covered_reason", "awaiting_install", "待安装", "Awaiting installation"),
    ("not_covered_reason", "cannot_afford", "经济困难", "Cannot afford"),
    ("not_covered_reason", "refuses", "本人不愿安装", "Does not want it"),
    ("not_covered_reason", "other", "其他", "Other"),
]

PUBLIC_SURVEY = [
    q("begin_group", "place", "场所", "Place"),
    q("select_one place_type", "place_type", "场所类型", "Type of place", required="yes"),
    q("text", "place_name", "场所名称", "Name of the place", required="yes"),
    q("text", "address", "地址", "Address"),
    end(),
    q("begin_group", "access", "有线电视接入", "Cable TV access"),
    q("select_one yes_no", "cable_opened", "是否已开通有线电视", "Cable TV access opened?",
      required="yes"),
    q("select_multiple channels", "channels", "能收看的频道", "Channels received",
      required="yes", relevant="${cable_opened} = 'yes'", default="cctv provincial county"),
    q("integer", "tv_points", "电视终端数量", "Number of TV outlets",
      relevant="${cable_opened} = 'yes'", constraint=". >= 0 and . <= 10000",
      message=("数量应在 0–10000 之间", "Between 0 and 10000")),
    q("text", "not_opened_reason", "未开通原因", "Why not opened",
      relevant="${cable_opened} = 'no'"),
    end(),
    q("begin_group", "contact", "联系人", "Contact"),
    q("text", "contact_name", "联系人姓名", "Contact name", required="yes"),
    q("text", "contact_phone", "联系电话", "Contact phone",
      constraint="valid-phone(.)",
      message=("电话号码格式无效（手机 11 位，座机带区号）",
               "Not a valid phone number (11-digit mobile or landline with area code)")),
    end(),
    q("begin_group", "evidence", "照片与备注", "Photo and notes"),
    q("image", "photo", "现场照片", "Photo", hint=("可选", "Optional"),
      parameters="max-pixels=1600"),
    q("text", "notes", "备注", "Notes", appearance="multiline"),
    q("geopoint", "location", "位置", "Location",
      hint=("可选：纬度 经度", "Optional: latitude longitude")),
    end(),
]

PUBLIC_CHOICES = [
    ("place_type", "party_gov", "党政机关", "Party or government office"),
    ("place_type", "enterprise", "企事业单位", "Enterprise or institution"),
    ("place_type", "hotel", "宾馆酒店", "Hotel"),
    ("place_type", "hospital", "医院", "Hospital"),
    ("place_type", "school", "学校", "School"),
    ("place_type", "commercial_residential", "商住楼", "Commercial-residential building"),
    ("place_type", "residential_compound", "住宅小区", "Residential compound"),
    *YES_NO,
    *CHANNELS,
]

FORMS = {
    "huhutong_household.xlsx": (HOUSEHOLD_SURVEY, HOUSEHOLD_CHOICES, {
        "form_id": "huhutong_household", "version": "2026120601",
        "form_title": "户户通入户核查表", "default_language": ZH}),
    "public_place.xlsx": (PUBLIC_SURVEY, PUBLIC_CHOICES, {
        "form_id": "public_place", "version": "2026112501",
        "form_title": "公共场所有线电视接入核查表", "default_language": ZH}),
}

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _sheet(wb: Workbook, title: str, columns: tuple[str, ...], rows: list[tuple | dict],
           widths: dict[str, int]) -> None:
    ws = wb.create_sheet(title)
    ws.append(list(columns))
    for cell in ws[1]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    for row in rows:
        values = [row.get(c, "") for c in columns] if isinstance(row, dict) else list(row)
        ws.append([v if v != "" else None for v in values])
    for i, c in enumerate(columns):
        letter = ws.cell(row=1, column=i + 1).column_letter
        ws.column_dimensions[letter].width = widths.get(c.split("::")[0], 14)
    ws.freeze_panes = "C2" if title == "survey" else "A2"


def build(name: str, out_dir: Path = HERE) -> Path:
    survey, choices, settings = FORMS[name]
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "survey", SURVEY_COLUMNS, survey,
           {"type": 28, "name": 22, "label": 30, "hint": 26, "relevant": 36, "constraint": 36,
            "constraint_message": 28, "calculation": 40, "choice_filter": 30})
    has_modes = any(len(c) > 4 for c in choices)
    columns = CHOICE_COLUMNS + (("modes",) if has_modes else ())
    _sheet(wb, "choices", columns,
           [tuple(c) + (("",) * (len(columns) - len(c))) for c in choices],
           {"list_name": 20, "name": 24, "label": 30, "modes": 22})
    _sheet(wb, "settings", SETTINGS_COLUMNS, [settings],
           {"form_id": 22, "version": 14, "form_title": 30, "default_language": 18})
    path = out_dir / name
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(_reproducible(buf.getvalue(), settings["version"]))
    return path


def _reproducible(xlsx: bytes, version: str) -> bytes:
    """The same workbook bytes on every run: fixed zip timestamps and document dates (taken from
    the form version, YYYYMMDDnn), so rebuilding an unchanged form changes nothing in git."""
    stamp = f"{version[:4]}-{version[4:6]}-{version[6:8]}T00:00:00Z"
    date_time = (int(version[:4]), int(version[4:6]), int(version[6:8]), 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", lambda m: m.group(1)
                              + stamp.encode(), data)
            entry = zipfile.ZipInfo(info.filename, date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    return out.getvalue()


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else HERE
    for name in FORMS:
        print(build(name, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
