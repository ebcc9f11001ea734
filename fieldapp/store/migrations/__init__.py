"""Schema migrations, one module per version: `vNNN_name.py` defines `SQL` (a script of
statements separated by ';') or `migrate(conn)`. Version NNN brings a database from NNN - 1 to NNN.
Append only; never edit a migration that has shipped.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

MIGRATIONS: dict[int, object] = {}
for _m in pkgutil.iter_modules(__path__):
    _match = re.fullmatch(r"v(\d{3})_\w+", _m.name)
    if _match:
        _mod = importlib.import_module(f"{__name__}.{_m.name}")
        MIGRATIONS[int(_match.group(1))] = getattr(_mod, "migrate", None) or _mod.SQL

SCHEMA_VERSION = max(MIGRATIONS)
