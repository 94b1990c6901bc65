# Drives EventsBehaviourTest's scenario: a stuck listener whose buffer overflows, a
# listener that fails events and dies while busy, and a two-process pool.
# argv: SERVER_URL DIR
import json
import os
import sys
import time
import xmlrpc.client

url, d = sys.argv[1], sys.argv[2]
s = xmlrpc.client.ServerProxy(url).supervisor


def lines(name):
    try:
        with open(os.path.join(d, name)) as f:
            return [json.loads(l)['payload'] for l in f if l.strip()]
    except FileNotFoundError:
        return []


def wait_for(pred, what, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if pred():
                return
        except (ConnectionError, OSError, xmlrpc.client.Fault):
            pass
        time.sleep(0.05)
    sys.exit('timed out waiting for ' + what)


names = ['slow', 'flaky', 'many:many_0', 'many:many_1']
wait_for(lambda: all(s.getProcessInfo(n)['statename'] == 'RUNNING' for n in names), 'listeners RUNNING')


def said_ready():
    with open(os.path.join(d, 'supervisord.log')) as f:
        log = f.read()
    return all('%s: ACKNOWLEDGED -> READY' % n.split(':')[-1] in log for n in names)


# the daemon logs (at debug level) when each listener has said READY
wait_for(said_ready, 'listeners READY')
for i in range(10):
    s.sendRemoteCommEvent('t', 'r%d' % i)
wait_for(lambda: lines('slow.jsonl') == ['type:t\nr0'], 'slow holding r0')
# supervision goes on while a listener is stuck
t = time.time()
s.startProcess('cat', True)
s.stopProcess('cat', True)
print('start+stop took %.2f s' % (time.time() - t))
open(os.path.join(d, 'go'), 'w').close()
wait_for(lambda: 'type:t\nr9' in lines('slow.jsonl'), 'slow r9')
wait_for(lambda: 'type:t\nr9' in lines('flaky.jsonl'), 'flaky r9', timeout=60)
wait_for(lambda: len(lines('many.jsonl')) >= 10, 'many got ten')
s.shutdown()
