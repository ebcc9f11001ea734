import pytest

from fieldapp.reports.errors import PayloadError
from fieldapp.reports.payload import Payload, parse, rows_hash
from fieldapp.reports.sheet_rows import masked_id, masked_phone

P = Payload("village", "140824100201", "202611251830", 3, 12, "48213377", "1A2B3C4D5E6F7A8B")


def test_payload_round_trip_and_is_qr_alphanumeric():
    text = P.text()
    assert text == "HHT1-V-140824100201-202611251830-003-012-48213377-1A2B3C4D5E6F7A8B"
    assert set(text) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-")
    assert parse(text) == P


def test_parse_forgives_what_a_scanner_or_ime_types():
    text = P.text()
    full_width = "".join(chr(ord(ch) + 0xFEE0) if ch.isalnum() else "－" for ch in text)
    assert parse(full_width) == P
    assert parse("  " + text.lower() + "\r\n") == P


@pytest.mark.parametrize("bad,why", [
    ("", "为空"),
    ("https://example.com/x", "不是本系统"),
    ("HHT1-V-140824100201-202611251830-003", "不完整"),
    ("HHT1-V-140824100201-202611251830-013-012-48213377-1A2B3C4D5E6F7A8B", "页码无效"),
])
def test_bad_payloads_are_named(bad, why):
    with pytest.raises(PayloadError, match=why):
        parse(bad)


def test_row_hash_covers_content_and_order():
    rows = [("u1", ("1", "张三")), ("u2", ("1", "李四"))]
    assert rows_hash(rows) != rows_hash(rows[::-1])
    assert rows_hash(rows) != rows_hash([("u1", ("1", "张山")), rows[1]])
    assert rows_hash([]) == rows_hash([])


def test_masking_never_prints_a_full_number():
    assert masked_id("140824199001011234") == "140824********1234"
    assert masked_id("140824********1234") == "140824********1234"
    assert masked_phone("13912345678") == "139****5678"
    assert masked_phone("0359-5523456") == "035*****3456"
    assert masked_phone(None) == ""
