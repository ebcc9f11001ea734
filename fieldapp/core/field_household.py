"""A household found in the field (新发现户): what the doorway dialog and `fieldapp household add`
accept, checked before anything is written. Pure rules; the store writes the record.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import FieldappError
from .idcard import id_said, normalize_phone, normalize_text, phone_said
from .register_rows import group_text
from .validation import coordinate_said
from fieldapp.core.messages import ErrorCode

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
            raise FieldHouseholdError(ErrorCode.FIELD_NAME_EMPTY)
        if len(name) > MAX_NAME:
            raise FieldHouseholdError(ErrorCode.FIELD_NAME_TOO_LONG, limit=MAX_NAME)
        group, door = group_text(self.group_no), normalize_text(self.door)
        for entry, value in ((ErrorCode.FIELD_GROUP_TOO_LONG, group),
                             (ErrorCode.FIELD_DOOR_TOO_LONG, door)):
            if len(value) > MAX_TEXT:
                raise FieldHouseholdError(entry, limit=MAX_TEXT)
        phone = normalize_phone(self.phone)
        if phone and (problem := phone_said(phone)):
            raise FieldHouseholdError(ErrorCode.FIELD_PHONE, problem=problem)
        idn = normalize_text(self.id_number).replace(" ", "").upper()
        if idn and (problem := id_said(idn)):
            raise FieldHouseholdError(ErrorCode.FIELD_ID_NUMBER, problem=problem)
        if (self.lat is None) != (self.lon is None):
            raise FieldHouseholdError(ErrorCode.FIELD_POSITION_PAIR)
        if self.lat is not None and (problem := coordinate_said(self.lon, self.lat)):
            raise FieldHouseholdError(ErrorCode.FIELD_POSITION, problem=problem)
        return NewHousehold(self.village_code, name, group, door, phone, idn,
                            None if self.lat is None else float(self.lat),
                            None if self.lon is None else float(self.lon))
