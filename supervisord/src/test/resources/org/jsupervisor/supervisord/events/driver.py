# Drives one daemon (ours or Supervisor's) through the scenario of EventsComparisonTest
# over XML-RPC, waiting after each step until the listener has recorded its effects.
# argv: SERVER_URL RECORD_FILE
import json
import sys
import time
import xmlrpc.client

url, record = sys.argv[1], sys.argv[2]
s = xmlrpc.client.ServerProxy(url).supervisor


def events():
    try:
        with open(record) as f:
            return [json.loads(l) for l in f if l.strip()]
    except FileNotFoundError:
        return []


def wait_for(pred, what, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if pred():
                return
        except (ConnectionError, OSError, xmlrpc.client.Fault):
            pass
        time.sleep(0.05)
    sys.exit('timed out waiting for ' + what)


def recorded(name, needle=''):
    return lambda: any(name in e['header'] and needle in e['payload'] for e in events())


wait_for(lambda: s.getProcessInfo('good')['statename'] == 'RUNNING', 'good RUNNING')
wait_for(recorded('PROCESS_STATE_RUNNING', 'processname:good'), 'good RUNNING event')

s.startProcess('talker', True)
wait_for(recorded('PROCESS_LOG_STDERR'), 'talker stderr')
wait_for(recorded('PROCESS_LOG_STDOUT', 'second line'), 'talker second line')

s.startProcess('crasher', True)
wait_for(recorded('PROCESS_STATE_EXITED', 'processname:crasher'), 'crasher EXITED')

try:
    s.startProcess('quick', False)
except xmlrpc.client.Fault as f:
    # Supervisor reaps inside startProcess: on a busy machine /bin/false may already be gone
    if f.faultCode != 50:  # SPAWN_ERROR
        raise
wait_for(recorded('PROCESS_STATE_FATAL', 'processname:quick'), 'quick FATAL')

s.stopProcess('good', True)
wait_for(recorded('PROCESS_STATE_STOPPED', 'processname:good'), 'good STOPPED')

s.sendRemoteCommEvent('mytype', 'hello remote\nsecond line \u00e9')
s.sendRemoteCommEvent('done', 'x')
wait_for(recorded('REMOTE_COMMUNICATION', 'type:done'), 'done')
s.shutdown()
