#!/usr/bin/env bash
# Builds the libFuzzer target (ASan + coverage) and fuzzes template compilation and rendering.
# Usage: fuzz/run.sh [SECONDS]   (default 300). Not part of CI.
# Corpus and crash artifacts go to fuzz/.work/ (ignored by git). Commit any crash input to
# Tests/PromptCompilerTests/Regressions/ so that the regression test replays it.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-300}"
swift build --package-path . --build-path .work/build -c debug \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
mkdir -p .work/corpus .work/artifacts
# Seed corpus: the shipped templates (mode byte 0 = compile a template) and the regression inputs.
for t in ../templates/*.md; do { printf '\x00'; cat "$t"; } > ".work/corpus/seed-$(basename "$t")"; done
cp ../Tests/PromptCompilerTests/Regressions/*.bin .work/corpus/ 2>/dev/null || true
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
# Leak checks off: at exit LeakSanitizer reports the ~375 nodes of the two templates that the `fixtures`
# global holds for the whole run (a fixed 15 KB, not growing with the number of runs). Our reading: LSan
# does not recognise Swift's spare-bit-tagged enum payload pointers as references. Memory errors (ASan)
# and every invariant (preconditions in PromptFuzz.swift) are still checked.
exec .work/build/debug/PromptFuzz .work/corpus -artifact_prefix=.work/artifacts/ \
  -max_total_time="$seconds" -max_len=4096 -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 -detect_leaks=0
