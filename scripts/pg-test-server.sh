#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the test suite and the benchmarks: its own cluster in a
# directory of ours, listening on 127.0.0.1 only (never another interface), with a password
# for the role "traject". Nothing of the machine's own clusters is touched.
#
#   scripts/pg-test-server.sh start DIR [PORT]   starts it (idempotent); prints the URL
#   scripts/pg-test-server.sh stop DIR           stops it and removes DIR
#   scripts/pg-test-server.sh url DIR [PORT]     prints the URL
#
# Tuned for tests, not for keeping data: fsync and synchronous_commit are off.
set -euo pipefail
command=${1:?usage: pg-test-server.sh start|stop|url DIR [PORT]}
dir=${2:?usage: pg-test-server.sh start|stop|url DIR [PORT]}
port=${3:-55432}
bin=/usr/lib/postgresql/15/bin
password=traject-test
url="postgresql://traject:${password}@127.0.0.1:${port}/traject"

# initdb and postgres refuse to run as root: as root, run them as the postgres user.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
  url)
    echo "$url"
    ;;
  start)
    [[ -x $bin/pg_ctl ]] || { echo "pg-test-server: PostgreSQL 15 is not installed ($bin)" >&2; exit 1; }
    mkdir -p "$dir"
    # As root the cluster belongs to the postgres user, who may not reach a directory of ours
    # (a build tree under a private temporary directory): it lives in a directory of its own
    # under /tmp, and $dir/cluster says where.
    if [[ $(id -u) -eq 0 ]]; then
      if [[ ! -s $dir/cluster ]]; then
        cluster=$(mktemp -d /tmp/traject-pg.XXXXXX)
        chown postgres: "$cluster"
        echo "$cluster" >"$dir/cluster"
      fi
      dir=$(cat "$dir/cluster")
    else
      dir=$(cd "$dir" && pwd)
    fi
    if as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      echo "$url"
      exit 0
    fi
    if [[ ! -f $dir/data/PG_VERSION ]]; then
      printf '%s\n' "$password" >"$dir/pw"
      if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir/pw"; fi
      as_owner "$bin/initdb" -D "$dir/data" -U traject --pwfile="$dir/pw" -A scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
      rm -f "$dir/pw"
      cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 256MB
CONF
      printf 'host all all 127.0.0.1/32 scram-sha-256\n' >"$dir/data/pg_hba.conf"
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    PGPASSWORD=$password "$bin/psql" -h 127.0.0.1 -p "$port" -U traject -d postgres -qtAc \
      "SELECT 1 FROM pg_database WHERE datname = 'traject'" | grep -q 1 ||
      PGPASSWORD=$password "$bin/createdb" -h 127.0.0.1 -p "$port" -U traject traject
    echo "$url"
    ;;
  stop)
    handle=$dir
    [[ -s $dir/cluster ]] && dir=$(cat "$dir/cluster")
    if [[ -d $dir/data ]]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir" "$handle"
    ;;
  *)
    echo "usage: pg-test-server.sh start|stop|url DIR [PORT]" >&2
    exit 2
    ;;
esac
