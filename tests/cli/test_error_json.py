"""`--json` and an error: the stable code (and both languages when catalogued) on stdout."""

import json

from fieldapp.cli import main


def test_json_error_gives_the_code(tmp_path, capsys):
    missing = tmp_path / "没有这个.sqlite"
    assert main(["check", str(missing), "--json"]) == 1
    out, err = capsys.readouterr()
    error = json.loads(out)["error"]
    assert error["code"] == "not_found"
    assert str(missing) in (error["where"] or "") + error["message"]
    assert "fieldapp:" in err  # the sentence for people still goes to stderr


def test_without_json_only_the_sentence(tmp_path, capsys):
    assert main(["check", str(tmp_path / "x.sqlite")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "fieldapp:" in err
