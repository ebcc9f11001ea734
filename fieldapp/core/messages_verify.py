"""The error catalogue, chapter verify: what checking a printed sheet's QR code says (`fieldapp
sheets verify`, the scanner dialog; fieldapp.reports.verify).  Entries become members of
ErrorCode; FIELD_EN gives the English of the printed sheets' column headings a change names."""

from __future__ import annotations

from .message_template import Template as T


class VerifyMessages:
    # ---- the answer's headline (VerifyResult.status) -------------------------------------------
    STATUS_GENUINE = T("真实（县级签名有效）", "Genuine (the county's signature is valid)")
    STATUS_CHANGED = T("签名有效，但打印后数据有变化",
                       "The signature is valid, but the data changed since printing")
    STATUS_ALTERED = T("已被改动（签名不符）", "Altered (the signature does not match)")
    STATUS_NOT_THIS_COUNTY = T("不是本县签发", "Not issued by this county")
    STATUS_OTHER_PRINTING = T("签名有效，但属于另一次打印",
                              "The signature is valid, but from another printing")
    STATUS_UNSIGNED = T("未签名（旧版）", "Not signed (an older version)")
    STATUS_UNKNOWN = T("无法核验", "Cannot be verified")
    # ---- which page ------------------------------------------------------------------------------
    SHEET_VILLAGE = T("入户核查确认表", "household check sheet")
    SHEET_PLACES = T("公共场所核查表", "public places check sheet")
    SHEET_SLIP = T("入户确认单", "household slip")
    VERIFY_PAGE = T("{area} {sheet} 第 {page} 页（{printed_at} 打印）",
                    "{area} {sheet} page {page} (printed {printed_at})")
    # ---- the answer ------------------------------------------------------------------------------
    VERIFY_SIGNATURE_CHANGED = T(
        "{status}：二维码的县级签名无效，内容在签发后被改动，或不是本县签发的核查表",
        "{status}: the QR code's county signature is not valid: the content was changed after "
        "it was issued, or the sheet was not issued by this county")
    VERIFY_SIGNATURE_FOREIGN = T("{status}：二维码的县级签名无效，区划 {area} 不属于本县",
                                 "{status}: the QR code's county signature is not valid; area "
                                 "{area} is not in this county")
    VERIFY_UNSIGNED = T("{status}，不能证明由县里签发；{rest}",
                        "{status}, so it cannot prove the county issued it; {rest}")
    VERIFY_NO_AREA = T("本数据库中没有区划 {area}，无法核验",
                       "This database has no area {area}: cannot verify")
    VERIFY_SLIP_UNREGISTERED = T("{page}：本库没有这张确认单的打印记录，无法核验",
                                 "{page}: this database did not print this slip: cannot verify")
    VERIFY_SAME_UNREGISTERED = T("{page}：与当前数据一致（本库没有这张表的打印记录）",
                                 "{page}: matches the current data (this database did not "
                                 "print the sheet)")
    VERIFY_DIFFERS_UNREGISTERED = T(
        "{page}：与当前数据不一致；本库没有这张表的打印记录，无法列出具体变化",
        "{page}: does not match the current data; this database did not print the sheet, so "
        "what changed cannot be listed")
    VERIFY_OTHER_PRINTING = T("{page}：二维码与本库的打印记录不符，属于另一次打印",
                              "{page}: the QR code does not match this database's record of the "
                              "printing; it is from another printing")
    VERIFY_FINDINGS = T("{page}：{findings}", "{page}: {findings}")
    VERIFY_SAME = T("与数据库一致", "matches the database")
    VERIFY_ROWS_CHANGED = T("本页 {count} 户（处）有变化",
                            "rows changed on this page: {count}")
    VERIFY_ROWS_ADDED = T("打印后新增 {count} 户（处）未列在该表上，需重新打印",
                          "added since printing and not on the sheet: {count}; print it again")
    # ---- one row of the page ---------------------------------------------------------------------
    ROW_ADDED = T("{name}：打印后新增，表上没有", "{name}: added since printing, not on the sheet")
    ROW_GONE = T("{name}：{why}", "{name}: {why}")
    ROW_CHANGED = T("{name}：{fields}", "{name}: {fields}")
    ROW_FIELD = T("{field} {printed} → {now}", "{field} {printed} -> {now}")
    ROW_EMPTY = T("（空）", "(empty)")
    GONE_DELETED = T("已从数据库删除", "deleted from the database")
    GONE_MERGED = T("已合并到另一户（重复户）", "merged into another household (a duplicate)")
    GONE_OTHER_TOWNSHIP = T("已移至其他乡镇", "moved to another township")
    GONE_OTHER_VILLAGE = T("已移至其他村", "moved to another village")


# The printed sheets' column headings (reports.sheet_rows, reports.household_slip) in English.
FIELD_EN = {
    "组": "group", "户主姓名": "head of household", "身份证号码": "ID number",
    "联系电话": "phone", "收视方式": "reception", "核查状态": "check status", "原因": "reason",
    "后续跟进": "follow-up", "类型": "type", "名称": "name", "所在村（社区）": "village",
    "有线电视": "cable TV", "终端数": "terminals", "能收看的频道": "channels received",
    "未开通原因": "why not connected", "核查人": "checked by", "家庭人口": "household size",
    "地址": "address", "能否正常收看": "reception works", "电视机台数": "TV sets",
    "运营商": "operator", "宽带": "broadband", "有线付费用户": "paying cable subscriber",
    "已移交": "handed over", "被收取费用": "charged", "收费金额及收费人": "amount and charged by",
    "应急广播终端": "emergency broadcast terminal", "终端是否正常": "terminal works",
    "满意度": "satisfaction", "核查时间": "checked at",
}
