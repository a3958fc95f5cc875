#!/usr/bin/env python3
"""Fails when a PNG looks blank: too few distinct colours, or too little that is not background.

Usage: check-png.py FILE.png [--min-colours N] [--min-pixels N] [--min-share F]

Decodes the PNG with the standard library only (zlib; 8-bit RGB or RGBA, not interlaced: what headless
Chromium's --screenshot writes). The background is the most common colour. Passes (exit 0) when at least
--min-colours colours other than the background each cover at least --min-pixels pixels, and at least
--min-share of all pixels are not background. Prints what it found either way; exit 1 when the image looks
blank, 2 when it cannot be read. Used by the browser test of `wm budget-report --format html`.
"""
import argparse
import collections
import struct
import sys
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def read_png(path):
    """Returns (width, height, bytes per pixel, the unfiltered rows as one bytearray)."""
    with open(path, "rb") as file:
        data = file.read()
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG file")
    position, idat, header = len(SIGNATURE), [], None
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunk = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
        position += 12 + length
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError(f"unsupported PNG: bit depth {depth}, colour type {colour}, interlace {interlace}")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    if len(raw) != height * (stride + 1):
        raise ValueError("image data has the wrong length")
    return width, height, bpp, unfilter(raw, width, height, bpp)


def unfilter(raw, width, height, bpp):
    stride = width * bpp
    pixels = bytearray(height * stride)
    previous = bytes(stride)
    low = int.from_bytes(b"\x7f" * stride, "big")
    high = int.from_bytes(b"\x80" * stride, "big")
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:  # Up: byte-wise addition of two rows without carries between bytes
            a, b = int.from_bytes(line, "big"), int.from_bytes(previous, "big")
            line = bytearray((((a & low) + (b & low)) ^ ((a ^ b) & high)).to_bytes(stride, "big"))
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + predictor) & 0xFF
        elif kind != 0:
            raise ValueError(f"unknown filter type {kind} in row {row}")
        pixels[row * stride:(row + 1) * stride] = line
        previous = line
    return pixels


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("png")
    parser.add_argument("--min-colours", type=int, default=4)
    parser.add_argument("--min-pixels", type=int, default=300)
    parser.add_argument("--min-share", type=float, default=0.02)
    arguments = parser.parse_args()
    try:
        width, height, bpp, pixels = read_png(arguments.png)
    except (OSError, ValueError, zlib.error) as error:
        print(f"{arguments.png}: cannot read: {error}", file=sys.stderr)
        return 2
    # RGB only: the alpha channel of a screenshot is opaque.
    counts = collections.Counter(bytes(pixels[i:i + 3]) for i in range(0, len(pixels), bpp))
    background, background_count = counts.most_common(1)[0]
    total = width * height
    share = 1 - background_count / total
    colours = [colour for colour, count in counts.items() if colour != background and count >= arguments.min_pixels]
    print(f"{arguments.png}: {width}x{height}, background #{background.hex()}, "
          f"{share:.1%} not background, {len(colours)} other colours of at least {arguments.min_pixels} pixels")
    if len(colours) < arguments.min_colours or share < arguments.min_share:
        print(f"{arguments.png}: looks blank (need {arguments.min_colours} colours and {arguments.min_share:.1%} "
              "not background)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
