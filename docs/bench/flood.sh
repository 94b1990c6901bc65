#!/bin/bash
# Output flood: N programs start together and each writes BYTES random bytes to its AUTO stdout
# log, then exits. Prints, for Supervisor 4.2.5 (/usr/bin/supervisord) and for ours on the same
# machine in the same run, the time from launch until every writer has exited and how many
# bytes did not reach the logs. Usage: docs/bench/flood.sh [N] [BYTES]   (200 5000000)
set -eu
N=${1:-200}
B=${2:-5000000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/jsflood.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

one() { # label binary
    d=$(mktemp -d "$WORK/r.XXXX")
    cat > "$d/sd.conf" <<CONF
[supervisord]
logfile=$d/main.log
pidfile=$d/sd.pid
childlogdir=$d
nodaemon=true
minfds=4096
[program:w]
command=head -c $B /dev/urandom
process_name=w_%(process_num)03d
numprocs=$N
startsecs=0
autorestart=false
stdout_logfile_maxbytes=0
CONF
    t0=$(date +%s.%N)
    "$2" -c "$d/sd.conf" >/dev/null 2>&1 &
    pid=$!
    while [ "$(grep -c 'exited: w_' "$d/main.log" 2>/dev/null)" != "$N" ]; do sleep 0.05; done
    t1=$(date +%s.%N)
    total=$(cat "$d"/w_*-stdout-*.log | wc -c)
    printf '| %-18s | %8.2f s | %12s | %10s |\n' "$1" "$(echo "$t1 - $t0" | bc)" "$total" "$((N * B - total))"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

echo "N=$N writers x $B bytes, $(nproc) CPUs, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| daemon             | all exited | bytes logged | bytes lost |"
echo "|--------------------|------------|--------------|------------|"
[ -x /usr/bin/supervisord ] && one "Supervisor 4.2.5" /usr/bin/supervisord
one "jsupervisor" "$ROOT/bin/supervisord"
