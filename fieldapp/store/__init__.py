"""SQLite storage: schema, migrations, the change log and queries. The only layer that runs SQL."""

from .db import Store
from .errors import StoreError

__all__ = ["Store", "StoreError"]
