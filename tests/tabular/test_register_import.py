"""Importing messy registers into the database: exact row-numbered rejects, idempotent re-import,
corrected files update only what changed, and cancel or error leaves the database as it was."""

import csv
import json

import pytest
from openpyxl import load_workbook

from fieldapp.core.progress import Cancelled as ImportCancelled
from fieldapp.demo.sample_register import make_register
from fieldapp.tabular.read import TabularError, read_table
from fieldapp.jobs.register_import import import_register, write_rejects


def villages(store, n=3):
    return [tuple(r) for r in store.conn.execute(
        "SELECT code, name FROM areas WHERE level = 'village' ORDER BY code LIMIT ?", (n,))]


def counts(store):
    """Row counts, and the index definitions (a big import builds some indexes after its rows:
    a cancel or an error must leave every one of them in place)."""
    one = lambda sql: store.conn.execute(sql).fetchone()[0]
    indexes = store.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchall()
    return (one("SELECT count(*) FROM households"), one("SELECT count(*) FROM changes"),
            one("SELECT count(*) FROM audit_log"), indexes)


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".csv"])
def test_messy_register_imports_with_exact_rejects_and_twice_changes_nothing(store, tmp_path,
                                                                             suffix):
    sample = make_register(tmp_path / f"reg{suffix}", villages(store), 400, seed=11)
    assert sample.rejects, "the generator must spoil some rows"
    result = import_register(store, sample.path)
    assert {p.row: p.reason for p in result.rejected}.keys() == sample.rejects.keys()
    kinds = {"bad_id": "校验位", "dup_id": "身份证号相同", "float_id": "末几位已丢失",
             "dup_name": "同名"}
    for p in result.rejected:
        assert kinds[sample.rejects[p.row]] in p.reason
    assert result.added == len(sample.good_rows) and result.updated == result.unchanged == 0
    assert result.header_row == sample.header_row
    assert counts(store)[0] == len(sample.good_rows)

    before = counts(store)
    again = import_register(store, sample.path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(sample.good_rows))
    assert [p.row for p in again.rejected] == [p.row for p in result.rejected]
    assert counts(store) == before  # no household, no change-log entry, no audit entry


def test_groups_merged_down_and_names_cleaned(store, tmp_path):
    sample = make_register(tmp_path / "reg.xlsx", villages(store, 1), 120, seed=3)
    import_register(store, sample.path)
    groups = dict(store.conn.execute(
        "SELECT group_no, count(*) FROM households GROUP BY group_no"))
    assert set(groups) == {"1", "2", "3"}  # every row got its merged 组
    names = [r[0] for r in store.conn.execute("SELECT head_name FROM households")]
    assert all(" " not in n and n for n in names)
    ids = [r[0] for r in store.conn.execute("SELECT id_masked FROM households WHERE id_masked"
                                            " IS NOT NULL")]
    assert all(len(m) == 18 and m[6:14] == "********" for m in ids)


def test_corrected_file_updates_only_changed_households(store, tmp_path):
    vs = villages(store, 1)
    path = tmp_path / "reg.csv"
    make_register(path, vs, 60, seed=5, messy=False, encoding="utf-8")
    first = import_register(store, path)
    assert first.added == 60 and not first.rejected
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    rows[3][5] = "13912345678"  # new phone for the household in row 4
    rows[10][6] = "9"  # family size changed in row 11
    rows[20][2] = "2"  # moved to group 2 (matched by ID number)
    with open(path, "w", encoding="gbk", newline="") as fh:  # the office re-saved it as GBK
        csv.writer(fh).writerows(rows)
    n_changes = counts(store)[1]
    second = import_register(store, path)
    assert (second.added, second.updated, second.unchanged) == (0, 3, 57)
    logged = store.conn.execute(
        "SELECT data FROM changes WHERE op = 'update' ORDER BY seq").fetchall()
    assert counts(store)[1] == n_changes + 3
    assert [json.loads(d[0]) for d in logged] == [{"phone": "13912345678"}, {"size": 9},
                                           {"group_no": "2"}]


def test_dry_run_writes_nothing(store, tmp_path):
    sample = make_register(tmp_path / "reg.xlsx", villages(store), 200, seed=2)
    before = counts(store)
    result = import_register(store, sample.path, dry_run=True)
    assert result.added == len(sample.good_rows) and result.dry_run
    assert counts(store) == before


def test_cancel_leaves_database_unchanged(store, tmp_path):
    sample = make_register(tmp_path / "reg.csv", villages(store), 5000, seed=4, messy=False)
    before = counts(store)
    calls = []

    def progress(done, total):
        calls.append(done)
        return len(calls) < 3  # cancel once writing is under way

    with pytest.raises(ImportCancelled):
        import_register(store, sample.path, progress=progress)
    assert counts(store) == before
    assert store.conn.execute("SELECT count(*) FROM import_log").fetchone()[0] == 0


def test_error_midway_leaves_database_unchanged(store, tmp_path, monkeypatch):
    sample = make_register(tmp_path / "reg.csv", villages(store), 3000, seed=4, messy=False)
    before = counts(store)
    from fieldapp.store.sync_log import changes

    real = changes.ChangeWriter.insert_many
    seen = []

    def failing(self, table, records):
        seen.append(1)
        if len(seen) == 2:
            raise OSError("disk gone")
        return real(self, table, records)

    monkeypatch.setattr(changes.ChangeWriter, "insert_many", failing)
    with pytest.raises(OSError):
        import_register(store, sample.path)
    assert counts(store) == before


def test_id_already_registered_in_another_village_is_rejected(store, tmp_path):
    vs = villages(store, 2)
    a = tmp_path / "a.csv"
    make_register(a, vs[:1], 10, seed=9, messy=False)
    import_register(store, a)
    with open(a, encoding="gbk") as fh:
        rows = list(csv.reader(fh))
    rows[4][1] = vs[1][1]  # the same person listed in the other village's register
    b = tmp_path / "b.csv"
    with open(b, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows[:3] + [rows[4]])
    result = import_register(store, b)
    assert [p.row for p in result.rejected] == [4]
    assert "身份证号已登记在" in result.rejected[0].reason


def test_household_without_id_matches_by_village_group_name(store, tmp_path):
    vs = villages(store, 1)
    p = tmp_path / "r.csv"
    p.write_text(f"村,组,户主,电话\n{vs[0][1]},1,张三,\n{vs[0][1]},1,李四,\n", encoding="utf-8")
    assert import_register(store, p).added == 2
    p.write_text(f"村,组,户主,电话\n{vs[0][1]},1,张三,13800138000\n{vs[0][1]},1,李四,\n",
                 encoding="utf-8")
    again = import_register(store, p)
    assert (again.added, again.updated, again.unchanged) == (0, 1, 1)


def test_fixed_village_and_no_header(store, tmp_path):
    code, _ = villages(store, 1)[0]
    p = tmp_path / "r.csv"
    p.write_text("户主姓名,组\n张三,1\n", encoding="utf-8")
    assert import_register(store, p, village=code).added == 1
    p.write_text("甲,乙\n张三,1\n", encoding="utf-8")
    with pytest.raises(TabularError, match="找不到表头行"):
        import_register(store, p)


def test_rejects_workbook_lists_rows_with_reasons(store, tmp_path):
    sample = make_register(tmp_path / "reg.xlsx", villages(store), 300, seed=11)
    result = import_register(store, sample.path, dry_run=True)
    out = tmp_path / "rejects.xlsx"
    assert write_rejects(out, read_table(sample.path), result) == len(sample.rejects)
    ws = load_workbook(out).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("行号", "原因", "序号", "村委会")
    assert [r[0] for r in rows[1:]] == sorted(sample.rejects)


def test_deleted_or_merged_households_do_not_come_back(store, tmp_path):
    path = tmp_path / "r.csv"
    make_register(path, villages(store, 1), 5, seed=2, messy=False, encoding="utf-8")
    import_register(store, path)
    first, second = (r[0] for r in store.conn.execute(
        "SELECT uuid FROM households ORDER BY uuid LIMIT 2"))
    with store.write() as w:
        w.delete("households", first)
        w.update("households", second, {"merged_into": first})
    again = import_register(store, path)
    assert again.added == 0 and len(again.rejected) == 2
    assert all("已删除或已合并" in p.reason for p in again.rejected)


def test_stored_id_hash_is_the_keyed_hash_of_the_number(store, tmp_path):
    from fieldapp.core.idcard import keyed_id_hash

    _, name = villages(store, 1)[0]
    p = tmp_path / "r.csv"
    p.write_text(f"村,户主,身份证号\n{name},张三,14082419850505105x\n", encoding="utf-8")
    import_register(store, p)
    stored, masked = store.conn.execute("SELECT id_hash, id_masked FROM households").fetchone()
    assert stored == keyed_id_hash("14082419850505105X", store.setting("id_salt"),
                                   bytes.fromhex(store.setting("id_key")))
    assert masked == "140824********105X"


def _plans(monkeypatch):
    """Count how often the register is planned against the database."""
    from fieldapp.jobs import register_import as register_job

    calls = []
    real = register_job.plan_register

    def counting(store, parsed, progress=None):
        calls.append(1)
        return real(store, parsed, progress)

    monkeypatch.setattr(register_job, "plan_register", counting)
    return calls


def test_import_after_its_check_applies_what_was_checked(store, tmp_path, monkeypatch):
    sample = make_register(tmp_path / "reg.xlsx", villages(store), 300, seed=5)
    calls = _plans(monkeypatch)
    check = import_register(store, sample.path, dry_run=True)
    done = import_register(store, sample.path, reuse=check)
    assert len(calls) == 1  # the file was not planned a second time
    assert (done.added, len(done.rejected)) == (check.added, len(check.rejected))
    assert counts(store)[0] == check.added
    # the same check once more: the database has changed since, so it is planned afresh
    again = import_register(store, sample.path, reuse=check)
    assert len(calls) == 2 and again.added == 0 and again.unchanged == check.added


def test_check_is_not_reused_after_another_write_or_other_settings(store, tmp_path, monkeypatch):
    from fieldapp.store import Store

    vs = villages(store, 1)
    p = tmp_path / "r.csv"
    p.write_text(f"村,组,户主\n{vs[0][1]},1,张三\n{vs[0][1]},1,李四\n", encoding="utf-8")
    calls = _plans(monkeypatch)
    check = import_register(store, p, dry_run=True)
    assert check.added == 2
    # meanwhile another window of the app registers 张三 in the same group
    other = Store.open(store.path)
    with other.write("其他窗口") as w:
        w.insert("households", dict(village_code=vs[0][0], group_no="1", head_name="张三"))
    other.close()
    done = import_register(store, p, reuse=check)
    assert len(calls) == 2 and (done.added, done.unchanged) == (1, 1)  # no second 张三
    assert counts(store)[0] == 2
    # a check made with other settings is never applied
    check = import_register(store, p, dry_run=True, village=vs[0][0])
    import_register(store, p, reuse=check)
    assert len(calls) == 4


def test_namesakes_without_id_are_told_apart_by_door_number(store, tmp_path):
    """Two heads called 王伟 in one group: re-importing the register adds nobody twice; the door
    number tells them apart, and without one the row is reported as ambiguous, not added."""
    vs = villages(store, 1)
    v = vs[0][1]
    p = tmp_path / "r.csv"
    p.write_text(f"村,组,户主,门牌号,电话\n{v},1,王伟,东街1号,\n{v},1,王伟,西街9号,\n",
                 encoding="utf-8")
    assert import_register(store, p).added == 2
    p.write_text(f"村,组,户主,门牌号,电话\n{v},1,王伟,东街1号,13800138000\n"
                 f"{v},1,王伟,西街9号,\n", encoding="utf-8")
    again = import_register(store, p)
    assert (again.added, again.updated, again.unchanged) == (0, 1, 1)
    p.write_text(f"村,组,户主,门牌号\n{v},1,王伟,\n", encoding="utf-8")
    third = import_register(store, p)
    assert third.added == 0 and len(third.rejected) == 1
    assert "同名户主" in third.rejected[0].reason
    n = store.conn.execute("SELECT count(*) FROM households WHERE head_name = '王伟'").fetchone()[0]
    assert n == 2
