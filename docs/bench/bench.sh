#!/bin/sh
# Benchmark: our supervisord against Supervisor 4.2.5 (/usr/bin/supervisord) on the same
# machine, in the same run. Measures, for N `sleep` children with startsecs=1, default (AUTO)
# child logs and a unix_http_server, as a typical installation has:
#   - time from launch until every child is RUNNING (from the main log's own timestamps)
#   - daemon RSS and thread count with all children running, then RSS again after six
#     `supervisorctl status` calls (the Python client against both daemons)
#   - daemon CPU while idle (10 s)
#   - crash respawn latency (kill -9 a RUNNING child; time until "spawned" for it again)
#   - child log throughput: one child writes BYTES bytes; time from spawn to exit (median
#     of 3 runs), and whether every byte reached the log
# Usage: docs/bench/bench.sh [N] [BYTES]     (defaults 500 and 500000000)
# Needs: a built tree (mvn -B -q package -DskipTests), python3 for arithmetic on timestamps.
set -eu
N=${1:-500}
BYTES=${2:-500000000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OURS="$ROOT/bin/supervisord"
THEIRS=/usr/bin/supervisord
PY=/usr/bin/python3
WORK=$(mktemp -d /tmp/jsbench.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

now() { $PY -c 'import time; print("%.3f" % time.time())'; }

# log_ts LINE -> epoch seconds of a "YYYY-mm-dd HH:MM:SS,mmm LEVL ..." line
log_ts() {
    $PY -c 'import sys,time,datetime
l=sys.argv[1]
d=datetime.datetime.strptime(l[:23], "%Y-%m-%d %H:%M:%S,%f")
print("%.3f" % (time.mktime(d.timetuple()) + d.microsecond/1e6))' "$1"
}

write_config() { # dir nodaemon
    d=$1
    {
        echo "[supervisord]"
        echo "logfile=$d/main.log"
        echo "pidfile=$d/sd.pid"
        echo "childlogdir=$d"
        echo "nodaemon=true"
        echo "minfds=4096"
        echo "[unix_http_server]"
        echo "file=$d/sd.sock"
        echo "[rpcinterface:supervisor]"
        echo "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface"
        echo "[supervisorctl]"
        echo "serverurl=unix://$d/sd.sock"
        echo "[program:s]"
        echo "command=sleep 100000"
        echo "process_name=s_%(process_num)03d"
        echo "numprocs=$N"
        echo "startsecs=1"
    } > "$d/sd.conf"
    {
        echo "[supervisord]"
        echo "logfile=$d/wmain.log"
        echo "pidfile=$d/wsd.pid"
        echo "childlogdir=$d"
        echo "nodaemon=true"
        echo "[program:writer]"
        echo "command=head -c $BYTES /dev/zero"
        echo "autorestart=false"
        echo "startsecs=0"
        echo "stdout_logfile=$d/writer.log"
        echo "stdout_logfile_maxbytes=0"
    } > "$d/writer.conf"
}

wait_for() { # file pattern count timeout_s
    i=0
    while :; do
        n=$(grep -c "$2" "$1" 2>/dev/null) || true
        [ "${n:-0}" -ge "$3" ] && break
        i=$((i + 1))
        [ $i -gt $(($4 * 100)) ] && { echo "timeout waiting for $3 x '$2' in $1" >&2; return 1; }
        sleep 0.01
    done
}

run_one() { # label slug binary
    label=$1
    bin=$3
    d="$WORK/$2"
    mkdir -p "$d"
    write_config "$d"
    t0=$(now)
    "$bin" -c "$d/sd.conf" >/dev/null 2>&1 &
    pid=$!
    wait_for "$d/main.log" "entered RUNNING state" "$N" 120
    last=$(grep "entered RUNNING state" "$d/main.log" | tail -1)
    t1=$(log_ts "$last")
    startup=$($PY -c "print('%.2f' % ($t1 - $t0))")
    sleep 2
    rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    threads=$(awk '/Threads/ {print $2}' /proc/$pid/status)
    for k in 1 2 3 4 5 6; do /usr/bin/supervisorctl -c "$d/sd.conf" status >/dev/null || true; done
    sleep 1
    rss_rpc=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    c0=$(awk '{print $14 + $15}' /proc/$pid/stat)
    sleep 10
    c1=$(awk '{print $14 + $15}' /proc/$pid/stat)
    idle_cpu=$($PY -c "print('%.2f%%' % (($c1 - $c0) / 100.0 / 10 * 100))")
    # crash respawn latency, median of 5
    lat=""
    for k in 1 2 3 4 5; do
        name=$(printf 's_%03d' $((k * 7)))
        line=$(grep "spawned: '$name' with pid" "$d/main.log" | tail -1)
        cpid=$(echo "$line" | sed 's/.*with pid //')
        before=$(grep -c "spawned: '$name' with pid" "$d/main.log")
        tk=$(date +%s.%N)
        kill -9 "$cpid"
        wait_for "$d/main.log" "spawned: '$name' with pid" $((before + 1)) 10
        l2=$(grep "spawned: '$name' with pid" "$d/main.log" | tail -1)
        t2=$(log_ts "$l2")
        lat="$lat $($PY -c "print('%.0f' % max(0, ($t2 - $tk) * 1000))")"
        sleep 1.2
    done
    latency=$($PY -c "import statistics,sys; print(int(statistics.median([int(x) for x in sys.argv[1:]])))" $lat)
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
    left=$(pgrep -f "sleep 100000" | wc -l)
    # log throughput: a second daemon whose only program writes BYTES bytes; median of 3 runs
    rates=""
    lost=0
    for k in 1 2 3; do
        rm -f "$d/writer.log" "$d/wmain.log"
        "$bin" -c "$d/writer.conf" >/dev/null 2>&1 &
        wpid=$!
        wait_for "$d/wmain.log" "exited: writer" 1 300
        ls=$(grep "spawned: 'writer'" "$d/wmain.log" | tail -1)
        le=$(grep "exited: writer" "$d/wmain.log" | tail -1)
        tw=$($PY -c "print(max(0.001, $(log_ts "$le") - $(log_ts "$ls")))")
        size=$(stat -c %s "$d/writer.log")
        rates="$rates $($PY -c "print('%.0f' % ($size / $tw / 1e6))")"
        lost=$((lost + BYTES - size))
        kill -TERM "$wpid"
        wait "$wpid" 2>/dev/null || true
    done
    mbps=$($PY -c "import statistics,sys; print(int(statistics.median([int(x) for x in sys.argv[1:]])))" $rates)
    rm -f "$d/writer.log"
    printf '| %-18s | %9s s | %6s MB | %6s MB | %7s | %8s | %8s ms | %8s MB/s | %9s | %4s |\n' \
        "$label" "$startup" "$((rss / 1024))" "$((rss_rpc / 1024))" "$threads" "$idle_cpu" "$latency" "$mbps" \
        "$lost" "$left"
}

echo "N=$N children, writer BYTES=$BYTES, $(nproc) CPUs, $(uname -r), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| daemon             | all RUNNING | RSS       | RSS, RPC  | threads | idle CPU | crash respawn | log throughput | bytes lost | left |"
echo "|--------------------|-------------|-----------|-----------|---------|----------|---------------|----------------|------------|------|"
if [ -x "$THEIRS" ]; then
    run_one "Supervisor 4.2.5" supervisor "$THEIRS"
fi
run_one "jsupervisor" jsupervisor "$OURS"
