"""XPath relative paths in a row's expressions, read as JavaRosa reads them: against the node the
row declares (its groups and its own name, as written), `.` is that node and `..` its parent, so
CHT's `./source` on the `inputs` group's row is the group's child `source` and
`../inputs/contact/_id` on a top-level question is the field `_id` of group `contact` of group
`inputs`. Each path becomes ${name} of its last step; the loader then checks that the field at
that place exists (else, as in ODK Collect, the form cannot be used)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_STEP = r"[A-Za-z_][A-Za-z0-9_.\-]*"
_RELATIVE = re.compile(rf"(?<![\w}}\])/.'\"$\-])((?:\.\.?\s*/\s*)+)({_STEP}(?:\s*/\s*{_STEP})*)")


@dataclass(frozen=True)
class RelativePath:
    written: str  # as in the cell, e.g. ../inputs/contact/_id
    names: tuple[str, ...]  # the field it names: its groups and name as written, from the top


def absolute_paths(source: str, context: tuple[str, ...]
                   ) -> tuple[str, tuple[RelativePath, ...]] | None:
    """`source` with each relative path written as ${last step}, and the paths; None when it has
    none, one climbs above the top of the form, or it has predicates (another context)."""
    if "[" in source:
        return None
    found: list[RelativePath] = []

    def replace(m: re.Match[str]) -> str:
        place = list(context)
        for step in re.split(r"\s*/\s*", m.group(1).strip().rstrip("/").strip()):
            if step == "..":
                if not place:
                    raise _AboveTop
                place.pop()
        names = tuple(re.split(r"\s*/\s*", m.group(2)))
        found.append(RelativePath(m.group(0).strip(), tuple(place) + names))
        return "${" + names[-1] + "}"

    try:
        rewritten = _RELATIVE.sub(replace, source)
    except _AboveTop:
        return None
    return (rewritten, tuple(found)) if found else None


class _AboveTop(Exception):
    """A `..` step above the form's top."""
