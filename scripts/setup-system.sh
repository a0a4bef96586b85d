#!/usr/bin/env bash
# System packages besides PostgreSQL: poppler-utils (pdftoppm, to render the PDF report's pages),
# DejaVu fonts (chart and PDF text), and mythes-it, the Italian thesaurus (GPL-3; read at run time
# from /usr/share/mythes, not shipped with Regia), whose synonyms retrieval tries for question words
# the documents never use (src/core/vocabulary/thesaurus.ts). Idempotent: skips what is present.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
need=()
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ -f /usr/share/mythes/th_it_IT_v2.dat ] || need+=(mythes-it)
if [ ${#need[@]} -gt 0 ]; then
  echo "[setup-system] installing ${need[*]}"
  $SUDO apt-get install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
    { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y --no-install-recommends "${need[@]}" >/dev/null; }
fi
