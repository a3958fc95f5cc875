#!/usr/bin/env bash
# Builds Benchmarks/Corpus/nodejs-api-docs.md: the Node.js 18 API docs (markdown, MIT/Expat, Debian package
# nodejs-doc), files in name order, cut at the first line end after 1 MiB. See Benchmarks/Corpus/NOTICE.md.
# Needs: apt-get install nodejs-doc
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/Benchmarks/Corpus/nodejs-api-docs.md"
python3 - "$out" <<'PY'
import glob, gzip, sys
text = b"".join(gzip.open(path).read() for path in sorted(glob.glob("/usr/share/doc/nodejs/api/*.md.gz")))
cut = text.index(b"\n", 1 << 20) + 1
text[:cut].decode("utf-8")  # must be valid UTF-8
open(sys.argv[1], "wb").write(text[:cut])
print(f"{cut} bytes -> {sys.argv[1]}")
PY
