#!/bin/sh
# Start-up benchmark: one-shot `supervisorctl status` against the same real supervisord,
# Supervisor's Python client versus ours (as bin/supervisorctl runs it today, and with the
# recommended flags and class-data-sharing archive).
#
# Usage: docs/bench/ctl-startup.sh [runs]      (from the repository root, after
#        mvn -B -q -pl supervisorctl -am package -DskipTests)
# Needs /usr/bin/supervisord and /usr/bin/supervisorctl (Debian package "supervisor");
# uses hyperfine when installed (apt-get install hyperfine), else a date +%s%N loop.
# Writes docs/bench/ctl-startup-last.md (hyperfine's table) when hyperfine is used.
set -eu
RUNS=${1:-30}
ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
T="$ROOT/supervisorctl/target"
JAR=$(ls "$T"/jsupervisor-supervisorctl-*.jar | grep -v -e sources -e tests | head -n1)
CP="$JAR:$T/lib/*"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

DIR=$(mktemp -d /tmp/ctlbench.XXXXXX)
trap 'kill "$(cat "$DIR/sd.pid" 2>/dev/null)" 2>/dev/null || true; sleep 1; rm -rf "$DIR"' EXIT
cat > "$DIR/sv.conf" <<CONF
[unix_http_server]
file=$DIR/s.sock
[supervisord]
logfile=$DIR/sd.log
pidfile=$DIR/sd.pid
childlogdir=$DIR
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[supervisorctl]
serverurl=unix://$DIR/s.sock
[program:p]
command=sleep 1000
numprocs=5
process_name=%(program_name)s_%(process_num)d
startsecs=0
CONF
/usr/bin/supervisord -c "$DIR/sv.conf"
i=0
until /usr/bin/supervisorctl -c "$DIR/sv.conf" status >/dev/null 2>&1; do
    i=$((i + 1)); [ $i -lt 100 ] || { echo "supervisord did not come up" >&2; exit 1; }
    sleep 0.1
done

PY="/usr/bin/supervisorctl -c $DIR/sv.conf status"
LAUNCHER="$ROOT/bin/supervisorctl -c $DIR/sv.conf status"
FLAGS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr"
CDS="$JAVA $FLAGS -XX:SharedArchiveFile=$T/supervisorctl.jsa -cp $CP org.jsupervisor.supervisorctl.Main -c $DIR/sv.conf status"
NOCDS="$JAVA $FLAGS -cp $CP org.jsupervisor.supervisorctl.Main -c $DIR/sv.conf status"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
if command -v hyperfine >/dev/null; then
    hyperfine -N -i -w 3 -r "$RUNS" --export-markdown "$ROOT/docs/bench/ctl-startup-last.md" \
        -n python "$PY" -n "ours, bin/supervisorctl today" "$LAUNCHER" \
        -n "ours, recommended flags + AppCDS" "$CDS" -n "ours, recommended flags, no CDS" "$NOCDS"
else
    for cmd in "$PY" "$LAUNCHER" "$CDS" "$NOCDS"; do
        start=$(date +%s%N)
        n=0
        while [ $n -lt "$RUNS" ]; do $cmd >/dev/null 2>&1 || true; n=$((n + 1)); done
        end=$(date +%s%N)
        echo "$(( (end - start) / RUNS / 1000000 )) ms  $cmd"
    done
fi
