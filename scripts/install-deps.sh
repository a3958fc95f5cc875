#!/usr/bin/env bash
# Installs the system packages the project needs, when missing (Debian 12; run as root).
#   libpq-dev     libpq headers and library (PostgresStore)
#   libcmark-dev  cmark headers and library (PromptCompiler's structural guard)
#   libssl-dev    OpenSSL's libcrypto (the stable block's SHA-256; libpq-dev depends on it too)
#   postgresql    the server the tests start (scripts/test.sh), and its hot standby; pass --no-server to skip
#   pgbouncer     the transaction-mode pooler the tests put in front of it (skipped with --no-server too)
#   gdb           prints every thread's stack when the tests hang (scripts/test.sh; skipped with --no-server)
#   python3-venv, curl  the contract tests: Schemathesis in a virtual environment, and the wait for `wm serve`
#                 (scripts/contract/run-schemathesis.sh; skipped with --no-server)
#   chromium, fonts-dejavu-core  the browser test of `wm budget-report --format html`: headless Chromium renders
#                 the page to a PNG, with a font for its text (skipped with --no-server)
set -euo pipefail

packages=(libpq-dev libcmark-dev libssl-dev)
[ "${1:-}" = "--no-server" ] || packages+=(postgresql pgbouncer gdb python3-venv curl chromium fonts-dejavu-core)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: ${missing[*]}; install them as root: apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
