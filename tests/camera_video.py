"""A small video file that stands in for a camera in tests (OpenCV's VideoCapture reads it as
it reads a webcam): moving coloured bars, so frames differ."""

from __future__ import annotations

from pathlib import Path


def write_video(path: Path, width: int = 320, height: int = 240, frames: int = 12) -> str:
    import cv2
    import numpy as np

    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (width, height))
    assert writer.isOpened()
    for i in range(frames):
        frame = np.zeros((height, width, 3), np.uint8)
        frame[:, :, 0] = 40
        frame[:, :, 1] = 120
        frame[:, :, 2] = 200
        x = (i * 20) % width
        frame[:, x:x + 40] = (255, 255, 255)
        cv2.putText(frame, f"TV {i}", (20, height // 2), cv2.FONT_HERSHEY_SIMPLEX, 1.2,
                    (0, 0, 0), 3)
        writer.write(frame)
    writer.release()
    return str(path)
