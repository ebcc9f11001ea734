"""Files attached to audio, video and file questions: the kinds each type takes, the size a sync
bundle can carry, and the original name kept with the stored file."""

from __future__ import annotations

import pytest

from fieldapp.core.attached_files import (
    MAX_ATTACHMENT_BYTES,
    media_type_of,
    name_of,
    read_attachment_file,
)
from fieldapp.core.errors import BadValue
from fieldapp.sync.archive import MEMBER_LIMITS


def test_an_attached_file_can_travel_in_a_bundle():
    assert MAX_ATTACHMENT_BYTES <= MEMBER_LIMITS["attachments/"]


def test_a_recording_keeps_its_chinese_name(tmp_path):
    path = tmp_path / "户主 访谈.m4a"
    path.write_bytes(b"\x00\x00\x00\x18ftypM4A recording")
    content, media_type = read_attachment_file(path, "audio")
    assert content == path.read_bytes()
    assert media_type.startswith("audio/")
    assert name_of(media_type) == "户主 访谈.m4a"
    assert name_of(media_type_of('a "quoted"; name.pdf', "file")) == 'a "quoted"; name.pdf'
    assert name_of("image/jpeg") is None


@pytest.mark.parametrize(("name", "size", "kind", "zh", "en"), [
    ("photo.jpg", 10, "video", "photo.jpg 不是视频文件", "photo.jpg is not a video file"),
    ("setup.exe", 10, "file", "setup.exe 不是文档文件", "setup.exe is not a document file"),
    ("empty.mp3", 0, "audio", "文件是空的: empty.mp3", "The file is empty: empty.mp3"),
    ("big.mp4", MAX_ATTACHMENT_BYTES + 1, "video", "big.mp4 太大（16.0 MB，视频最多 16 MB）",
     "big.mp4 is too large (16.0 MB; a video may have at most 16 MB)"),
])
def test_files_that_do_not_fit_are_refused_by_name(tmp_path, name, size, kind, zh, en):
    path = tmp_path / name
    with path.open("wb") as f:
        f.truncate(size)
    with pytest.raises(BadValue) as err:
        read_attachment_file(path, kind)
    assert zh in err.value.message
    assert en in err.value.text("en")


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(BadValue) as err:
        read_attachment_file(tmp_path / "gone.wav", "audio")
    assert err.value.message == "文件不存在: gone.wav"
