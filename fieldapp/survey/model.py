"""Typed checklist model: a Form holds Groups and Fields in sheet order and the choice lists."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from fieldapp.core.messages import Said

from .expression import Expression

# A field, choice list or form id: letters, digits, "_", "." and "-", not starting with a digit.
NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")

# Field types the engine understands (XLSForm spelling). Metadata types are filled by the app.
INPUT_TYPES = ("text", "integer", "decimal", "select_one", "select_multiple", "date", "datetime",
               "geopoint", "image", "acknowledge", "time", "range", "barcode", "geotrace",
               "geoshape", "audio", "video", "file", "rank")
# hidden: a value that only a default or the data fills in, never shown (pyxform's `hidden`)
DISPLAY_TYPES = ("note", "calculate", "hidden")
# Metadata a laptop may not have (phonenumber, simserial, subscriberid, email, audit,
# start-geopoint) stays empty, as ODK Collect leaves it when the device cannot tell.
META_TYPES = ("start", "end", "today", "deviceid", "username", "phonenumber", "simserial",
              "subscriberid", "email", "audit", "start-geopoint", "background-geopoint")
FIELD_TYPES = INPUT_TYPES + DISPLAY_TYPES + META_TYPES
SELECT_TYPES = ("select_one", "select_multiple", "rank")
# answers that list several choice names separated by spaces (rank: in the order given)
MULTI_TYPES = ("select_multiple", "rank")

Labels = Mapping[str, str]  # language code ("zh", "en", or "default") -> text


@dataclass(frozen=True)
class Choice:
    name: str
    labels: Labels
    extra: Mapping[str, str] = field(default_factory=dict)  # other columns, for choice_filter

    def columns(self) -> dict[str, str]:
        """What a choice_filter reads of this choice: name, the other columns, and the label as
        `label` (the first language) and `label::LANG` (pyxform's column spelling)."""
        out = {"name": self.name, **self.extra}
        for lang, text in self.labels.items():
            out.setdefault("label", text)
            out[f"label::{lang}"] = text
        return out


@dataclass(frozen=True)
class LastSaved:
    """A default taken from the most recent answer to a question: ODK's `${last-saved#name}`.
    The app looks it up when a new visit starts (recent visits of the same village, this laptop's
    first); with none, the question starts empty."""

    name: str


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    row: int
    labels: Labels = field(default_factory=dict)
    hints: Labels = field(default_factory=dict)
    list_name: str = ""
    required: Expression | bool = False
    required_message: Labels = field(default_factory=dict)
    relevant: Expression | None = None
    constraint: Expression | None = None
    constraint_message: Labels = field(default_factory=dict)
    calculation: Expression | None = None
    default: Any = None
    read_only: Expression | bool = False
    appearance: str = ""
    choice_filter: Expression | None = None
    parameters: Mapping[str, str] = field(default_factory=dict)  # e.g. {"max-pixels": "1600"}
    groups: tuple[str, ...] = ()  # enclosing group names, outermost first
    repeat: str = ""  # the repeat group this field is in ("" when not in one)
    # ODK's trigger column: the calculation runs only when one of these answers changes (a time
    # stamp, a copied answer), and the question stays editable
    trigger: tuple[str, ...] = ()
    # file/image/audio/video: the body::accept column, e.g. (".pdf", "image/*"); () = any of
    # the type's files (fieldapp.core.attached_files.accepted_extensions)
    accept: tuple[str, ...] = ()
    # geopoint, ODK's capture-accuracy / warning-accuracy parameters (or body::accuracyThreshold
    # / body::unacceptableAccuracyThreshold), in metres: a receiver's position this accurate is
    # taken at once; one less accurate than the warning figure is shown as too inaccurate
    capture_accuracy: float | None = None
    warning_accuracy: float | None = None

    @property
    def is_input(self) -> bool:
        return self.type in INPUT_TYPES

    @property
    def is_select(self) -> bool:
        return self.type in SELECT_TYPES


@dataclass(frozen=True)
class Group:
    name: str
    row: int
    labels: Labels = field(default_factory=dict)
    relevant: Expression | None = None
    appearance: str = ""
    children: tuple[Field | Group, ...] = ()
    groups: tuple[str, ...] = ()  # enclosing group names, outermost first
    is_repeat: bool = False  # begin_repeat: the answers hold a list of instances
    repeat: str = ""  # the repeat this group is (its own name) or is in; "" when none
    repeat_count: Expression | None = None  # repeat_count / jr:count: a fixed number of instances
    hints: Labels = field(default_factory=dict)


@dataclass(frozen=True)
class Form:
    form_id: str
    version: str
    title: str
    default_language: str
    languages: tuple[str, ...]
    children: tuple[Field | Group, ...]
    choices: Mapping[str, tuple[Choice, ...]]
    source: str = ""
    warnings: tuple[Said, ...] = ()  # notes in the catalogue (core/messages_form.py)
    # pulldata('name', ...): the rows of name.csv beside the form, read when it is loaded
    tables: Mapping[str, tuple[Mapping[str, str], ...]] = field(default_factory=dict,
                                                                compare=False)
    fields: Mapping[str, Field] = field(default_factory=dict, compare=False)
    groups: Mapping[str, Group] = field(default_factory=dict, compare=False)
    # attachments not beside the form yet (as ODK Central lists a form's missing attachments):
    # question name -> the files it reads; such a question offers nothing and blocks completion
    missing_files: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    # the files beside the form it read (choice files, pulldata()/instance()/search() CSVs): what
    # a published form carries to the laptops
    attachments: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.fields:
            fields: dict[str, Field] = {}
            groups: dict[str, Group] = {}
            for item in _walk(self.children):
                if isinstance(item, Field):
                    fields[item.name] = item
                else:
                    groups[item.name] = item
            object.__setattr__(self, "fields", fields)
            object.__setattr__(self, "groups", groups)

    @cached_property
    def instances(self) -> dict[str, tuple[dict[str, str], ...]]:
        """What instance('list') reads: every choice list, each item as its columns; a list from
        a file (villages.csv) also under the file's stem (villages), as ODK names it."""
        out: dict[str, tuple[dict[str, str], ...]] = {}
        for name, items in self.choices.items():
            out[name] = tuple(c.columns() for c in items)
            stem, dot, suffix = name.rpartition(".")
            if dot and suffix.lower() in ("csv", "xml", "geojson"):
                out.setdefault(stem, out[name])
        return out

    @cached_property
    def repeats(self) -> dict[str, Group]:
        """The repeat groups by name, in sheet order."""
        return {name: g for name, g in self.groups.items() if g.is_repeat}

    @cached_property
    def _chains(self) -> dict[str, tuple[str, ...]]:
        chains: dict[str, tuple[str, ...]] = {}
        for item in (*self.fields.values(), *self.groups.values()):
            outer = tuple(g for g in item.groups if g in self.groups and self.groups[g].is_repeat)
            mine = (item.name,) if isinstance(item, Group) and item.is_repeat else ()
            chains[item.name] = outer + mine
        return chains

    def repeat_chain(self, name: str) -> tuple[str, ...]:
        """The repeats a field or group is in, outermost first (a repeat ends with itself)."""
        return self._chains.get(name, ())

    def parent_repeat(self, repeat: str) -> str:
        """The repeat that `repeat` is inside ("" for a repeat at the top)."""
        chain = self.repeat_chain(repeat)
        return chain[-2] if len(chain) > 1 else ""

    def fields_in(self, repeat: str) -> list[Field]:
        """The fields of one repeat instance ("" for the fields outside every repeat)."""
        return [f for f in self.fields.values() if f.repeat == repeat]

    def text(self, labels: Labels, language: str | None = None) -> str:
        """A label in the wanted language, else the form's default, else any."""
        for lang in (language, self.default_language, "default"):
            if lang and labels.get(lang):
                return labels[lang]
        return next((t for t in labels.values() if t), "")

    def choices_of(self, f: Field) -> tuple[Choice, ...]:
        return self.choices.get(f.list_name, ())

    def choice_label(self, f: Field, name: str, language: str | None = None) -> str:
        for c in self.choices_of(f):
            if c.name == name:
                return self.text(c.labels, language) or c.name
        return name


def _walk(items: tuple[Field | Group, ...]) -> Iterator[Field | Group]:
    for item in items:
        yield item
        if isinstance(item, Group):
            yield from _walk(item.children)
