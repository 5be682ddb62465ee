#!/usr/bin/env bash
# The browser test drives Debian's Chromium (never a downloaded browser build).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
source "$(dirname "$0")/apt_install.sh"
apt_install chromium "the browser test"
