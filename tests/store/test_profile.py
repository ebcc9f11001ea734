"""The database profile (role, township, surveyor, device name) the settings dialog edits."""

import pytest

from fieldapp.store.profile import ProfileError, profile, set_profile, townships


def test_profile_changes_settings_and_own_device_row(store):
    set_profile(store, role="township", township_code="140824102", surveyor=" 王芳 ",
                device_name="化峪镇-1")
    p = profile(store)
    assert (p["role"], p["township_code"], p["surveyor"], p["device_name"]) == (
        "township", "140824102000", "王芳", "化峪镇-1")
    row = store.conn.execute("SELECT name, role, township_code FROM devices WHERE device_id = ?",
                             (store.device_id,)).fetchone()
    assert tuple(row) == ("化峪镇-1", "township", "140824102000")


@pytest.mark.parametrize("kwargs", [
    {"role": "boss"},
    {"township_code": "140824999"},           # not a township of this county
    {"township_code": "140824100200"},        # a village, not a township
    {"device_name": "   "},
])
def test_bad_values_change_nothing(store, kwargs):
    before = profile(store)
    with pytest.raises(ProfileError):
        set_profile(store, surveyor="someone", **kwargs)
    assert profile(store) == before


def test_townships_are_the_real_list(store):
    names = [n for _, n in townships(store)]
    assert len(names) == 9 and names[0] == "稷峰镇"
