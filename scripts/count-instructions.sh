#!/usr/bin/env bash
# Instructions per iteration of a profiling probe (Benchmarks/CompilerProbe or SessionProbe), counted by
# valgrind: unlike time on a shared VM (runs of one build differ by up to 30%), the count repeats to within
# a fraction of a percent, so it can show a 1% change. Not part of CI.
# Usage: scripts/count-instructions.sh CompilerProbe|SessionProbe [ITERATIONS]
#   SessionProbe needs WM_BENCH_DATABASE_URL (a cluster seeded like scripts/bench-db.sh's).
# Prints (count at 3N - count at N) / 2N: the process's start (loading the rank file) cancels out.
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
probe=${1:?usage: scripts/count-instructions.sh CompilerProbe|SessionProbe [ITERATIONS]}
iterations=${2:-200}
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install valgrind" >&2; exit 1; }
swift build -c release --product "$probe" >&2
binary=$(mktemp /tmp/wm-probe.XXXXXX)
trap 'rm -f "$binary"' EXIT
# valgrind cannot read the Swift debug information; the symbol table is enough.
strip --strip-debug -o "$binary" ".build/release/$probe"
# Swift seeds its hash function per process unless told not to: the count would vary with the seed.
export SWIFT_DETERMINISTIC_HASHING=1
count() {
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$binary" "$1" 2>&1 >/dev/null \
        | awk '/I *refs:/ { gsub(",", "", $4); print $4 }'
}
low=$(count "$iterations")
high=$(count $((3 * iterations)))
echo "$probe: $(( (high - low) / (2 * iterations) )) instructions per iteration"
