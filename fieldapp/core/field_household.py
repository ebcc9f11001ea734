"""A household found in the field (新发现户): what the doorway dialog and `fieldapp household add`
accept, checked before anything is written. Pure rules; the store writes the record.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import FieldappError
from .idcard import normalize_phone, normalize_text
from .register_rows import group_text
from .validation import coordinate_problem, id_problem, phone_problem

FIELD_SOURCE = "field"  # households.source of a household found in the field
MAX_NAME = 40
MAX_TEXT = 80


class FieldHouseholdError(FieldappError):
    code = "field_household"


@dataclass
class NewHousehold:
    village_code: str
    head_name: str
    group_no: str = ""
    door: str = ""
    phone: str = ""
    id_number: str = ""
    lat: float | None = None
    lon: float | None = None

    def cleaned(self) -> NewHousehold:
        """The same household with whitespace and full-width digits normalised; raises
        FieldHouseholdError naming the field when a value cannot be kept."""
        name = normalize_text(self.head_name)
        if not name:
            raise FieldHouseholdError("户主姓名不能为空")
        if len(name) > MAX_NAME:
            raise FieldHouseholdError(f"户主姓名过长（最多 {MAX_NAME} 个字）")
        group, door = group_text(self.group_no), normalize_text(self.door)
        for label, value in (("村民小组", group), ("门牌号", door)):
            if len(value) > MAX_TEXT:
                raise FieldHouseholdError(f"{label}过长（最多 {MAX_TEXT} 个字）")
        phone = normalize_phone(self.phone)
        if phone and (problem := phone_problem(phone)):
            raise FieldHouseholdError(f"联系电话: {problem}")
        idn = normalize_text(self.id_number).replace(" ", "").upper()
        if idn and (problem := id_problem(idn)):
            raise FieldHouseholdError(f"身份证号: {problem}")
        if (self.lat is None) != (self.lon is None):
            raise FieldHouseholdError("位置要同时给出纬度和经度")
        if self.lat is not None and (problem := coordinate_problem(self.lon, self.lat)):
            raise FieldHouseholdError(f"位置: {problem}")
        return NewHousehold(self.village_code, name, group, door, phone, idn,
                            None if self.lat is None else float(self.lat),
                            None if self.lon is None else float(self.lon))
