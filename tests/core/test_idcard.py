from fieldapp.core.idcard import (
    hash_id, id_check_char, id_problem, is_valid_id, keyed_hasher, keyed_id_hash, mask_id,
    normalize_id, phone_problem,
)


def test_known_valid_id_with_x_checksum():
    # GB 11643-1999 worked example: 11010519491231002X
    assert id_check_char("11010519491231002") == "X"
    assert is_valid_id("11010519491231002X")
    assert is_valid_id("11010519491231002x")  # lower-case x accepted


def test_checksum_and_length_errors_have_reasons():
    assert "校验位" in id_problem("110105194912310021")
    assert "18 位" in id_problem("1101051949123100")
    assert "出生日期" in id_problem("110105194913310026")


def test_full_width_digits_normalised():
    assert normalize_id("１１０１０５１９４９１２３１００２Ｘ") == "11010519491231002X"
    assert is_valid_id(" １１０１０５１９４９１２３１００２Ｘ ")


def test_mask_keeps_region_and_last_four():
    assert mask_id("14082419900101123X") == "140824********123X"


def test_hash_is_salted():
    a = hash_id("11010519491231002X", "salt-a")
    assert a == hash_id("11010519491231002x", "salt-a")
    assert a != hash_id("11010519491231002X", "salt-b")


def test_phones():
    assert phone_problem("13812345678") is None
    assert phone_problem("0359-5521234") is None
    assert phone_problem("") is None
    assert phone_problem("12345") is not None


def test_keyed_hasher_gives_keyed_id_hash_for_every_number_in_turn():
    key, salt = bytes(range(32)), "县盐"
    numbers = ["11010519491231002X", "140824199001011234", "330411198502170017"]
    hasher = keyed_hasher(salt, key)
    got = [hasher(n) for n in numbers + numbers[:1]]  # reused state: no number leaks into the next
    assert got == [keyed_id_hash(n, salt, key) for n in numbers + numbers[:1]]
    assert len(set(got)) == 3
    assert keyed_hasher(salt, bytes(32))(numbers[0]) != got[0]  # another county's key
