"""pyxform's `begin loop over LIST` ... `end loop`: the rows between are repeated once per choice
of LIST, each time inside a group named after the choice, with `%(label)s` / `%(name)s` in the
texts replaced by that choice's label / name. fieldapp keeps answers by name, so a question `q` of
loop `rooms` for choice `kitchen` is named `rooms_kitchen_q` (ODK's path rooms/kitchen/q)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from fieldapp.core.messages import ErrorCode, Said

from .model import Choice
from .sheets import Row, split_column
from .survey_types import parse_type

Problem = Callable[[Said, Row, str], None]


def _type(row: Row) -> tuple[str, str]:
    text = next((v for h, v in row.cells.items() if h.strip().lower() == "type"), "")
    return parse_type(text) if text else ("", "")


def _is_begin(row: Row) -> str | None:
    """The list name of a `begin loop over LIST` row."""
    kind, arg = _type(row)
    words = arg.split()
    if kind == "begin" and len(words) == 3 and [w.lower() for w in words[:2]] == ["loop", "over"]:
        return words[2]
    return None


def _is_end(row: Row) -> bool:
    kind, arg = _type(row)
    return (kind, arg.lower()) in (("end", "loop"), ("end_loop", ""))


def expand_loops(rows: Sequence[Row], choices: Mapping[str, tuple[Choice, ...]],
                 problem: Problem) -> Iterator[Row]:
    i = 0
    while i < len(rows):
        row = rows[i]
        list_name = _is_begin(row)
        if list_name is None:
            if not _is_end(row):
                yield row
            i += 1
            continue
        depth, j = 1, i + 1
        while j < len(rows) and depth:
            depth += 1 if _is_begin(rows[j]) else -1 if _is_end(rows[j]) else 0
            j += 1
        body = rows[i + 1:j - 1] if not depth else rows[i + 1:j]
        if depth:
            problem(Said(ErrorCode.FORM_UNCLOSED_LOOP), row, "type")
        if list_name not in choices:
            problem(Said(ErrorCode.FORM_UNKNOWN_LIST, list_name=list_name), row, "type")
        else:
            yield from _unrolled(row, body, choices[list_name], choices, problem)
        i = j


def _unrolled(begin: Row, body: Sequence[Row], items: tuple[Choice, ...],
              choices: Mapping[str, tuple[Choice, ...]], problem: Problem) -> Iterator[Row]:
    loop = _name(begin)
    for choice in items:
        prefix = f"{loop}_{choice.name}"
        group = _renamed(begin, prefix, choice, "begin group")
        yield group
        inner = [_renamed(r, f"{prefix}_{_name(r)}" if _name(r) else "", choice)
                 for r in body]
        yield from expand_loops(inner, choices, problem)
        yield Row(begin.number, {"type": "end group"})


def _name(row: Row) -> str:
    return next((v for h, v in row.cells.items() if h.strip().lower() == "name"), "")


def _renamed(row: Row, name: str, choice: Choice, type_text: str = "") -> Row:
    cells: dict[str, str] = {}
    for header, value in row.cells.items():
        low = header.strip().lower()
        if low == "name":
            value = name
        elif low == "type" and type_text:
            value = type_text
        elif "%(" in value:
            lang = split_column(header)[1]
            label = choice.labels.get(lang or "default") or next(iter(choice.labels.values()), "")
            value = value.replace("%(label)s", label or choice.name).replace("%(name)s",
                                                                            choice.name)
        cells[header] = value
    return Row(row.number, cells)
