#!/usr/bin/env bash
# Starts (or reuses) a local PostgreSQL server for FileFlow's tests and exports its connection string.
#
#   source .ci/postgres.sh      # sets FILEFLOW_TEST_POSTGRES in the calling shell
#   bash .ci/postgres.sh        # prints `export FILEFLOW_TEST_POSTGRES=...`
#   bash .ci/postgres.sh stop   # stops the test server
#
# Idempotent: installs the Debian package `postgresql` only when no PostgreSQL binaries are present, creates a private
# cluster (its own data directory, not the distribution's `main` cluster) listening ONLY on 127.0.0.1, runs it as the
# `postgres` user when called as root, and creates the role `fileflow` and the database `fileflow_test`.
# Settings (environment): FILEFLOW_PG_DIR (default /var/tmp/fileflow-pg), FILEFLOW_PG_PORT (default 5432, or the
# next free port when 5432 is taken by something else).

_fileflow_pg_up() (
    set -euo pipefail
    log() { echo "postgres.sh: $*" >&2; }

    local base="${FILEFLOW_PG_DIR:-/var/tmp/fileflow-pg}"
    local data="$base/data"
    local user=fileflow password=fileflow database=fileflow_test

    find_bin() {
        local dir
        dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
        if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
            echo "$dir"
        fi
    }

    local bin
    bin="$(find_bin)"
    if [[ -z "$bin" ]]; then
        if [[ "$(id -u)" != 0 ]]; then
            log "PostgreSQL is not installed and we are not root: install the package 'postgresql' first."
            return 1
        fi

        log "installing PostgreSQL (apt-get)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq postgresql >&2
        bin="$(find_bin)"
        if [[ -z "$bin" ]]; then
            log "PostgreSQL binaries not found after installing."
            return 1
        fi
    fi

    # Run server tools as the postgres user when we are root (the server refuses to run as root).
    local owner
    owner="$(id -un)"
    as_owner() { "$@"; }
    if [[ "$(id -u)" == 0 ]]; then
        owner=postgres
        as_owner() { runuser -u postgres -- "$@"; }
    fi

    mkdir -p "$base"
    chown "$owner" "$base"
    chmod 700 "$base"

    port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

    local port
    if [[ -f "$data/PG_VERSION" ]] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        port="$(sed -n 4p "$data/postmaster.pid")"
        log "reusing the server already running on 127.0.0.1:$port ($data)"
    else
        if [[ ! -f "$data/PG_VERSION" ]]; then
            log "creating a cluster in $data"
            rm -rf "$data"
            as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
                -E UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1 || { cat "$base/initdb.log" >&2; return 1; }
        fi

        port="${FILEFLOW_PG_PORT:-5432}"
        while port_in_use "$port"; do
            port=$((port + 1))
        done

        log "starting the server on 127.0.0.1:$port"
        # Unix socket only inside the (0700) data directory; TCP only on the loopback address.
        as_owner "$bin/pg_ctl" -D "$data" -l "$base/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >&2 || { tail -n 30 "$base/server.log" >&2; return 1; }
    fi

    psql_admin() { as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$data" -p "$port" -U postgres "$@"; }

    psql_admin -d postgres >&2 <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN
        CREATE ROLE $user LOGIN PASSWORD '$password';
    END IF;
END
\$\$;
SQL
    if [[ "$(psql_admin -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]]; then
        psql_admin -d postgres -c "CREATE DATABASE $database OWNER $user ENCODING 'UTF8' TEMPLATE template0" >&2
    fi

    echo "Host=127.0.0.1;Port=$port;Username=$user;Password=$password;Database=$database"
)

_fileflow_pg_down() (
    set -euo pipefail
    local data="${FILEFLOW_PG_DIR:-/var/tmp/fileflow-pg}/data"
    local pg_ctl
    pg_ctl="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/pg_ctl"
    if [[ -f "$data/postmaster.pid" ]]; then
        if [[ "$(id -u)" == 0 ]]; then
            runuser -u postgres -- "$pg_ctl" -D "$data" -m fast -w stop >&2
        else
            "$pg_ctl" -D "$data" -m fast -w stop >&2
        fi
    fi
)

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    # Sourced: export the variable into the caller's shell; never change the caller's shell options.
    if FILEFLOW_TEST_POSTGRES="$(_fileflow_pg_up)"; then
        export FILEFLOW_TEST_POSTGRES
        echo "postgres.sh: FILEFLOW_TEST_POSTGRES=$FILEFLOW_TEST_POSTGRES" >&2
    else
        echo "postgres.sh: could not start PostgreSQL; PostgreSQL tests will be skipped" >&2
        unset FILEFLOW_TEST_POSTGRES
        return 1
    fi
else
    set -euo pipefail
    if [[ "${1:-}" == stop ]]; then
        _fileflow_pg_down
    else
        connection="$(_fileflow_pg_up)"
        echo "export FILEFLOW_TEST_POSTGRES='$connection'"
    fi
fi
