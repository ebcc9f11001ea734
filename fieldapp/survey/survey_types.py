"""Question types as pyxform spells them: every alias of pyxform's question_type_dictionary and
aliases.py mapped to the type fieldapp uses, and the types a laptop cannot offer."""

from __future__ import annotations

from .model import META_TYPES, SELECT_TYPES

# Type spellings pyxform accepts (pyxform/aliases.py) -> the type used here. Longer phrases
# first: "select one from yn" must not be read as "select one" with list "from".
TYPE_ALIASES = {"begin group": "begin_group", "end group": "end_group",
                "begin repeat": "begin_repeat", "end repeat": "end_repeat",
                "begin lgroup": "begin_repeat", "end lgroup": "end_repeat",
                "begin looped group": "begin_repeat", "end looped group": "end_repeat",
                "add select one prompt using": "select_one",
                "add select multiple prompt using": "select_multiple",
                "select all that apply from": "select_multiple",
                "select multiple from": "select_multiple",
                "select multiple using": "select_multiple", "select one using": "select_one",
                "select one from file": "select_one_from_file",
                "select multiple from file": "select_multiple_from_file",
                "select one from": "select_one", "select_one_from": "select_one",
                "select all that apply": "select_multiple", "select one": "select_one",
                "select multiple": "select_multiple", "select1": "select_one",
                "q select1": "select_one", "q select": "select_multiple",
                "select one external": "select_one_external"}
# pyxform's question_type_dictionary: every other spelling of a question type -> ours.
TYPE_ALIASES.update({alias: canonical for canonical, aliases in {
    "text": ("string", "q string", "add text prompt"),
    "integer": ("int", "q int", "add integer prompt", "percentage",
                "number of days in last month", "number of days in last six months",
                "number of days in last year"),
    "decimal": ("q decimal", "add decimal prompt"),
    "date": ("q date", "add date prompt"),
    "datetime": ("datetime", "date time", "q date time", "q datetime", "add date time prompt",
                 "add datetime prompt"),
    "geopoint": ("gps", "location", "q location", "q geopoint", "add location prompt"),
    "geotrace": ("q geotrace",), "geoshape": ("q geoshape",),
    "image": ("photo", "q picture", "q image", "add image prompt", "add photo prompt"),
    "audio": ("q audio", "add audio prompt"), "video": ("q video", "add video prompt"),
    "file": ("add file prompt",), "barcode": ("q barcode", "add barcode prompt"),
    "note": ("q note", "add note prompt"),
    "acknowledge": ("trigger", "q acknowledge", "add acknowledge prompt"),
    "calculate": ("q calculate", "add calculate prompt"),
    "start": ("start time", "get start time"), "end": ("end time", "get end time"),
    "today": ("get today",),
    "deviceid": ("imei", "device id", "get device id", "uri:deviceid"),
    "subscriberid": ("subscriber id", "get subscriber id", "uri:subscriberid"),
    "simserial": ("sim id", "get sim id", "uri:simserial"),
    "phonenumber": ("phone number", "get phone number", "uri:phonenumber"),
    "username": ("uri:username",), "email": ("uri:email",),
}.items() for alias in aliases})
LABEL_OPTIONAL = ("calculate", "hidden", *META_TYPES)
# why a type is refused: the name of its catalogue entry (core/messages_form.py)
NOT_ON_LAPTOP = {"osm": "WHY_OSM", "background-audio": "WHY_BACKGROUND_AUDIO"}
# csv-external / xml-external NAME: NAME.csv / NAME.xml beside the form, for instance('NAME')
EXTERNAL_DATA = {"csv-external": ".csv", "xml-external": ".xml"}
MEDIA_COLUMNS = ("media", "image", "big-image", "audio", "video")  # a picture or sound as the label
FROM_FILE = {"select_one_from_file": "select_one", "select_multiple_from_file": "select_multiple"}


def parse_type(text: str) -> tuple[str, str]:
    """'select_one yes_no' -> ('select_one', 'yes_no'); 'begin group' -> ('begin_group', '')."""
    words = text.split()
    low = " ".join(w.lower() for w in words)
    for alias, canonical in TYPE_ALIASES.items():
        if low == alias:
            return canonical, ""
        if low.startswith(alias + " ") and canonical in SELECT_TYPES:
            return canonical, " ".join(words[len(alias.split()):])
    head = words[0].lower() if words else ""
    head = TYPE_ALIASES.get(head, head)
    return head, " ".join(words[1:])
