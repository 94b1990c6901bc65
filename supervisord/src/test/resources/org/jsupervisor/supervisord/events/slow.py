# A listener that takes its first event and then holds it (BUSY) until GO_FILE exists,
# so its pool's buffer overflows; afterwards it answers OK at once.
# argv: RECORD_FILE GO_FILE
import json
import os
import sys
import time

from supervisor import childutils

record, go = sys.argv[1], sys.argv[2]
while True:
    headers, payload = childutils.listener.wait(sys.stdin, sys.stdout)
    with open(record, 'a') as f:
        f.write(json.dumps({'header': ' '.join('%s:%s' % kv for kv in headers.items()), 'payload': payload}) + '\n')
    while not os.path.exists(go):
        time.sleep(0.05)
    childutils.listener.ok(sys.stdout)
