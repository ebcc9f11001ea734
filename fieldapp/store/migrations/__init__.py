"""Schema migrations, one module per version: `vNNN_name.py` defines `SQL` (a script of
statements separated by ';') or `migrate(conn)`. Version NNN brings a database from NNN - 1 to NNN.
Append only; never edit a migration that has shipped.
"""

from __future__ import annotations

import importlib
import pkgutil
import re



class Pending:
    """A migration whose module is imported only when a database needs it (opening a database
    of the current version, as every start of the app does, imports none of them)."""

    def __init__(self, module: str):
        self.module = module

    def load(self) -> object:
        """The module's `migrate` function, else its `SQL`."""
        mod = importlib.import_module(self.module)
        return getattr(mod, "migrate", None) or mod.SQL


MIGRATIONS: dict[int, object] = {}
for _m in pkgutil.iter_modules(__path__):
    _match = re.fullmatch(r"v(\d{3})_\w+", _m.name)
    if _match:
        MIGRATIONS[int(_match.group(1))] = Pending(f"{__name__}.{_m.name}")

SCHEMA_VERSION = max(MIGRATIONS)
