#!/bin/sh
# Heap-limit check for bin/supervisord's JVM flags: N `sleep` children, CLIENTS concurrent
# XML-RPC clients calling getAllProcessInfo in a loop over the unix socket, and at the same
# time FLOOD bytes of output from one child into a rotating log. Prints the daemon's RSS,
# the number of calls answered, and any OutOfMemoryError in its output (there must be none).
# Usage: docs/bench/heap-stress.sh [N] [CLIENTS] [SECONDS] [FLOOD]   (500 8 30 2000000000)
set -eu
N=${1:-500}
CLIENTS=${2:-8}
SECS=${3:-30}
FLOOD=${4:-2000000000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d /tmp/jsheap.XXXXXX)
trap 'kill $(cat "$W/sd.pid" 2>/dev/null) 2>/dev/null; sleep 2; rm -rf "$W"' EXIT
cat > "$W/sd.conf" <<CONF
[supervisord]
logfile=$W/main.log
pidfile=$W/sd.pid
childlogdir=$W
nodaemon=true
minfds=4096
[unix_http_server]
file=$W/s.sock
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[program:s]
command=sleep 100000
process_name=s_%(process_num)03d
numprocs=$N
startsecs=0
[program:flood]
command=sh -c 'head -c $FLOOD /dev/urandom | od -An -tx1 -v; sleep 100000'
startsecs=0
stdout_logfile=$W/flood.log
stdout_logfile_maxbytes=50MB
stdout_logfile_backups=2
CONF
"$ROOT/bin/supervisord" -c "$W/sd.conf" > "$W/out" 2>&1 &
i=0; while ! [ -S "$W/s.sock" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
i=0; while [ "$(cat "$W/main.log" 2>/dev/null | grep -c "success: s_")" -lt "$N" ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done
pid=$(cat "$W/sd.pid")
/usr/bin/python3 - "$W/s.sock" "$CLIENTS" "$SECS" <<'PY' &
import sys, time, threading
from supervisor.xmlrpc import SupervisorTransport
import xmlrpc.client
sock, clients, secs = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
calls = [0] * clients
def run(k):
    t = SupervisorTransport(None, None, 'unix://' + sock)
    proxy = xmlrpc.client.ServerProxy('http://127.0.0.1', transport=t)
    end = time.time() + secs
    while time.time() < end:
        assert len(proxy.supervisor.getAllProcessInfo()) >= 1
        calls[k] += 1
ts = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
[t.start() for t in ts]; [t.join() for t in ts]
print("getAllProcessInfo calls answered: %d" % sum(calls))
PY
py=$!
peak=0
echo "daemon RSS with all $N running, before the clients: $(($(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024)) MB"
s=0
while kill -0 $py 2>/dev/null; do
    r=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    [ "$r" -gt "$peak" ] && peak=$r
    sleep 0.5
    s=$((s+1))
done
wait $py
echo "flood bytes logged so far: $(cat "$W"/flood.log* | wc -c)"
echo "daemon RSS: peak $((peak / 1024)) MB, now $(($(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024)) MB, threads $(awk '/Threads/ {print $2}' /proc/$pid/status)"
echo "OutOfMemoryError lines: $(grep -c OutOfMemory "$W/out" "$W/main.log" | awk -F: '{s+=$2} END {print s}')"
