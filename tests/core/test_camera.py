"""The camera source (fieldapp.core.camera) with a video file standing in for a webcam: frames
are read, and the stored JPEG is EXIF-free, downscaled and within the attachment limit."""

from __future__ import annotations

import pytest
from camera_video import write_video

from fieldapp.core.camera import Camera, CameraError, photo_jpeg, thumbnail_jpeg
from fieldapp.core.messages import ErrorCode

np = pytest.importorskip("numpy")
cv2 = pytest.importorskip("cv2")


def test_a_video_file_gives_frames_and_starts_again_at_its_end(tmp_path):
    camera = Camera(write_video(tmp_path / "cam.avi", frames=3))
    try:
        frames = [camera.read() for _ in range(7)]  # more than the file holds
    finally:
        camera.close()
    assert all(f.shape == (240, 320, 3) for f in frames)


def test_a_missing_source_is_a_catalogued_error(tmp_path):
    with pytest.raises(CameraError) as caught:
        Camera(str(tmp_path / "nothing.avi"))
    assert caught.value.entry is ErrorCode.CAMERA_OPEN
    assert "nothing.avi" in caught.value.message and "摄像头" in caught.value.message


def test_the_stored_photo_is_a_plain_jpeg_scaled_to_the_long_side():
    frame = np.random.default_rng(1).integers(0, 255, (1800, 3200, 3), dtype=np.uint8)
    data = photo_jpeg(frame)
    assert data[:2] == b"\xff\xd8" and b"Exif" not in data[:4096]
    decoded = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert decoded.shape[:2] == (1152, 2048)
    assert cv2.imdecode(np.frombuffer(photo_jpeg(frame, 800), np.uint8),
                        cv2.IMREAD_COLOR).shape[:2] == (450, 800)
    thumb = cv2.imdecode(np.frombuffer(thumbnail_jpeg(frame), np.uint8), cv2.IMREAD_COLOR)
    assert max(thumb.shape[:2]) == 192


def test_a_photo_that_cannot_fit_the_limit_is_refused():
    noise = np.random.default_rng(2).integers(0, 255, (600, 800, 3), dtype=np.uint8)
    with pytest.raises(CameraError) as caught:
        photo_jpeg(noise, max_bytes=10_000)
    assert caught.value.entry is ErrorCode.CAMERA_TOO_LARGE
