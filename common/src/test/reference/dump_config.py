#!/usr/bin/python3
"""Writes the reference expectations for jsupervisor's configuration corpus.

Run with Debian's Python, which can import the installed Supervisor 4.2.5:

    /usr/bin/python3 common/src/test/reference/dump_config.py common/src/test/resources/corpus

For every top-level *.conf file in the corpus directory it loads the file the way supervisord
does (supervisor.options.ServerOptions.realize with -c) and the way supervisorctl does
(ClientOptions.read_config), and writes NAME.expected.json beside it: either the values
Supervisor ended up with, or the fact that it refused the file and its message.

The environment, host name and working directory are fixed so that the Java test can load
the same files under the same conditions: the variables come from environment.json in the
corpus (with @CORPUS@ standing for the corpus directory), the host name is "corpus-host",
and the working directory is the corpus directory. Paths inside the corpus are written
with the @CORPUS@ prefix so that the expectations do not depend on where the tree lives.
"""
import io
import json
import os
import platform
import sys

CORPUS = os.path.abspath(sys.argv[1])
TOKEN = '@CORPUS@'
HOSTNAME = 'corpus-host'

with open(os.path.join(CORPUS, 'environment.json')) as f:
    ENV = {k: v.replace(TOKEN, CORPUS) for k, v in json.load(f).items()}
os.environ.clear()
os.environ.update(ENV)
os.chdir(CORPUS)
platform.node = lambda: HOSTNAME

import supervisor.options as options  # noqa: E402  (after the environment is fixed)
from supervisor import datatypes, events  # noqa: E402


class Refused(Exception):
    pass


def tokenize(value):
    if isinstance(value, str):
        return value.replace(CORPUS, TOKEN)
    if isinstance(value, dict):
        return {k: tokenize(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [tokenize(v) for v in value]
    return value


def logfile(value):
    # An empty name opens no file in Supervisor (its dispatchers test "if logfile"), the
    # same as NONE; jsupervisor's model says NONE for both.
    if value is None or value == '':
        return 'NONE'
    if value is datatypes.Automatic:
        return 'AUTO'
    return value


def autorestart(value):
    if value is datatypes.RestartUnconditionally:
        return 'true'
    if value is datatypes.RestartWhenExitUnexpected:
        return 'unexpected'
    return 'false'


def spec(fn):
    return '%s:%s' % (fn.__module__, fn.__name__)


def event_name(cls):
    for name in dir(events.EventTypes):
        if getattr(events.EventTypes, name) is cls:
            return name
    return repr(cls)


def process(p):
    out = {}
    for key in ('name', 'command', 'directory', 'umask', 'uid', 'priority', 'autostart', 'startsecs',
                'startretries', 'stopsignal', 'stopwaitsecs', 'stopasgroup', 'killasgroup',
                'redirect_stderr', 'environment', 'serverurl'):
        out[key] = getattr(p, key)
    out['autorestart'] = autorestart(p.autorestart)
    out['exitcodes'] = sorted(set(p.exitcodes))
    out['serverurl'] = p.serverurl or None
    for s in ('stdout', 'stderr'):
        out[s + '_logfile'] = logfile(getattr(p, s + '_logfile'))
        for k in ('logfile_maxbytes', 'logfile_backups', 'capture_maxbytes', 'events_enabled', 'syslog'):
            out[s + '_' + k] = getattr(p, s + '_' + k)
    return out


def group(g):
    out = {'name': g.name, 'priority': g.priority,
           'processes': [process(p) for p in g.process_configs]}
    if isinstance(g, options.EventListenerPoolConfig):
        out['type'] = 'eventlistener'
        out['buffer_size'] = g.buffer_size
        out['events'] = sorted(event_name(e) for e in g.pool_events)
        out['result_handler'] = spec(g.result_handler)
    elif isinstance(g, options.FastCGIGroupConfig):
        out['type'] = 'fcgi'
        sock = g.socket_config
        out['socket'] = {'url': sock.url, 'backlog': sock.backlog,
                         'owner': list(getattr(sock, 'owner', None) or []) or None,
                         'mode': getattr(sock, 'mode', None)}
    else:
        out['type'] = 'program'
    return out


def server(c):
    out = {'family': 'unix' if c['family'] == getattr(__import__('socket'), 'AF_UNIX') else 'inet',
           'username': c['username'], 'password': c['password']}
    if out['family'] == 'unix':
        out['file'] = c['file']
        out['chmod'] = c['chmod']
        out['chown'] = list(c['chown'])
    else:
        out['host'] = c['host']
        out['port'] = c['port']
    return out


def load_server(name):
    opts = options.ServerOptions()
    err = io.StringIO()
    opts.stderr = err
    opts.stdout = io.StringIO()

    def fail(code=0):
        raise Refused(err.getvalue().splitlines()[0] if err.getvalue() else 'exit %s' % code)
    opts.exit = fail
    try:
        opts.realize(args=['-c', name])
    except Refused as e:
        return {'accepted': False, 'error': str(e)}
    except Exception as e:  # Supervisor itself would crash with a traceback
        return {'accepted': False, 'error': '%s: %s' % (type(e).__name__, e)}
    s = opts.configroot.supervisord
    return {
        'accepted': True,
        'supervisord': {
            'logfile': opts.logfile, 'pidfile': opts.pidfile,
            'logfile_maxbytes': s.logfile_maxbytes, 'logfile_backups': s.logfile_backups,
            'loglevel': s.loglevel,
            'umask': s.umask, 'nodaemon': bool(s.nodaemon), 'silent': bool(s.silent),
            'minfds': s.minfds, 'minprocs': s.minprocs, 'nocleanup': bool(s.nocleanup),
            'childlogdir': s.childlogdir, 'user': s.user, 'directory': s.directory,
            'strip_ansi': bool(s.strip_ansi), 'environment': s.environment, 'identifier': s.identifier,
        },
        'groups': [group(g) for g in opts.process_group_configs],
        'servers': [server(c) for c in opts.server_configs],
        'serverurl': opts.serverurl,
        'rpcinterfaces': [{'name': n, 'factory': spec(f), 'options': x} for n, f, x in opts.rpcinterface_factories],
        'warnings': opts.parse_warnings,
        'infos': opts.parse_infos,
    }


def load_client(name):
    opts = options.ClientOptions()
    try:
        section = opts.read_config(name)
    except Exception as e:
        return {'accepted': False, 'error': '%s: %s' % (type(e).__name__, e)}
    return {'accepted': True, 'serverurl': section.serverurl, 'prompt': section.prompt,
            'username': section.username, 'password': section.password,
            'history_file': section.history_file}


def main():
    names = sorted(n for n in os.listdir(CORPUS) if n.endswith('.conf'))
    for name in names:
        result = {'file': name, 'uid': os.getuid(), 'server': load_server(name), 'client': load_client(name)}
        with open(os.path.join(CORPUS, name[:-5] + '.expected.json'), 'w') as f:
            json.dump(tokenize(result), f, indent=1, sort_keys=True)
            f.write('\n')
        print('%-45s server:%s client:%s' % (name, 'ok' if result['server']['accepted'] else 'refused',
                                            'ok' if result['client']['accepted'] else 'refused'))


if __name__ == '__main__':
    main()
