"""The Qt (PySide6) window of Ban Chỉ đạo – Thư ký; talks only to the services in app/."""
