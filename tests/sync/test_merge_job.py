"""The merge job `fieldapp bundle merge` and Sync → Merge bundles… both call: a preview or a dry
run writes nothing and makes no backup; a merge backs the database up first, then merges."""

from sync_helpers import COUNTY_PW, snapshot

from fieldapp.jobs.merge_bundles import merge_bundles, preview_bundles
from fieldapp.store.backups.backup import list_backups


def test_merge_job_backs_up_before_a_merge_and_not_before_a_preview(field_setup):
    f = field_setup
    laptop = f.laptop("lap1")
    bundle = f.export(laptop, "lap1.fab")
    before = snapshot(f.county_path)
    with f.county() as s:
        preview = preview_bundles(s, [bundle], COUNTY_PW)
        dry = merge_bundles(s, [bundle], COUNTY_PW, dry_run=True)
    assert len(preview.reports) == len(dry.reports) == 1 and not preview.rejected
    assert snapshot(f.county_path) == before
    assert "merge" not in [b.reason for b in list_backups(f.county_path)]
    with f.county() as s:
        done = merge_bundles(s, [bundle], COUNTY_PW)
    assert done.reports[0].status == "merged" and not done.rejected
    assert "merge" in [b.reason for b in list_backups(f.county_path)]
