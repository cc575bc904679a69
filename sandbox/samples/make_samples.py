"""Draw the sample pictures (and record the sample voice note) the sandbox web chat offers.

    .venv/bin/pip install Pillow          # only to run this script; not a project dependency
    .venv/bin/python sandbox/samples/make_samples.py

Writes small JPEGs of the crafts in the field notes (kilim, enamel plate, doll, socks, noodles,
quilt, filigree, pickles) next to this file, each under 40 KB, and ``index.json`` that the page
reads. The voice note is Persian speech from espeak-ng encoded as OGG/Opus by opusenc (Debian:
``apt-get install espeak-ng opus-tools``); it is skipped when those tools are missing.
"""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
SIZE = 480
MAX_BYTES = 40 * 1024
VOICE_TEXT = "سلام. این یک پیام صوتی نمونه است. این گلیم دست‌باف است و قیمتش دویست هزار تومان است."


def background(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    img = Image.new("RGB", (SIZE, SIZE), top)
    d = ImageDraw.Draw(img)
    for y in range(SIZE):
        t = y / (SIZE - 1)
        d.line([(0, y), (SIZE, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return img


def soft_shadow(img: Image.Image, box: tuple[int, int, int, int], radius: int = 14,
                ellipse: bool = False) -> None:
    shadow = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(shadow)
    x0, y0, x1, y1 = box
    (d.ellipse if ellipse else d.rectangle)((x0 + 8, y0 + 12, x1 + 8, y1 + 12), fill=110)
    shadow = shadow.filter(ImageFilter.GaussianBlur(radius))
    img.paste((40, 30, 20), mask=shadow)


def kilim() -> Image.Image:
    img = background((238, 226, 205), (214, 196, 170))
    box = (60, 50, 420, 430)
    soft_shadow(img, box)
    d = ImageDraw.Draw(img)
    red, navy, cream, ochre, green = (168, 40, 42), (34, 46, 92), (240, 228, 200), (214, 150, 52), (64, 110, 84)
    d.rectangle(box, fill=red)
    d.rectangle((74, 64, 406, 416), outline=cream, width=6)
    for i, y in enumerate(range(96, 400, 76)):
        cx = 240
        for k, (w, color) in enumerate(((130, navy), (96, ochre), (62, cream), (30, green))):
            d.polygon([(cx - w, y + 38), (cx, y + 38 - w // 2), (cx + w, y + 38), (cx, y + 38 + w // 2)],
                      fill=color if (i + k) % 5 else navy)
        for x in (110, 370):
            d.polygon([(x - 18, y + 38), (x, y + 20), (x + 18, y + 38), (x, y + 56)], fill=cream)
    for x in range(70, 412, 14):  # fringes
        d.line([(x, 30), (x, 50)], fill=cream, width=3)
        d.line([(x, 430), (x, 452)], fill=cream, width=3)
    return img


def enamel() -> Image.Image:
    img = background((226, 236, 242), (190, 208, 222))
    c, r = (240, 240), 190
    soft_shadow(img, (c[0] - r, c[1] - r, c[0] + r, c[1] + r), ellipse=True)
    d = ImageDraw.Draw(img)
    d.ellipse((c[0] - r, c[1] - r, c[0] + r, c[1] + r), fill=(196, 160, 72))
    d.ellipse((c[0] - r + 10, c[1] - r + 10, c[0] + r - 10, c[1] + r - 10), fill=(18, 84, 160))
    for n in range(16):  # petals
        a = n * math.tau / 16
        px, py = c[0] + 120 * math.cos(a), c[1] + 120 * math.sin(a)
        d.ellipse((px - 26, py - 26, px + 26, py + 26), fill=(245, 245, 250))
        d.ellipse((px - 14, py - 14, px + 14, py + 14), fill=(220, 60, 70) if n % 2 else (40, 150, 200))
    d.ellipse((c[0] - 70, c[1] - 70, c[0] + 70, c[1] + 70), fill=(250, 250, 252))
    for n in range(8):
        a = n * math.tau / 8
        px, py = c[0] + 40 * math.cos(a), c[1] + 40 * math.sin(a)
        d.ellipse((px - 20, py - 20, px + 20, py + 20), fill=(26, 110, 190))
    d.ellipse((c[0] - 18, c[1] - 18, c[0] + 18, c[1] + 18), fill=(226, 178, 60))
    return img


def doll() -> Image.Image:
    img = background((250, 232, 236), (236, 200, 210))
    d = ImageDraw.Draw(img)
    d.ellipse((120, 420, 360, 470), fill=(222, 180, 190))
    dress, scarf, skin = (200, 54, 92), (60, 140, 120), (246, 214, 184)
    d.polygon([(240, 170), (140, 440), (340, 440)], fill=dress)
    for y in range(250, 440, 36):  # dress pattern
        for x in range(150, 340, 34):
            if abs(x - 240) < (y - 170) * 0.38:
                d.ellipse((x - 6, y - 6, x + 6, y + 6), fill=(252, 214, 90))
    d.rectangle((150, 430, 330, 446), fill=(150, 30, 70))
    d.line([(210, 220), (150, 300)], fill=skin, width=18)
    d.line([(270, 220), (330, 300)], fill=skin, width=18)
    d.ellipse((180, 80, 300, 200), fill=scarf)
    d.ellipse((196, 100, 284, 190), fill=skin)
    d.ellipse((218, 132, 228, 142), fill=(50, 40, 40))
    d.ellipse((252, 132, 262, 142), fill=(50, 40, 40))
    d.arc((224, 148, 256, 172), 20, 160, fill=(190, 60, 70), width=3)
    d.ellipse((206, 150, 222, 162), fill=(240, 170, 170))
    d.ellipse((258, 150, 274, 162), fill=(240, 170, 170))
    return img


def socks() -> Image.Image:
    img = background((232, 238, 226), (204, 216, 196))
    d = ImageDraw.Draw(img)
    colors = [((178, 52, 52), (250, 236, 210)), ((46, 92, 150), (248, 210, 90))]
    for i, (main, stripe) in enumerate(colors):
        ox = 70 + i * 180
        leg = (ox, 50, ox + 110, 300)
        soft_shadow(img, (ox, 50, ox + 110, 300), radius=10)
        soft_shadow(img, (ox + 20, 270, ox + 170, 380), radius=16, ellipse=True)
        d = ImageDraw.Draw(img)
        d.rectangle(leg, fill=main)
        d.rounded_rectangle((ox, 250, ox + 190, 390), radius=60, fill=main)
        d.rectangle((ox, 40, ox + 110, 80), fill=stripe)
        for y in range(100, 300, 40):
            d.rectangle((ox, y, ox + 110, y + 12), fill=stripe)
            for x in range(ox + 8, ox + 110, 22):
                d.polygon([(x, y + 20), (x + 8, y + 28), (x, y + 36), (x - 8, y + 28)], fill=stripe)
        d.pieslice((ox + 120, 300, ox + 200, 390), 270, 90, fill=stripe)
    return img


def noodles() -> Image.Image:
    img = background((246, 238, 222), (226, 212, 188))
    soft_shadow(img, (50, 120, 430, 420), ellipse=True)
    d = ImageDraw.Draw(img)
    d.ellipse((50, 120, 430, 420), fill=(170, 112, 62))
    d.ellipse((66, 134, 414, 406), fill=(206, 150, 92))
    rng = random.Random(7)
    for _ in range(170):
        y0 = rng.uniform(170, 370)
        amp = rng.uniform(4, 12)
        phase = rng.uniform(0, math.tau)
        shade = rng.randint(225, 250)
        pts = []
        for x in range(100, 390, 6):
            edge = 1 - ((x - 240) / 150) ** 2
            pts.append((x, y0 + amp * math.sin(x / 18 + phase) * edge))
        d.line(pts, fill=(shade, shade - 12, shade - 50), width=3)
    d.rectangle((300, 60, 460, 120), fill=(120, 150, 80))  # a bunch of herbs
    for x in range(304, 456, 10):
        d.line([(x, 60), (x + 6, 30)], fill=(90, 130, 60), width=4)
    return img


def quilt() -> Image.Image:
    img = background((236, 232, 244), (214, 206, 230))
    soft_shadow(img, (50, 50, 430, 430))
    d = ImageDraw.Draw(img)
    palette = [(214, 84, 84), (244, 180, 76), (84, 150, 196), (120, 180, 120), (244, 236, 220),
               (170, 100, 170), (236, 130, 100)]
    rng = random.Random(3)
    step = 76
    for row in range(5):
        for col in range(5):
            x, y = 50 + col * step, 50 + row * step
            a, b = rng.sample(palette, 2)
            d.rectangle((x, y, x + step, y + step), fill=a)
            if (row + col) % 2:
                d.polygon([(x, y), (x + step, y), (x, y + step)], fill=b)
            else:
                d.rectangle((x + 18, y + 18, x + step - 18, y + step - 18), fill=b)
    for k in range(6):  # stitches
        p = 50 + k * step
        for t in range(50, 430, 12):
            d.line([(p, t), (p, t + 6)], fill=(250, 250, 250), width=2)
            d.line([(t, p), (t + 6, p)], fill=(250, 250, 250), width=2)
    return img


def filigree() -> Image.Image:
    img = background((54, 62, 80), (28, 32, 44))
    d = ImageDraw.Draw(img)
    silver, c = (214, 220, 228), (240, 240)
    for n in range(12):
        a = n * math.tau / 12
        for k in range(40):
            t = k / 39
            r = 30 + 150 * t
            ang = a + 1.4 * t
            x, y = c[0] + r * math.cos(ang), c[1] + r * math.sin(ang)
            d.ellipse((x - 3, y - 3, x + 3, y + 3), fill=silver)
    for r in (40, 100, 182):
        d.ellipse((c[0] - r, c[1] - r, c[0] + r, c[1] + r), outline=silver, width=4)
    d.ellipse((c[0] - 22, c[1] - 22, c[0] + 22, c[1] + 22), fill=(70, 160, 190), outline=silver, width=4)
    return img.filter(ImageFilter.SMOOTH)


def pickles() -> Image.Image:
    img = background((244, 240, 226), (222, 214, 190))
    d = ImageDraw.Draw(img)
    for i, (fill, lid) in enumerate((((120, 40, 60), (200, 60, 60)), ((150, 160, 60), (60, 120, 80)),
                                     ((210, 120, 40), (230, 180, 60)))):
        x = 40 + i * 140
        soft_shadow(img, (x, 150, x + 120, 420), radius=8)
        d = ImageDraw.Draw(img)
        d.rounded_rectangle((x, 150, x + 120, 420), radius=26, fill=(236, 242, 240))
        d.rounded_rectangle((x + 8, 190, x + 112, 412), radius=20, fill=fill)
        d.rounded_rectangle((x + 6, 118, x + 114, 156), radius=8, fill=lid)
        d.rectangle((x + 20, 260, x + 100, 320), fill=(250, 244, 226))
        d.line([(x + 30, 280), (x + 90, 280)], fill=(140, 120, 100), width=3)
        d.line([(x + 30, 298), (x + 76, 298)], fill=(140, 120, 100), width=3)
        d.line([(x + 22, 200), (x + 22, 400)], fill=(255, 255, 255), width=5)
    return img


SAMPLES = [
    ("kilim.jpg", "گلیم دست‌باف", kilim),
    ("enamel.jpg", "بشقاب میناکاری", enamel),
    ("doll.jpg", "عروسک پارچه‌ای", doll),
    ("socks.jpg", "جوراب بافتنی", socks),
    ("noodles.jpg", "رشته آش خانگی", noodles),
    ("quilt.jpg", "لحاف چهل‌تکه", quilt),
    ("filigree.jpg", "گردنبند ملیله", filigree),
    ("pickles.jpg", "ترشی و مربای خانگی", pickles),
]


def save_jpeg(img: Image.Image, path: Path) -> None:
    for quality in (84, 78, 70, 60, 50):
        img.save(path, "JPEG", quality=quality, optimize=True, progressive=True)
        if path.stat().st_size < MAX_BYTES:
            return
    raise SystemExit(f"{path.name} is larger than {MAX_BYTES} bytes")


def make_voice(path: Path) -> float | None:
    if not (shutil.which("espeak-ng") and shutil.which("opusenc")):
        print("espeak-ng or opusenc missing: voice note not made")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "voice.wav"
        subprocess.run(["espeak-ng", "-v", "fa", "-s", "140", "-w", str(wav), VOICE_TEXT], check=True)
        subprocess.run(["opusenc", "--quiet", "--bitrate", "16", "--downmix-mono", "--comment",
                        "TITLE=Hamyar sample voice note", str(wav), str(path)], check=True)
        import wave
        with wave.open(str(wav)) as w:
            return w.getnframes() / w.getframerate()


def main() -> None:
    index = []
    for name, title, draw in SAMPLES:
        path = HERE / name
        save_jpeg(draw(), path)
        index.append({"file": name, "kind": "photo", "title": title})
        print(f"{name}: {path.stat().st_size} bytes")
    voice = HERE / "voice.ogg"
    duration = make_voice(voice)
    if duration is None and voice.exists():
        duration = 6.0
    if voice.exists():
        index.append({"file": voice.name, "kind": "voice", "title": "پیام صوتی نمونه",
                      "duration": max(1, round(duration or 1))})
        print(f"{voice.name}: {voice.stat().st_size} bytes, {duration:.1f}s")
    (HERE / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")


if __name__ == "__main__":
    main()
