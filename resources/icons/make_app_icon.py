"""Draw the program's icon (a gold five-pointed star on a red disc) as app.png and app.ico.

.venv/bin/python -m pip install pillow   # a drawing tool for this script only: the program
.venv/bin/python resources/icons/make_app_icon.py   # ships the files it writes, not Pillow
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SIZE = 256


def draw(size: int = SIZE) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = size * 0.04
    d.ellipse(
        [pad, pad, size - pad, size - pad],
        fill=(200, 16, 46, 255),
        outline=(150, 10, 30, 255),
        width=max(1, size // 64),
    )
    cx = cy = size / 2
    outer, inner = size * 0.36, size * 0.36 * 0.382
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(a), cy + r * math.sin(a) + size * 0.02))
    d.polygon(points, fill=(255, 205, 0, 255))
    return img


if __name__ == "__main__":
    icon = draw()
    icon.save(HERE / "app.png")
    icon.save(
        HERE / "app.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
    )
    print("app.png, app.ico")
