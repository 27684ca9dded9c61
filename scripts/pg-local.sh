#!/usr/bin/env bash
# A throwaway PostgreSQL for tests and benches. Data is disposable: fsync and friends are off.
#
#   scripts/pg-local.sh start DIR PORT   prints one line on stdout: postgresql://postgres@127.0.0.1:PORT/jianfu
#   scripts/pg-local.sh stop DIR         stops the server started from DIR (no error if none runs)
#
# JIANFU_PG_SHARED_BUFFERS sets shared_buffers of a new cluster (default 128MB, PostgreSQL's own); the
# benches give theirs a quarter of the machine's memory, as a database server would be set up.
#
# DIR holds the cluster (DIR/data), its log (DIR/postgres.log) and its unix socket. As root the server
# runs as the `postgres` OS user (initdb refuses root), so every parent of DIR must be traversable by
# that user; /tmp/jianfu-pg-<name> always is. Missing server binaries are installed from Debian's
# `postgresql` package (root only). Everything except the URL goes to stderr.
set -euo pipefail

log() { echo "pg-local: $*" >&2; }
die() { log "error: $*"; exit 1; }
usage() { die "usage: $0 start DIR PORT | stop DIR"; }

# Highest installed version that has the server binaries.
find_bin() {
  local d best="" bestv=0 v
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]] || continue
    v=$(basename "$(dirname "$d")")
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if (( v > bestv )); then bestv=$v; best=$d; fi
  done
  [[ -n "$best" ]] && echo "$best"
}

ensure_bin() {
  BIN=$(find_bin || true)
  if [[ -z "$BIN" ]]; then
    [[ $EUID -eq 0 ]] || die "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin and not root to install them"
    log "installing Debian's postgresql package"
    # Output of apt goes to stderr so stdout carries only the URL.
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } 1>&2
    BIN=$(find_bin || true)
    [[ -n "$BIN" ]] || die "postgresql installed but no server binaries found in /usr/lib/postgresql/*/bin"
  fi
}

# Runs a command as the cluster owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

is_running() { [[ -f "$DATA/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

cmd_start() {
  local port=$1
  [[ "$port" =~ ^[0-9]+$ ]] && (( port > 0 && port < 65536 )) || die "bad port: $port"
  ensure_bin
  # Never take over a directory that holds something else (e.g. DIR=/tmp by mistake).
  if [[ -d "$DIR" && -n "$(ls -A "$DIR")" && ! -e "$DIR/.lock" && ! -f "$DIR/data/PG_VERSION" ]]; then
    die "$DIR exists and is not empty; pass a fresh directory such as /tmp/jianfu-pg-test"
  fi
  mkdir -p "$DIR"
  DIR=$(cd "$DIR" && pwd -P)
  DATA="$DIR/data"
  if [[ $EUID -eq 0 ]]; then
    chown postgres:postgres "$DIR"
    chmod 700 "$DIR"
    runuser -u postgres -- test -w "$DIR" ||
      die "the postgres user cannot reach $DIR (a parent directory is not traversable); use a directory under /tmp, e.g. /tmp/jianfu-pg-test"
  fi

  # One start at a time per DIR.
  exec 9>>"$DIR/.lock"
  flock 9

  if is_running; then
    local running_port
    running_port=$(sed -n 4p "$DATA/postmaster.pid")
    [[ "$running_port" == "$port" ]] || log "a server already runs from $DIR on port $running_port (not $port)"
    echo "postgresql://postgres@127.0.0.1:${running_port}/jianfu"
    return
  fi

  if [[ ! -f "$DATA/PG_VERSION" ]]; then
    log "initdb $DATA ($BIN)"
    rm -rf "$DATA"
    # C.UTF-8 keeps byte-order sorting but classifies CJK characters (pg_trgm needs that for names).
    if ! as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >&2; then
      log "initdb with C.UTF-8 failed, retrying with --no-locale"
      rm -rf "$DATA"
      as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --no-locale >&2
    fi
    as_owner tee -a "$DATA/postgresql.conf" >/dev/null <<EOF

# --- scripts/pg-local.sh: throwaway cluster, speed over durability ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_wal_size = '4GB'
shared_buffers = '${JIANFU_PG_SHARED_BUFFERS:-128MB}'
checkpoint_timeout = '30min'
logging_collector = off
EOF
  fi

  log "starting on 127.0.0.1:$port"
  if ! as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/postgres.log" -o "-p $port" -w -t 60 start >&2 9>&-; then
    tail -n 30 "$DIR/postgres.log" >&2 || true
    die "server did not start (is port $port already in use?)"
  fi

  local psql=("$BIN/psql" -X -q -h "$DIR" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
  if [[ "$(as_owner "${psql[@]}" -tAc "select 1 from pg_database where datname = 'jianfu'")" != "1" ]]; then
    as_owner "${psql[@]}" -c "create database jianfu owner postgres" >&2
  fi
  echo "postgresql://postgres@127.0.0.1:${port}/jianfu"
}

cmd_stop() {
  DATA="$DIR/data"
  BIN=$(find_bin || true)
  if [[ -z "$BIN" || ! -f "$DATA/PG_VERSION" ]]; then log "nothing to stop in $DIR"; return; fi
  if is_running; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2
  else
    log "not running: $DIR"
  fi
}

[[ $# -ge 2 ]] || usage
DIR=$2
case "$1" in
  start) [[ $# -eq 3 ]] || usage; cmd_start "$3" ;;
  stop) [[ $# -eq 2 ]] || usage; cmd_stop ;;
  *) usage ;;
esac
