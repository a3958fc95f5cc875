#!/usr/bin/env bash
# Throughput of the Swift tokenizer against tiktoken 0.14.0 on the same file, in the same run, one thread each.
# Usage: scripts/tokenizer/compare-tiktoken.sh RAWDIR [FILE] [REPEATS]
#   RAWDIR: the raw .tiktoken files (scripts/tokenizer/fetch-rank-files.sh RAWDIR), for tiktoken's offline cache.
#   FILE: default Benchmarks/Corpus/nodejs-api-docs.md. Needs `pip install tiktoken==0.14.0`.
# Builds Benchmarks' TokenizerProbe in release, prints its figures, tiktoken's, and the ratios.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
raw="$(cd "${1:?usage: compare-tiktoken.sh RAWDIR [FILE] [REPEATS]}" && pwd)"
file="$(realpath "${2:-$root/Benchmarks/Corpus/nodejs-api-docs.md}")"
repeats="${3:-10}"
(cd "$root/Benchmarks" && swift build -c release --product TokenizerProbe >&2)
swift_out="$("$root/Benchmarks/.build/release/TokenizerProbe" "$file" "$repeats")"
echo "== Swift (Tokenization, release)"
echo "$swift_out"
cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT
cp "$raw/o200k_base.tiktoken" "$cache/fb374d419588a4632f3f557e76b4b70aebbca790"
cp "$raw/cl100k_base.tiktoken" "$cache/9b5ad71b2ce5302211f9c61530b329a4922fc6a4"
echo "== tiktoken"
TIKTOKEN_CACHE_DIR="$cache" RAYON_NUM_THREADS=1 python3 - "$file" "$repeats" <<'PY' | tee "$cache/tiktoken.out"
import sys, time, tiktoken
assert tiktoken.__version__ == "0.14.0", tiktoken.__version__
text = open(sys.argv[1], "rb").read().decode("utf-8", errors="replace")
mb = len(text.encode("utf-8")) / 1e6
for name in ("o200k_base", "cl100k_base"):
    start = time.perf_counter(); enc = tiktoken.get_encoding(name); load = time.perf_counter() - start
    best = float("inf")
    for _ in range(int(sys.argv[2])):
        start = time.perf_counter(); tokens = len(enc.encode_ordinary(text)); best = min(best, time.perf_counter() - start)
    print(f"{name}.first_load_ms {load * 1000:.2f}")
    print(f"{name}.tokens {tokens}")
    print(f"{name}.encode_mb_per_s {mb / best:.2f}")
    print(f"{name}.encode_mtokens_per_s {tokens / best / 1e6:.3f}")
PY
echo "== Swift / tiktoken"
for name in o200k_base cl100k_base; do
  s=$(echo "$swift_out" | awk -v k="$name.encode_mb_per_s" '$1==k {print $2}')
  t=$(awk -v k="$name.encode_mb_per_s" '$1==k {print $2}' "$cache/tiktoken.out")
  st=$(echo "$swift_out" | awk -v k="$name.tokens" '$1==k {print $2}')
  tt=$(awk -v k="$name.tokens" '$1==k {print $2}' "$cache/tiktoken.out")
  [ "$st" = "$tt" ] || echo "WARNING: $name token counts differ: swift $st, tiktoken $tt"
  python3 -c "print(f'$name encode throughput ratio: {$s / $t:.2f}x  ($s MB/s vs $t MB/s)')"
done
