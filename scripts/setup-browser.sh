#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (the status board is checked in a real
# browser driven by playwright-core). Idempotent: skips when /usr/bin/chromium is present.
set -euo pipefail

log() { echo "[setup-browser] $*"; }

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
log "installing chromium from Debian"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
log "ready: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
