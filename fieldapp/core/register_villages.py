"""Which village a register row belongs to, from its village name (and township name or a
division code when the file has them). Pure: built from the county's list of areas.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .divisions import Area, CodeError, level_of, normalize_code
from .messages import ErrorCode, Said

_SUFFIXES = ("村民委员会", "居民委员会", "社区居委会", "村委会", "居委会", "社区", "村", "居")
_TOWN_SUFFIXES = ("人民政府", "街道办事处", "街道", "镇", "乡")


def name_key(name: str, suffixes: tuple[str, ...] = _SUFFIXES) -> str:
    """"东街村委会" / "东街村" / " 东 街 " -> "东街"."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(name or "")))
    for suffix in suffixes:
        if s.endswith(suffix) and len(s) > len(suffix):
            return s[: -len(suffix)]
    return s


@dataclass(frozen=True)
class Resolved:
    code: str | None
    problem: Said | None = None


class VillageResolver:
    """Find a village code by name within the county (or within a township when given)."""

    def __init__(self, areas: Iterable[Area]):
        self.villages: dict[str, Area] = {}
        self.towns: dict[str, Area] = {}
        self._by_name: dict[str, list[str]] = {}
        self._by_exact: dict[str, list[str]] = {}
        self._town_by_name: dict[str, list[str]] = {}
        for a in areas:
            if a.level == "village":
                self.villages[a.code] = a
                self._by_exact.setdefault(re.sub(r"\s+", "", a.name), []).append(a.code)
                self._by_name.setdefault(name_key(a.name), []).append(a.code)
            elif a.level == "township":
                self.towns[a.code] = a
                for key in {name_key(a.name, _TOWN_SUFFIXES), a.name}:
                    self._town_by_name.setdefault(key, []).append(a.code)

    def town_name(self, code: str) -> str:
        return self.towns[code[:9] + "000"].name if code[:9] + "000" in self.towns else ""

    def resolve(self, village: str = "", township: str = "", code: str = "",
                fixed: str | None = None) -> Resolved:
        """`fixed` is the village chosen for the whole file (--village): a village named in the
        row must then agree with it; or a township (--township): the row's village is looked up
        among that township's villages only."""
        within = fixed[:9] if fixed and fixed.endswith("000") else None
        if within:
            fixed = None
        code = str(code or "").strip()
        village = str(village or "").strip()
        if code:
            return self._by_code(code, fixed, within)
        if fixed:
            if village and fixed not in self._by_name.get(name_key(village), []) + \
                    self._by_exact.get(re.sub(r"\s+", "", village), []):
                return Resolved(None, Said(ErrorCode.ROW_VILLAGE_NOT_CHOSEN, village=village,
                                               chosen=self.villages[fixed].name))
            return Resolved(fixed)
        if not village:
            return Resolved(None, Said(ErrorCode.ROW_NO_VILLAGE))
        return self._by_village_name(village, str(township or "").strip(), within)

    def _by_code(self, code: str, fixed: str | None, within: str | None) -> Resolved:
        try:
            c = normalize_code(unicodedata.normalize("NFKC", code).replace(".0", ""))
        except CodeError:
            return Resolved(None, Said(ErrorCode.ROW_BAD_VILLAGE_CODE, value=code))
        if level_of(c) != "village" or c not in self.villages:
            return Resolved(None, Said(ErrorCode.ROW_NO_SUCH_CODE, value=code))
        if (fixed and c != fixed) or (within and not c.startswith(within)):
            return Resolved(None, Said(ErrorCode.ROW_CODE_NOT_CHOSEN, value=code))
        return Resolved(c)

    def _by_village_name(self, village: str, township: str, within: str | None) -> Resolved:
        exact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", village))
        found = self._by_exact.get(exact) or self._by_name.get(name_key(village), [])
        if len(found) > 1 and exact not in self._by_exact:
            # "火炬村" between 火炬村委会 and 火炬社区: keep the names it is the start of
            found = [c for c in found if self.villages[c].name.startswith(exact)] or found
        if within:
            found = [c for c in found if c.startswith(within)]
            if not found:
                town = self.towns.get(within + "000")
                return Resolved(None, Said(ErrorCode.ROW_NO_VILLAGE_IN_TOWN,
                                           town=town.name if town else within, village=village))
        if township:
            towns = self._town_by_name.get(name_key(township, _TOWN_SUFFIXES), [])
            if not towns:
                return Resolved(None, Said(ErrorCode.ROW_NO_SUCH_TOWNSHIP, township=township))
            found = [c for c in found if c[:9] + "000" in towns]
        if not found:
            if township:
                return Resolved(None, Said(ErrorCode.ROW_NO_VILLAGE_IN_NAMED, township=township,
                                           village=village))
            return Resolved(None, Said(ErrorCode.ROW_NO_VILLAGE_IN_COUNTY, village=village))
        if len(found) > 1:
            return Resolved(None, Said(ErrorCode.ROW_VILLAGE_AMBIGUOUS, village=village))
        return Resolved(found[0])
