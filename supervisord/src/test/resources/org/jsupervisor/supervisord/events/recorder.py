# An event listener built on the installed Supervisor's childutils: it records every
# envelope (header line and payload) it receives as one JSON line, then answers.
# argv: RECORD_FILE [fail-first-N] [exit-after-N]
import json
import sys

from supervisor import childutils

record = sys.argv[1]
fail_first = int(sys.argv[2]) if len(sys.argv) > 2 else 0
exit_after = int(sys.argv[3]) if len(sys.argv) > 3 else 0
seen = 0
while True:
    childutils.listener.ready(sys.stdout)
    line = sys.stdin.readline()
    headers = childutils.get_headers(line)
    payload = sys.stdin.read(int(headers['len']))
    seen += 1
    with open(record, 'a') as f:
        f.write(json.dumps({'header': line, 'payload': payload}) + '\n')
    if exit_after and seen >= exit_after:
        sys.exit(0)
    if seen <= fail_first:
        childutils.listener.fail(sys.stdout)
    else:
        childutils.listener.ok(sys.stdout)
