#!/usr/bin/env python3
"""Renders FlareChat's icons from the one SVG source.

    packaging/render-icons.py

Needs rsvg-convert (Debian: librsvg2-bin) and nothing but Python's standard library. Writes:
  linux/icons/hicolor/<N>x<N>/apps/io.github.flarechat.FlareChat.png  N = 16 22 24 32 48 64 128 256 512
  windows/flarechat.ico   16, 32, 48 as 32-bit BMP entries (every Windows tool reads those), 256 as PNG
  macos/flarechat.icns    PNG entries from 16 to 1024 (the 1024 is rendered for the .icns only)
The results are committed; run this again after changing the SVG and commit what it changed.
"""

import os
import struct
import subprocess
import sys
import tempfile
import zlib

APP_ID = "io.github.flarechat.FlareChat"
HERE = os.path.dirname(os.path.abspath(__file__))
SVG = os.path.join(HERE, "linux", "icons", "hicolor", "scalable", "apps", APP_ID + ".svg")
HICOLOR_SIZES = [16, 22, 24, 32, 48, 64, 128, 256, 512]
ICO_SIZES = [16, 32, 48, 256]
# The .icns types that hold PNG data, and their pixel sizes.
ICNS_TYPES = [
    (b"icp4", 16), (b"icp5", 32), (b"ic11", 32), (b"ic12", 64),
    (b"ic07", 128), (b"ic13", 256), (b"ic08", 256), (b"ic14", 512),
    (b"ic09", 512), (b"ic10", 1024),
]


def render(size, tmp):
    path = os.path.join(tmp, f"{size}.png")
    subprocess.run(["rsvg-convert", "-w", str(size), "-h", str(size), SVG, "-o", path], check=True)
    with open(path, "rb") as f:
        return f.read()


def png_rgba(data):
    """The rows of an 8-bit RGBA, non-interlaced PNG (what rsvg-convert writes), top row first."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert (depth, colour, interlace) == (8, 6, 0), "expected 8-bit RGBA, not interlaced"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 4
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            a = line[x - 4] if x >= 4 else 0
            b = prev[x]
            c = prev[x - 4] if x >= 4 else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def ico_bmp(png):
    """An ICO entry as a 32-bit BGRA DIB: bottom row first, then the (all-zero) 1-bit AND mask."""
    width, height, rows = png_rgba(png)
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels = bytearray()
    for row in reversed(rows):
        for x in range(0, len(row), 4):
            r, g, b, a = row[x:x + 4]
            pixels += bytes((b, g, r, a))
    mask_stride = ((width + 31) // 32) * 4
    return header + bytes(pixels) + bytes(mask_stride * height)


def write_ico(path, images):
    entries = [(size, png if size >= 256 else ico_bmp(png)) for size, png in images]
    out = bytearray(struct.pack("<HHH", 0, 1, len(entries)))
    offset = 6 + 16 * len(entries)
    for size, data in entries:
        dim = 0 if size >= 256 else size  # 0 means 256
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    for _, data in entries:
        out += data
    with open(path, "wb") as f:
        f.write(out)


def write_icns(path, pngs):
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    with open(path, "wb") as f:
        f.write(b"icns" + struct.pack(">I", 8 + len(body)) + body)


def main():
    sizes = sorted(set(HICOLOR_SIZES) | set(ICO_SIZES) | {s for _, s in ICNS_TYPES})
    with tempfile.TemporaryDirectory() as tmp:
        pngs = {size: render(size, tmp) for size in sizes}
    for size in HICOLOR_SIZES:
        folder = os.path.join(HERE, "linux", "icons", "hicolor", f"{size}x{size}", "apps")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, APP_ID + ".png"), "wb") as f:
            f.write(pngs[size])
    write_ico(os.path.join(HERE, "windows", "flarechat.ico"), [(s, pngs[s]) for s in ICO_SIZES])
    write_icns(os.path.join(HERE, "macos", "flarechat.icns"), pngs)
    print(f"rendered {len(HICOLOR_SIZES)} PNGs, windows/flarechat.ico and macos/flarechat.icns from {SVG}")


if __name__ == "__main__":
    sys.exit(main())
