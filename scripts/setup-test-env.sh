#!/usr/bin/env bash
# Install the system packages the test suite needs (Debian, as root or with sudo).
# Idempotent: installs only what is missing and runs `apt-get update` at most once.
#   - chromium: the browser the Playwright tests drive (/usr/bin/chromium; no browser download)
#   - postgresql: the server the storage tests start as the `postgres` user in a temp dir
#   - pango/harfbuzz/fonts: what WeasyPrint needs to render PDF reports
#   - poppler-utils: pdftoppm, to look at rendered report pages
set -euo pipefail

PACKAGES=(
    chromium
    postgresql
    libpango-1.0-0
    libpangoft2-1.0-0
    libharfbuzz-subset0
    fonts-dejavu-core
    poppler-utils
)

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "setup-test-env: all system packages present"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-test-env: apt-get not found; install by hand: ${missing[*]}" >&2
    exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

echo "setup-test-env: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-test-env: done"
