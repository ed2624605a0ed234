#!/usr/bin/env bash
# Find (installing Debian's chromium first where none is found) a headless browser for the tests, and
# print its path on stdout. Everything else goes to stderr. The brief's HTML test opens the file in
# it with networking off, to show that the page renders on its own.
# Needs root to install, as on CI; elsewhere, set SITREP_TEST_BROWSER to a chromium or chrome binary.
set -euo pipefail
exec 3>&1 1>&2
find_browser() {
    for name in chromium chromium-browser chromium-headless-shell google-chrome google-chrome-stable; do
        if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
    done
    for path in /usr/lib/chromium/chromium /usr/lib/chromium/headless_shell; do
        if [ -x "$path" ]; then echo "$path"; return 0; fi
    done
    return 1
}
if ! browser=$(find_browser); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
    browser=$(find_browser)
fi
"$browser" --version >&2 || { echo "test_browser.sh: $browser does not start" >&2; exit 1; }
echo "$browser" >&3
