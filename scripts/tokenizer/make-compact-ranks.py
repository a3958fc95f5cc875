#!/usr/bin/env python3
"""Converts tiktoken rank files into the compact form shipped in Sources/Tokenization/Resources.

Usage: scripts/tokenizer/make-compact-ranks.py RAWDIR
RAWDIR holds o200k_base.tiktoken and cl100k_base.tiktoken (see fetch-rank-files.sh).

Compact form (`NAME.bpe`), all integers little endian:
  8 bytes  magic b"WMBPE\\x00\\x01\\x00"
  4 bytes  token count n (ranks are exactly 0..n-1)
  n bytes  byte length of token r, for r in 0..n-1 (1...255)
  ...      the bytes of all tokens, concatenated in rank order
The raw file is exactly `base64(token) + " " + rank + "\\n"` per rank in order, so the compact form
reconstructs it byte for byte; this script checks that before writing, and the Swift tests check it again
against the sha256 of the raw file. The sha256 and the load-time checksum (RankFileChecksum.swift) of
each written file are printed for RankFile.swift.
"""
import base64, hashlib, pathlib, struct, sys

RAW_SHA256 = {
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
}

MASK = (1 << 64) - 1

def load_checksum(data: bytes) -> str:
    """RankFileChecksum.of, in 64-bit arithmetic: the checksum every load verifies."""
    def mix(state: int, word: int) -> int:
        product = ((state ^ word) * 0xFF51AFD7ED558CCD) & MASK
        return product ^ (product >> 31)
    state = (len(data) * 0x9E3779B97F4A7C15) & MASK
    whole = len(data) // 8 * 8
    for index in range(0, whole, 8):
        state = mix(state, int.from_bytes(data[index:index + 8], "little"))
    if whole < len(data):
        state = mix(state, int.from_bytes(data[whole:], "little"))
    state ^= state >> 29
    state = (state * 0xC4CEB9FE1A85EC53) & MASK
    return "%016x" % (state ^ (state >> 32))

def main() -> None:
    raw_dir = pathlib.Path(sys.argv[1])
    out_dir = pathlib.Path(__file__).resolve().parents[2] / "Sources/Tokenization/Resources"
    for name, expected in RAW_SHA256.items():
        raw = (raw_dir / f"{name}.tiktoken").read_bytes()
        actual = hashlib.sha256(raw).hexdigest()
        if actual != expected:
            sys.exit(f"{name}: sha256 {actual} != expected {expected}")
        tokens = []
        for rank, line in enumerate(raw.splitlines()):
            encoded, rank_text = line.split(b" ")
            if int(rank_text) != rank:
                sys.exit(f"{name}: ranks are not 0..n-1 in order at line {rank}")
            token = base64.b64decode(encoded, validate=True)
            if not 1 <= len(token) <= 255:
                sys.exit(f"{name}: token of length {len(token)} at rank {rank}")
            tokens.append(token)
        rebuilt = b"".join(base64.b64encode(t) + b" " + str(r).encode() + b"\n" for r, t in enumerate(tokens))
        if rebuilt != raw:
            sys.exit(f"{name}: raw file is not in canonical form; compact form would not reconstruct it")
        compact = b"WMBPE\x00\x01\x00" + struct.pack("<I", len(tokens)) + bytes(len(t) for t in tokens) + b"".join(tokens)
        (out_dir / f"{name}.bpe").write_bytes(compact)
        print(f"{name}.bpe  {len(compact)} bytes  sha256 {hashlib.sha256(compact).hexdigest()}"
              f"  checksum {load_checksum(compact)}")

if __name__ == "__main__":
    main()
