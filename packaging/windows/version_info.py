"""Windows version resource (file properties → Details) for fieldapp.exe, from the package
version. Used by packaging/fieldapp.spec on Windows only."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATE = """# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={t}, prodvers={t}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', 'fieldapp'),
      StringStruct('FileDescription', '户户通入户核查 fieldapp'),
      StringStruct('FileVersion', '{v}'),
      StringStruct('InternalName', 'fieldapp'),
      StringStruct('OriginalFilename', 'fieldapp.exe'),
      StringStruct('ProductName', 'fieldapp 户户通入户核查'),
      StringStruct('ProductVersion', '{v}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""


def version_tuple(version: str) -> tuple[int, int, int, int]:
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:4]]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def write_version_file(version: str, path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(t=version_tuple(version), v=version), encoding="utf-8")
    return str(path)
