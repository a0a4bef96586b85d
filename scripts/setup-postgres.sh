#!/usr/bin/env bash
# Makes the local PostgreSQL 15 usable for the test suites on a fresh machine:
# builds pgvector from Debian's source package when the extension is missing,
# starts the server when it is down, and creates the test database.
# Idempotent: a machine that already has everything is left untouched.
set -euo pipefail

PG_MAJOR="${PG_MAJOR:-15}"
TEST_DB="${REGIA_TEST_DB:-regia_test}"
PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config"
CONTROL="/usr/share/postgresql/${PG_MAJOR}/extension/vector.control"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

log() { echo "[setup-postgres] $*"; }

pg_ready() { pg_isready -h 127.0.0.1 -p 5432 -q; }

start_server() {
  if ! pg_ready; then
    log "starting PostgreSQL ${PG_MAJOR}"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "${PG_MAJOR}" main start || true
    for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  fi
  pg_ready || { log "PostgreSQL ${PG_MAJOR} is not answering on 127.0.0.1:5432"; exit 1; }
}

install_pgvector() {
  log "pgvector missing: building it from Debian's source package (suite trixie)"
  work="$(mktemp -d)"
  mkdir -p "$work/sources.list.d" "$work/lists/partial"
  # Use the Debian mirror this machine is already configured with (first URI of debian.sources).
  mirror="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  [ -n "$mirror" ] || mirror="$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
  [ -n "$mirror" ] || { log "no Debian mirror configured in /etc/apt"; exit 1; }
  echo "deb-src ${mirror} trixie main" > "$work/sources.list.d/trixie-src.list"
  # A private sources dir and lists dir keep the machine's own apt configuration untouched.
  apt_opts=(-o "Dir::Etc::sourcelist=/dev/null" -o "Dir::Etc::sourceparts=$work/sources.list.d" -o "Dir::State::Lists=$work/lists")
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "postgresql-server-dev-${PG_MAJOR}" make gcc >/dev/null
  $SUDO apt-get "${apt_opts[@]}" update -qq
  (cd "$work" && chmod 777 "$work" && apt-get "${apt_opts[@]}" source --download-only pgvector >/dev/null)
  tarball="$(ls "$work"/pgvector_*.orig.tar.* | head -n 1)"
  mkdir -p "$work/src" && tar -xf "$tarball" -C "$work/src" --strip-components=1
  make -s -C "$work/src" PG_CONFIG="$PG_CONFIG" >/dev/null
  $SUDO make -s -C "$work/src" PG_CONFIG="$PG_CONFIG" install >/dev/null
  rm -rf "$work"
  log "pgvector installed"
}

if [ ! -f "$CONTROL" ]; then
  install_pgvector
fi
# Installing the server-dev package can upgrade and stop the running cluster: check again.
start_server

if ! psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${TEST_DB}'" | grep -q 1; then
  log "creating database ${TEST_DB}"
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE \"${TEST_DB}\""
fi
PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d "${TEST_DB}" -qc "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null
log "ready: postgres://postgres@127.0.0.1:5432/${TEST_DB}"
