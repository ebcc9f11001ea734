import os

import pytest
from pg_cluster import Cluster, find_bin, has_postgis


@pytest.fixture(scope="session")
def pg_cluster():
    bindir = find_bin()
    if bindir is None or not has_postgis(bindir):
        reason = "PostgreSQL/PostGIS 未安装（make deps 会安装 postgresql 和 postgresql-postgis）"
        if os.environ.get("CI"):
            pytest.fail(reason + "：CI 中不允许跳过")
        pytest.skip(reason)
    cluster = Cluster(bindir).start()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """A fresh empty database on the test cluster."""
    return pg_cluster.new_database()
