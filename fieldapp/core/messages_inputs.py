"""The error catalogue, chapter of the visit form's laptop-shaped inputs: lines and shapes drawn
on the map (geotrace, geoshape), a USB/serial GPS receiver (NMEA) and attached recordings,
videos and files.  Entries become members of ErrorCode."""

from __future__ import annotations

from .message_template import Template as T


class InputMessages:
    # ---- geotrace / geoshape answers (survey.geotrace) ----------------------------------------
    TRACE_TOO_FEW = T("线至少要有 {minimum} 个点（现有 {count} 个）",
                      "A line needs at least {minimum} points ({count} given)")
    SHAPE_TOO_FEW = T("面至少要有 {minimum} 个不同的点（现有 {count} 个）",
                      "A shape needs at least {minimum} different points ({count} given)")
    TRACE_TOO_MANY = T("点太多（{count} 个，最多 {limit} 个）",
                       "Too many points ({count}, at most {limit})")
    TRACE_POINT = T("第 {number} 个点: {problem}", "Point {number}: {problem}")
    # ---- USB/serial GPS receivers (core.nmea, ui.visit.gps_port) ------------------------------
    NMEA_CHECKSUM = T("GPS 语句校验和错误: {sentence}", "GPS sentence with a bad checksum: "
                      "{sentence}")
    NMEA_MALFORMED = T("无法解读的 GPS 语句: {sentence}", "Unreadable GPS sentence: {sentence}")
    GPS_PORT = T("无法打开端口 {port}（{reason}）", "Cannot open the port {port} ({reason})")
    GPS_NO_DATA = T("{seconds} 秒内端口 {port} 没有收到 GPS 数据：请检查接线、端口和波特率",
                    "No GPS data on {port} within {seconds} s: check the cable, the port and "
                    "the baud rate")
    GPS_ONLY_BAD = T("{seconds} 秒内收到的 GPS 数据都无法使用（{count} 条校验和错误）："
                     "请检查波特率",
                     "No usable GPS data within {seconds} s ({count} sentences with a bad "
                     "checksum): check the baud rate")
    GPS_NO_FIX = T("GPS 在 {seconds} 秒内没有定位（收不到卫星）：请到开阔处再试",
                   "The GPS found no position within {seconds} s (no satellites): try again in "
                   "the open")
    # ---- camera photos (core.camera, ui.visit.camera_dialog) -----------------------------------
    CAMERA_OPEN = T("无法打开摄像头 {camera}：请检查它是否已连接、是否被其他程序占用",
                    "Cannot open the camera {camera}: check that it is plugged in and not used "
                    "by another program")
    CAMERA_LOST = T("摄像头 {camera} 没有画面（已断开或出错）：请检查连接后重试",
                    "The camera {camera} sends no picture (unplugged or failed): check it and "
                    "try again")
    CAMERA_TOO_LARGE = T("照片压缩后仍然太大（超过 {megabytes} MB）",
                         "The photo is still too large after compression (over {megabytes} MB)")
    CAMERA_NO_OPENCV = T("无法使用摄像头：缺少 OpenCV（opencv-python-headless）",
                         "Cannot use the camera: OpenCV (opencv-python-headless) is missing")
    # ---- audio / video / file answers (ui.visit.visit_form_file) ------------------------------
    ATTACH_MISSING = T("文件不存在: {name}", "The file does not exist: {name}")
    ATTACH_EMPTY = T("文件是空的: {name}", "The file is empty: {name}")
    ATTACH_TOO_LARGE = T("{name} 太大（{size}，{kind}最多 {megabytes} MB）",
                         "{name} is too large ({size}; a {kind} may have at most {megabytes} MB)")
    ATTACH_WRONG_TYPE = T("{name} 不是{kind}文件（可用: {extensions}）",
                          "{name} is not a {kind} file (allowed: {extensions})")
    ATTACH_UNREADABLE = T("无法读取 {name}（{reason}）", "Cannot read {name} ({reason})")
    WORD_AUDIO = T("录音", "recording")
    WORD_VIDEO = T("视频", "video")
    WORD_FILE = T("文档", "document")
    WORD_IMAGE = T("图片", "picture")
