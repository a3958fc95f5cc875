#!/usr/bin/env bash
# Downloads the recorded Claude token counts (and their texts) from the PyPI sdist of ctok 1.3.0 (MIT),
# checks its sha256 and unpacks tests/fixtures into OUTDIR, gunzipped. Nothing of it is committed.
# Usage: scripts/tokenizer/fetch-claude-counts.sh OUTDIR
set -euo pipefail
out="${1:?usage: fetch-claude-counts.sh OUTDIR}"
sdist_sha256=f41812a6a67aea1422ff742c1b20f2a61f5ea733c74d755b94db88be5c9a930f
mkdir -p "$out"
if [ -f "$out/.sha256" ] && [ "$(cat "$out/.sha256")" = "$sdist_sha256" ]; then exit 0; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# ctok needs Python 3.12 to install, but the sdist itself can be fetched by any pip.
pip download --quiet --no-deps --no-binary :all: --python-version 3.12 --only-binary=:none: ctok==1.3.0 -d "$work"
echo "$sdist_sha256  $work/ctok-1.3.0.tar.gz" | sha256sum -c --quiet -
tar -xzf "$work/ctok-1.3.0.tar.gz" -C "$work"
cp "$work/ctok-1.3.0/LICENSE" "$out/LICENSE-ctok"
for name in udhr rosetta rosetta_holdout multipl_e; do
    cp "$work/ctok-1.3.0/tests/fixtures/${name}_counts.json" "$out/"
    gunzip -c "$work/ctok-1.3.0/tests/fixtures/$name.jsonl.gz" > "$out/$name.jsonl"
done
echo "$sdist_sha256" > "$out/.sha256"
