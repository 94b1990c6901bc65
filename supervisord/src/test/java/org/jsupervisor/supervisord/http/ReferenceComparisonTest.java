package org.jsupervisor.supervisord.http;

import java.nio.file.Files;

import org.jsupervisor.common.config.ConfigLoader;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.supervisord.engine.ControlPlane;
import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.rpc.FakeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same calls against Supervisor 4.2.5 and against our control plane, compared
 * answer by answer: method table, signatures, struct keys and value types, fault strings,
 * HTTP statuses and headers. No process is started on either side, so the answers must be
 * identical apart from times, pids and log file names.
 */
class ReferenceComparisonTest {
    @RegisterExtension
    static final ReferencePair pair = new ReferencePair("jsvr", ReferenceComparisonTest::conf,
            ReferenceComparisonTest::ourControlPlane);

    static String conf(ReferencePair.Side side) {
        return ReferencePair.header(side, "identifier=ref") + String.join("\n",
                "[inet_http_server]",
                "port=127.0.0.1:" + side.port(),
                "username=user",
                "password=pw",
                "[program:foo]",
                "command=/bin/cat",
                "autostart=false",
                "stopsignal=INT",
                "exitcodes=0,2",
                "[group:grp]",
                "programs=a,b",
                "priority=50",
                "[program:a]",
                "command=/bin/sleep 100",
                "autostart=false",
                "stdout_logfile=NONE",
                "[program:b]",
                "command=/bin/sleep 100",
                "autostart=false",
                "directory=/tmp",
                "") + "\n";
    }

    /** Our control plane alone, on a scripted engine: no process runs on either side. */
    static AutoCloseable ourControlPlane(ReferencePair.Side side) throws Exception {
        SupervisorConfig config = ConfigLoader.load(side.conf());
        FakeEngine engine = new FakeEngine(config, side.dir());
        // Supervisor creates AUTO log files when it reads the configuration.
        for (var g : engine.groups()) {
            for (var p : g.processes()) {
                for (OutputChannel ch : OutputChannel.values()) {
                    Files.createFile(engine.logPath(p.id(), ch));
                }
            }
        }
        ControlPlane plane = new JettyControlPlaneFactory().create(config, engine);
        plane.start();
        return plane;
    }

    static final String PROBE = String.join("\n",
            "import sys, json, http.client, base64, xmlrpc.client",
            "from supervisor.xmlrpc import SupervisorTransport",
            "sock, port = sys.argv[1], int(sys.argv[2])",
            "s = xmlrpc.client.ServerProxy('http://127.0.0.1', transport=SupervisorTransport(None, None, 'unix://' + sock))",
            "out = {}",
            "def call(name, *args):",
            "    try:",
            "        f = s",
            "        for part in name.split('.'):",
            "            f = getattr(f, part)",
            "        return ['ok', f(*args)]",
            "    except xmlrpc.client.Fault as e:",
            "        return ['fault', e.faultCode, e.faultString]",
            "methods = s.system.listMethods()",
            "out['methods'] = methods",
            "out['sigs'] = {m: call('system.methodSignature', m) for m in methods}",
            "out['state'] = s.supervisor.getState()",
            "out['api'] = [s.supervisor.getAPIVersion(), s.supervisor.getVersion(), s.supervisor.getSupervisorVersion(),"
                    + " s.supervisor.getIdentification()]",
            "types = lambda d: [[k, type(v).__name__] for k, v in d.items()]",
            "info = s.supervisor.getProcessInfo('foo')",
            "out['info'] = types(info)",
            "out['info_values'] = {k: info[k] for k in ('name', 'group', 'state', 'statename', 'spawnerr',"
                    + " 'exitstatus', 'pid', 'description', 'start', 'stop')}",
            "out['all'] = [[p['group'], p['name'], p['description']] for p in s.supervisor.getAllProcessInfo()]",
            "stable = ('autostart', 'directory', 'uid', 'command', 'exitcodes', 'group', 'group_prio', 'inuse',"
                    + " 'killasgroup', 'name', 'process_prio', 'redirect_stderr', 'startretries', 'startsecs',"
                    + " 'stdout_capture_maxbytes', 'stdout_events_enabled', 'stdout_logfile_backups',"
                    + " 'stdout_logfile_maxbytes', 'stdout_syslog', 'stopsignal', 'stopwaitsecs', 'stderr_capture_maxbytes',"
                    + " 'stderr_events_enabled', 'stderr_logfile_backups', 'stderr_logfile_maxbytes', 'stderr_syslog', 'serverurl')",
            "out['config'] = [[[k, type(v).__name__, v if k in stable else None] for k, v in c.items()]"
                    + " for c in s.supervisor.getAllConfigInfo()]",
            "calls = [('supervisor.getProcessInfo', 'nope'), ('supervisor.getProcessInfo', 'grp:*'),",
            "  ('supervisor.getProcessInfo', 'grp'), ('supervisor.startProcess', 'grp:zz'),",
            "  ('supervisor.stopProcess', 'foo'), ('supervisor.stopProcess', 'grp:*'), ('supervisor.stopProcessGroup', 'nogroup'),",
            "  ('supervisor.signalProcess', 'foo', 'NOPE'), ('supervisor.signalProcess', 'foo', 'HUP'),",
            "  ('supervisor.signalProcessGroup', 'grp', 'NOPE'), ('supervisor.signalAllProcesses', 'HUP'),",
            "  ('supervisor.sendProcessStdin', 'foo', 'x'), ('supervisor.sendProcessStdin', 'grp:*', 'x'),",
            "  ('supervisor.addProcessGroup', 'grp'), ('supervisor.addProcessGroup', 'zz'),",
            "  ('supervisor.removeProcessGroup', 'zz'), ('supervisor.getState', 1), ('supervisor.nope',),",
            "  ('supervisor.getState.x',), ('system.methodHelp', 'nope'), ('system.methodSignature', 'nope'),",
            "  ('supervisor.readProcessStdoutLog', 'grp:*', 0, 0), ('supervisor.tailProcessStdoutLog', 'foo', 0, 10),",
            "  ('supervisor.tailProcessStderrLog', 'grp:a', 5, 10), ('supervisor.stopAllProcesses',),",
            "  ('supervisor.startProcess', 'foo', True, 3), ('supervisor.readLog', -1, 5), ('supervisor.readLog', 1, -5),",
            "  ('supervisor.startProcessGroup', 'nogroup'), ('supervisor.clearProcessLogs', 'nope'),",
            "  ('supervisor.reloadConfig',), ('supervisor.sendRemoteCommEvent', 'type', 'data'),",
            "  ('system.multicall', [{'methodName': 'supervisor.getAPIVersion'}, {'methodName': 'system.multicall'},",
            "     {'methodName': 'supervisor.nope'}, {'params': []}, {'methodName': 'supervisor.getProcessInfo', 'params': ['zz']}])]",
            "out['calls'] = [[c[0], call(*c)] for c in calls]",
            "def req(method, path, auth=True, body=None, headers={}):",
            "    c = http.client.HTTPConnection('127.0.0.1', port)",
            "    h = dict(headers)",
            "    if auth: h['Authorization'] = 'Basic ' + base64.b64encode(b'user:pw').decode()",
            "    c.request(method, path, body, h)",
            "    r = c.getresponse()",
            "    res = [r.status, r.getheader('WWW-Authenticate'), r.getheader('Content-Type'),",
            "           r.getheader('Transfer-Encoding'), r.getheader('X-Accel-Buffering')]",
            "    c.close()  # a log tail never ends: do not read it",
            "    return res",
            "out['http'] = [req('GET', '/RPC2', auth=False), req('GET', '/RPC2'), req('GET', '/logtail/nope'),",
            "  req('GET', '/logtail/foo'), req('GET', '/mainlogtail', auth=False), req('POST', '/logtail/foo'),",
            "  req('POST', '/RPC2', body=b'<methodCall>', headers={'Content-Type': 'text/xml'}),",
            "  req('POST', '/RPC2', body=b'<methodCall><params/></methodCall>', headers={'Content-Type': 'text/xml'})]",
            "def whole(method, path, auth, body=None):",
            "    c = http.client.HTTPConnection('127.0.0.1', port)",
            "    h = {'Content-Type': 'text/xml'} if body else {}",
            "    if auth: h['Authorization'] = 'Basic ' + base64.b64encode(auth).decode()",
            "    c.request(method, path, body, h)",
            "    r = c.getresponse()",
            "    res = [r.status, r.reason] + [r.getheader(k) for k in ('WWW-Authenticate', 'Content-Type',",
            "           'Content-Length', 'Connection')] + [r.read().decode()]",
            "    c.close()",
            "    return res",
            "rpc = b'<?xml version=\"1.0\"?><methodCall><methodName>supervisor.getState</methodName></methodCall>'",
            "out['refusals'] = [whole('GET', '/', None), whole('GET', '/', b'user:wrong'), whole('HEAD', '/', None),",
            "  whole('POST', '/RPC2', None, rpc), whole('POST', '/RPC2', b'nobody:pw', rpc),",
            "  whole('GET', '/logtail/nope', b'user:pw')]",
            "print(json.dumps(out, indent=1, sort_keys=True))",
            "");

    static String probe(ReferencePair.Side side) throws Exception {
        return pair.drive(PROBE, side.socket().toString(), String.valueOf(side.port()));
    }

    @Test
    void answersEveryProbeExactlyAsSupervisor425() throws Exception {
        String theirs = probe(pair.reference());
        String mine = probe(pair.ours());
        // Times differ; everything else must not.
        String[] masks = {"\"start\": \\d+", "\"stop\": \\d+"};
        for (String m : masks) {
            theirs = theirs.replaceAll(m, "T");
            mine = mine.replaceAll(m, "T");
        }
        theirs = theirs.replace("\"ref\"", "\"ID\"");
        mine = mine.replace("\"ref\"", "\"ID\"");
        ReferencePair.assertSameAnswers("probe.json", theirs, mine);
    }
}
