#!/usr/bin/env bash
# Renders the bundled example user (examples/alex.json) with the default template: no database needed.
# Installs the build's system libraries when missing, builds `wm-render` (`wm render` without the HTTP
# service's dependencies, so a fresh clone shows the block sooner) in release mode, and prints the block.
# Extra arguments go to `wm render` (e.g. --template yarnnn-v1, --budget 600, --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --no-server
swift build -c release --product wm-render >&2
.build/release/wm-render examples/alex.json "$@"
echo
