"""Every line a command prints is English with an English locale (LANG=en_...) and Chinese by
default: real commands in their own processes, on success and on failure.  Only data values
(area and household names, what the user typed) may be Chinese in English output; `--json`
carries the error's stable code."""

import json
import os
import re
import subprocess
import sys

import pytest

from fieldapp.store import Store

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
PASSPHRASE = "correct horse battery staple 42"
NO_VILLAGE = "没有这个村"


def run(lang: str | None, *args):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    if lang:
        env["LANG"] = lang
    env["FIELDAPP_PASSPHRASE"] = PASSPHRASE
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)], env=env,
                          check=False, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def setting(tmp_path_factory, demo_template):
    """The demo county, a county database with keys, a bad register and a bad bundle, and the
    data values (names) that may stay Chinese."""
    tmp = tmp_path_factory.mktemp("english")
    county = tmp / "county.sqlite"
    made = run("en_US.UTF-8", "init", county, "--role", "county", "--county", "140824")
    assert made.returncode == 0, made.stderr
    (tmp / "bad.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp / "bad.fab").write_bytes(b"not a bundle at all" * 10)
    with Store.open(demo_template, readonly=True) as store:
        names = {r[0] for r in store.conn.execute("SELECT name FROM areas") if r[0]}
        names |= {r[0] for r in store.conn.execute("SELECT head_name FROM households")
                  if r[0]}
    names.add(NO_VILLAGE)
    return {"db": demo_template, "county": county, "tmp": tmp,
            "names": sorted(names, key=len, reverse=True)}


COMMANDS = {
    "info": (0, ["info", "{db}"]),
    "reconcile": (0, ["reconcile", "{db}"]),
    "gaps": (0, ["gaps", "{db}", "--township", "140824100", "-o", "{tmp}/gaps_{lang}.xlsx"]),
    "check": (0, ["check", "{db}"]),
    "sheets_wrong_village": (1, ["sheets", "{db}", "--village", NO_VILLAGE, "-o",
                                 "{tmp}/s.pdf"]),
    "import_bad_register": (1, ["import-register", "{db}", "{tmp}/bad.csv", "--dry-run"]),
    "merge_bad_bundle": (1, ["bundle", "merge", "{county}", "{tmp}/bad.fab"]),
    "check_missing": (1, ["check", "{tmp}/none.sqlite"]),
}


def _args(setting, argv, lang):
    return [a.format(db=setting["db"], county=setting["county"], tmp=setting["tmp"],
                     lang=lang) for a in argv]


def _without_data(text: str, names) -> str:
    for name in names:
        text = text.replace(name, "")
    return text


@pytest.mark.parametrize("name", COMMANDS)
def test_english_locale_prints_english(setting, name):
    code, argv = COMMANDS[name]
    r = run("en_US.UTF-8", *_args(setting, argv, "en"))
    assert r.returncode == code, r.stderr
    assert "Traceback" not in r.stderr and (r.stdout + r.stderr).strip()
    left = _without_data(r.stdout + r.stderr, setting["names"])
    assert not CJK.search(left), [line for line in left.splitlines() if CJK.search(line)]


@pytest.mark.parametrize("name", COMMANDS)
def test_chinese_is_the_default(setting, name):
    code, argv = COMMANDS[name]
    r = run(None, *_args(setting, argv, "zh"))
    assert r.returncode == code, r.stderr
    assert CJK.search(_without_data(r.stdout + r.stderr, setting["names"]))


@pytest.mark.parametrize("argv, code", [
    (["sheets", "{db}", "--village", NO_VILLAGE, "-o", "{tmp}/s.pdf", "--json"],
     "area_not_found"),
    (["import-register", "{db}", "{tmp}/bad.csv", "--dry-run", "--json"], "no_header"),
    (["check", "{tmp}/none.sqlite", "--json"], "not_found"),
    (["sheets", "{db}", "-o", "{tmp}/s.pdf", "--json"], "usage"),
])
def test_json_errors_carry_the_code_and_both_sentences(setting, argv, code):
    r = run("en_US.UTF-8", *_args(setting, argv, "en"))
    assert r.returncode == 1
    error = json.loads(r.stdout)["error"]
    assert error["code"] == code
    assert CJK.search(error["message"]) and not CJK.search(
        _without_data(error["message_en"], setting["names"]))
    assert error["message_en"] in r.stderr


def test_a_refused_bundle_says_why_in_both_languages(setting):
    r = run("en_US.UTF-8", "bundle", "merge", setting["county"], setting["tmp"] / "bad.fab",
            "--json")
    rejected = json.loads(r.stdout)["rejected"]
    assert r.returncode == 1 and rejected[0]["code"] == "bundle_rejected"
    assert rejected[0]["reason_en"] == "Not a fieldapp bundle (wrong file header)"
    assert rejected[0]["reason"] == "不是 fieldapp 同步包（文件头不对）"


def test_every_help_text_has_its_english():
    from fieldapp.cli import build_parser
    from fieldapp.cli.help_en import table, texts

    english = table()
    missing = {getattr(owner, attr) for owner, attr in texts(build_parser())
               if isinstance(getattr(owner, attr), str) and CJK.search(getattr(owner, attr))
               and getattr(owner, attr) not in english}
    assert missing == set(), "add a line to resources/i18n/en/cli_help.tsv"
    assert all(en.isascii() and en.strip() for en in english.values())


@pytest.mark.parametrize("argv", [["--help"], ["sheets", "--help"], ["gaps", "--help"],
                                  ["import-register", "--help"], ["bundle", "merge", "--help"]])
def test_help_in_english_and_by_default_in_chinese(argv):
    en, zh = run("en_US.UTF-8", *argv), run(None, *argv)
    assert en.returncode == zh.returncode == 0
    assert not CJK.search(en.stdout) and CJK.search(zh.stdout)
    assert "show this help message" in en.stdout and "显示本帮助" in zh.stdout


def test_usage_errors_follow_the_language():
    en, zh = run("en_US.UTF-8", "sheets"), run(None, "sheets")
    assert en.returncode == zh.returncode == 2
    assert "the following arguments are required" in en.stderr and not CJK.search(en.stderr)
    assert "缺少必需的参数" in zh.stderr and "usage" not in zh.stderr and "error" not in zh.stderr
