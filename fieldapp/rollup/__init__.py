"""City and province roll-up on PostgreSQL/PostGIS (psycopg 3).

A county database pushes its state to a shared PostgreSQL server (`push`); the server's schema is
created and migrated by `init` (`schema`); the coverage report across counties is computed in SQL
on the server (`report`). PostgreSQL SQL lives in this package, as SQLite SQL lives in `store`.
"""
