#!/usr/bin/env bash
# The Jammu and Kashmir year: 3,804 offices (~20,500 officers), 125,000 applications over 365 days, signed, on SQLite; then verify.
# Usage: scripts/jk-year.sh [ecdsa-p256|rsa2048] [DAYS]
#   DAYS < 365 runs a proportional fraction: the same arrival rate (125,000 applications over nine tenths of the year) for DAYS days.
# Prints provisioning time (before the year, from the keyring), simulate and verify wall time, records, and peak memory (/usr/bin/time -v).
set -euo pipefail
algorithm="${1:-ecdsa-p256}"
days="${2:-365}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${JK_WORK:-$(mktemp -d /tmp/fileflow-jk-XXXX)}"
keyring="${JK_KEYRING:-$HOME/.cache/fileflow/keyrings}"
files=$(( 125000 * days / 365 ))
dotnet build "$root/src/FileFlow.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/FileFlow.Cli/bin/Release/net10.0/FileFlow.Cli.dll"
db="$work/jk-$algorithm.db"
echo "J&K year: 3804 offices, $files applications over $days days, $algorithm keys, store $db" >&2
/usr/bin/time -v -o "$work/simulate.time" dotnet "$cli" simulate --offices 3804 --files "$files" --days "$days" --algorithm "$algorithm" \
  --keyring "$keyring" --db "$db" --force --json > "$work/simulate.json"
/usr/bin/time -v -o "$work/verify.time" dotnet "$cli" verify --db "$db" --json > "$work/verify.json"
peak() { awk -F': ' '/Maximum resident set size/ { printf "%.0f MB", $2 / 1024 }' "$1"; }
python3 - "$work" "$(peak "$work/simulate.time")" "$(peak "$work/verify.time")" <<'PY'
import json, sys
work, sim_peak, ver_peak = sys.argv[1:4]
s = json.load(open(f"{work}/simulate.json")); v = json.load(open(f"{work}/verify.json"))
print(f"offices / posts / officers : {s['offices']} / {s['posts']} / {s['officers']}")
print(f"applications / days       : {s['files']} / {s['days']} ({s['algorithm']})")
print(f"provisioning (not timed)  : {s['provisioningSeconds']:.1f} s, keyring {'reused' if s['keyringReused'] else 'generated'} ({s['keyring']})")
print(f"simulate (the year)       : {s['wallSeconds']:.1f} s, {s['transitions']} signed records, {s['transitionsPerSecond']:.0f}/s, errors {s['errors']}")
print(f"simulate CPU              : {s['cpuSeconds']:.1f} CPU-s, {s['cpuMicrosecondsPerRecord']:.0f} µs per record; raw native sign + verify "
      f"{s['rawSignVerifyMicroseconds']:.0f} µs (ratio {s['cpuMicrosecondsPerRecord'] / s['rawSignVerifyMicroseconds']:.0f}x)")
print(f"verify                    : {v['seconds']:.1f} s, {v['records']} records, valid {v['valid']}")
print(f"simulate + verify         : {s['wallSeconds'] + v['seconds']:.1f} s")
print(f"peak memory               : simulate {sim_peak}, verify {ver_peak}")
PY
