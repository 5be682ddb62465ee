#!/usr/bin/env bash
# The suite starts its own PostgreSQL server (tests/postgres.py) from Debian's binaries.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  exit 0
fi
source "$(dirname "$0")/apt_install.sh"
apt_install postgresql "the PostgreSQL tests"
