#!/usr/bin/env bash
# Survives the loss of the database server: a PostgreSQL primary and a synchronous standby on loopback, two FileFlow app nodes
# working through a multi-host connection string, the primary killed with SIGKILL mid-run, the standby promoted; the nodes reconnect,
# retry the interrupted actions by their action ids and finish. Then every action acknowledged before the kill must be on the new
# primary, nothing applied twice, and the store must verify.
#
#   bash .ci/pg-failover.sh          # the short form CI runs (about a minute)
#
# Settings (environment): FILEFLOW_FAILOVER_FILES (default 60 files), FILEFLOW_FAILOVER_KILL_AFTER (kill the primary once this many
# actions are acknowledged; default 60), FILEFLOW_FAILOVER_DOWN (seconds between the kill and the promotion; default 2),
# FILEFLOW_FAILOVER_KEEP=1 keeps the work folder, FILEFLOW_CLI (the command that runs the tool; default the built FileFlow.Cli.dll).
# Plain streaming replication, durable settings (fsync on, synchronous_commit on), TCP on 127.0.0.1 only; both servers are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

files="${FILEFLOW_FAILOVER_FILES:-60}"
kill_after="${FILEFLOW_FAILOVER_KILL_AFTER:-60}"
down="${FILEFLOW_FAILOVER_DOWN:-2}"
log() { echo "pg-failover: $*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [[ -z "$bin" || ! -x "$bin/pg_basebackup" ]]; then
    if [[ "$(id -u)" != 0 ]]; then
        fail "PostgreSQL server binaries not found; install the package 'postgresql'"
    fi
    log "installing PostgreSQL (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi

# The server refuses to run as root: run its tools as the postgres user when we are root.
owner="$(id -un)"
as_owner() { "$@"; }
if [[ "$(id -u)" == 0 ]]; then
    owner=postgres
    as_owner() { runuser -u postgres -- "$@"; }
fi

cli=()
if [[ -n "${FILEFLOW_CLI:-}" ]]; then
    read -r -a cli <<<"$FILEFLOW_CLI"
else
    dll="$repo/src/FileFlow.Cli/bin/Debug/net10.0/FileFlow.Cli.dll"
    if [[ ! -f "$dll" ]]; then
        log "building the tool"
        dotnet build "$repo/src/FileFlow.Cli" -v q -nologo >&2
    fi
    cli=(dotnet "$dll")
fi

work="$(mktemp -d /var/tmp/fileflow-failover.XXXXXX)"
chmod 755 "$work"
primary="$work/primary"
standby="$work/standby"
state="$work/state"
mkdir -p "$state" "$primary" "$standby"
chown "$owner" "$primary" "$standby"
chmod 700 "$primary" "$standby"
node_pids=()

cleanup() {
    local code=$?
    for pid in "${node_pids[@]}"; do
        kill -9 "$pid" 2>/dev/null || true
    done
    for data in "$primary" "$standby"; do
        if [[ -f "$data/postmaster.pid" ]]; then
            as_owner "$bin/pg_ctl" -D "$data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
        fi
    done
    if [[ $code != 0 ]]; then
        for f in "$work"/primary.log "$work"/standby.log "$work"/node*.err; do
            [[ -f "$f" ]] && { echo "--- $f" >&2; tail -n 20 "$f" >&2; }
        done
    fi
    if [[ "${FILEFLOW_FAILOVER_KEEP:-}" == 1 ]]; then
        log "kept $work"
    else
        rm -rf "$work"
    fi
    exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local port=$1
    for _ in $(seq 1 200); do
        if ! port_in_use "$port"; then echo "$port"; return 0; fi
        port=$((port + 1))
    done
    return 1
}
p1="$(free_port 55432)"
p2="$(free_port $((p1 + 1)))"

log "primary on 127.0.0.1:$p1, standby on 127.0.0.1:$p2 ($work)"
as_owner "$bin/initdb" -D "$primary" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log" >&2; fail "initdb"; }
cat >>"$primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $p1
unix_socket_directories = '$primary'
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = on
synchronous_commit = on
full_page_writes = on
CONF
touch "$work/primary.log" "$work/standby.log"
chown "$owner" "$work/primary.log" "$work/standby.log"
as_owner "$bin/pg_ctl" -D "$primary" -l "$work/primary.log" -w -t 60 start >/dev/null || fail "primary did not start"

psql_at() { local data=$1 port=$2; shift 2; as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$data" -p "$port" -U postgres "$@"; }
psql_at "$primary" "$p1" -d postgres >/dev/null <<SQL
CREATE ROLE replicator REPLICATION LOGIN PASSWORD 'replicator';
CREATE ROLE fileflow LOGIN PASSWORD 'fileflow';
CREATE DATABASE fileflow_failover OWNER fileflow ENCODING 'UTF8' TEMPLATE template0;
SQL

# The standby: a base backup with -R (standby.signal and primary_conninfo), named so the primary can wait for it.
as_owner env PGPASSWORD=replicator "$bin/pg_basebackup" -h 127.0.0.1 -p "$p1" -U replicator -D "$standby" -R -X stream -c fast \
    -d "application_name=fileflow_standby" >"$work/basebackup.log" 2>&1 || { cat "$work/basebackup.log" >&2; fail "pg_basebackup"; }
as_owner "$bin/pg_ctl" -D "$standby" -l "$work/standby.log" -w -t 60 \
    -o "-c port=$p2 -c unix_socket_directories=$standby -c cluster_name=fileflow_standby" start >/dev/null || fail "standby did not start"

# Only now make commits wait for the standby (earlier, the roles above would have waited for a standby that did not exist).
psql_at "$primary" "$p1" -d postgres -c "ALTER SYSTEM SET synchronous_standby_names = 'fileflow_standby'" -c "SELECT pg_reload_conf()" >/dev/null
sync=""
for _ in $(seq 1 60); do
    sync="$(psql_at "$primary" "$p1" -d postgres -tA -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'fileflow_standby'")"
    [[ "$sync" == sync ]] && break
    sleep 0.5
done
[[ "$sync" == sync ]] || fail "the standby is not synchronous (sync_state '$sync')"
log "standby streaming, synchronous"

conn="Host=127.0.0.1:$p1,127.0.0.1:$p2;Username=fileflow;Password=fileflow;Database=fileflow_failover;Target Session Attributes=read-write"
conn="$conn;Host Recheck Seconds=1;Timeout=3;Command Timeout=15"
store=(--postgres "$conn" --schema fileflow --state-dir "$state")

"${cli[@]}" nodes prepare --files "$files" --offices 2 "${store[@]}" --json >"$work/prepare.json" || fail "nodes prepare"

# Two app nodes, each with its own engine and connection pool, on the same files; each logs the actions acknowledged to it.
start=$(date +%s.%N)
for i in 0 1; do
    "${cli[@]}" nodes work --node "$i" --of 2 --concurrency 4 --retry-for 60 --ack-log "$work/acks-$i.log" --json "${store[@]}" \
        >"$work/node$i.json" 2>"$work/node$i.err" &
    node_pids+=($!)
done

acked() { cat "$work"/acks-*.log 2>/dev/null | wc -l; }
for _ in $(seq 1 600); do
    [[ "$(acked)" -ge "$kill_after" ]] && break
    for pid in "${node_pids[@]}"; do
        kill -0 "$pid" 2>/dev/null || fail "a node exited before the kill (raise FILEFLOW_FAILOVER_FILES)"
    done
    sleep 0.1
done
[[ "$(acked)" -ge "$kill_after" ]] || fail "the nodes did not acknowledge $kill_after actions within a minute"
for pid in "${node_pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || fail "a node finished before the kill: the run must be under way (raise FILEFLOW_FAILOVER_FILES)"
done

# The server is lost: SIGKILL to the postmaster and every backend at once, as when the machine dies (children found through /proc).
postmaster="$(head -n 1 "$primary/postmaster.pid")"
children=()
for stat in /proc/[0-9]*/stat; do
    # Shell builtins only, so the scan takes milliseconds: after the command name come the state and the parent's pid.
    { read -r line <"$stat"; } 2>/dev/null || continue
    read -r _ parent _ <<<"${line##*) }"
    if [[ "$parent" == "$postmaster" ]]; then
        pid="${stat#/proc/}"
        children+=("${pid%/stat}")
    fi
done
kill -9 "$postmaster" "${children[@]}" 2>/dev/null || true
killed=$(date +%s.%N)
cat "$work"/acks-*.log >"$work/acked-before-kill.log"
before="$(wc -l <"$work/acked-before-kill.log")"
log "killed the primary (SIGKILL, pid $postmaster) after $before acknowledged actions"

sleep "$down"
as_owner "$bin/pg_ctl" -D "$standby" -w -t 60 promote >/dev/null || fail "promote"
promoted=$(date +%s.%N)
log "promoted the standby $(awk "BEGIN { printf \"%.1f\", $promoted - $killed }") s after the kill"

status=0
for pid in "${node_pids[@]}"; do
    # Bounded: each node gives up on an action after --retry-for seconds.
    wait "$pid" || status=1
done
node_pids=()
finished=$(date +%s.%N)
[[ $status == 0 ]] || fail "a node failed: $(cat "$work"/node*.err | head -n 3)"

# Every action acknowledged before the kill, and every action acknowledged at all, is on the new primary; nothing applied twice.
"${cli[@]}" nodes check --acks "$work/acked-before-kill.log" --json "${store[@]}" >"$work/check-before.json" \
    || fail "nodes check (acknowledged before the kill): $(cat "$work/check-before.json")"
"${cli[@]}" nodes check --acks "$work"/acks-*.log --json "${store[@]}" >"$work/check.json" || fail "nodes check: $(cat "$work/check.json")"
"${cli[@]}" verify "${store[@]}" >"$work/verify.txt" || fail "verify: $(cat "$work/verify.txt")"

# Only the new primary answers now: read the figures from it alone.
is_standby="$(psql_at "$standby" "$p2" -d postgres -tA -c "SELECT pg_is_in_recovery()")"
[[ "$is_standby" == f ]] || fail "the promoted standby is still in recovery"
records="$(psql_at "$standby" "$p2" -d fileflow_failover -tA -c "SELECT count(*) FROM fileflow.records")"
twice="$(psql_at "$standby" "$p2" -d fileflow_failover -tA -c \
    "SELECT count(*) FROM (SELECT action_id, document_id FROM fileflow.records GROUP BY 1, 2 HAVING count(*) > 1) d")"
[[ "$twice" == 0 ]] || fail "$twice actions applied twice"

# The figures, from the nodes' JSON summaries and the checks (plain awk: no JSON tool needed).
num() { grep -o "\"$2\": *[0-9.]*" "$1" | head -n 1 | grep -o '[0-9.]*$'; }
sum() { local total=0 f; for f in "$work"/node*.json; do total=$(awk "BEGIN { print $total + $(num "$f" "$1") }"); done; echo "$total"; }
most() { local top=0 f; for f in "$work"/node*.json; do top=$(awk "BEGIN { v = $(num "$f" "$1"); print (v > $top ? v : $top) }"); done; echo "$top"; }
landed_on_retry="$(cat "$work"/acks-*.log | grep -c 'replayed retried$' || true)"
log "primary killed after $before acknowledged actions; standby promoted $(awk "BEGIN { printf \"%.1f\", $promoted - $killed }") s later"
log "time to reconnect $(awk "BEGIN { printf \"%.1f\", $(most longestOutageSeconds) }") s (from a node's first failed attempt to its first action on the new primary)"
log "$(sum retriedActions) actions retried by their action ids ($(sum retryAttempts) attempts); $landed_on_retry of them found already landed on retry" \
    "(committed but not acknowledged before the kill, or applied by the other node meanwhile), not applied again"
log "total $(sum applied) actions applied by 2 nodes ($(sum replayed) found applied by the other node), $records records," \
    "$(num "$work/check.json" closed)/$(num "$work/check.json" files) files closed, in $(awk "BEGIN { printf \"%.1f\", $finished - $start }") s"
before_ok=$(( $(num "$work/check-before.json" acknowledged) - $(num "$work/check-before.json" acknowledgedMissing) ))
all_ok=$(( $(num "$work/check.json" acknowledged) - $(num "$work/check.json" acknowledgedMissing) ))
log "on the new primary: $before_ok/$(num "$work/check-before.json" acknowledged) actions acknowledged before the kill," \
    "$all_ok/$(num "$work/check.json" acknowledged) acknowledged in all; $twice applied twice"
tail -n 1 "$work/verify.txt" | sed 's/^/pg-failover: /'
log "OK"
