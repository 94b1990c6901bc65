package org.jsupervisor.supervisord.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.List;

import org.jsupervisor.common.config.ConfigLoader;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.supervisord.engine.ControlPlane;
import org.jsupervisor.supervisord.engine.ProcessId;
import org.jsupervisor.supervisord.rpc.FakeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The control plane on real sockets (TCP and unix), driven by Python's xmlrpc.client,
 * Supervisor's own transport and Debian's supervisorctl, with a scripted engine behind it.
 */
class PythonClientsTest {
    @RegisterExtension
    static final BothServers servers = new BothServers("jsvp", Clients.SYSTEM_PYTHON, PythonClientsTest::start);
    static FakeEngine engine;

    /** The control plane on a scripted engine. */
    static AutoCloseable start(BothServers servers) throws Exception {
        Files.writeString(servers.conf, String.join("\n",
                "[supervisord]",
                "logfile=%(here)s/sd.log",
                "") + servers.sections() + String.join("\n",
                "[program:foo]",
                "command=/bin/cat",
                "[group:grp]",
                "programs=a,b",
                "[program:a]",
                "command=/bin/cat",
                "[program:b]",
                "command=/bin/cat",
                "") + "\n");
        SupervisorConfig config = ConfigLoader.load(servers.conf);
        engine = new FakeEngine(config, servers.dir);
        ControlPlane plane = new JettyControlPlaneFactory().create(config, engine);
        plane.start();
        return plane;
    }

    static final String TCP = "import xmlrpc.client, sys, json\n"
            + "s = xmlrpc.client.ServerProxy('http://user:s3cret@127.0.0.1:%d/RPC2')\n";

    @Test
    void pythonXmlrpcClientGetsSupervisorsAnswersOverTcp() throws Exception {
        Clients.Result r = Clients.python(servers.dir, TCP.formatted(servers.port)
                + "print(s.supervisor.getState())\n"
                + "print(s.supervisor.getSupervisorVersion())\n"
                + "print([p['name'] for p in s.supervisor.getAllProcessInfo()])\n"
                + "try:\n  s.supervisor.startProcess('nope')\nexcept xmlrpc.client.Fault as f:\n  print(f.faultCode, f.faultString)\n"
                + "try:\n  s.supervisor.getState.x()\nexcept xmlrpc.client.Fault as f:\n  print(f.faultCode, f.faultString)\n"
                + "try:\n  s.supervisor.getState(1)\nexcept xmlrpc.client.Fault as f:\n  print(f.faultCode, f.faultString)\n"
                + "print(s.system.multicall([{'methodName':'supervisor.getAPIVersion'}, {'methodName':'supervisor.getPID','params':[]},"
                + " {'methodName':'supervisor.nope'}]))\n"
                + "print(s.system.multicall([{'methodName':'system.multicall','params':[]}]))\n");
        assertThat(r.out()).isEqualTo(String.join("\n",
                "{'statecode': 1, 'statename': 'RUNNING'}",
                "4.2.5",
                "['foo', 'a', 'b']",
                "10 BAD_NAME: nope",
                "1 UNKNOWN_METHOD",
                "2 INCORRECT_PARAMETERS",
                "['3.0', " + ProcessHandle.current().pid() + ", {'faultCode': 1, 'faultString': 'UNKNOWN_METHOD'}]",
                "[{'faultCode': 2, 'faultString': 'INCORRECT_PARAMETERS: Recursive system.multicall forbidden'}]",
                ""));
    }

    @Test
    void refusesPythonClientsWithoutOrWithWrongCredentials() throws Exception {
        Clients.Result r = Clients.python(servers.dir, ("import xmlrpc.client\n"
                + "for url in ('http://127.0.0.1:%d/RPC2', 'http://user:bad@127.0.0.1:%d/RPC2'):\n"
                + "  try:\n    xmlrpc.client.ServerProxy(url).supervisor.getState()\n"
                + "  except xmlrpc.client.ProtocolError as e:\n    print(e.errcode)\n").formatted(servers.port, servers.port));
        assertThat(r.out()).isEqualTo("401\n401\n");
    }

    @Test
    void supervisorsTransportWorksOverTheUnixSocket() throws Exception {
        Clients.Result r = Clients.python(servers.dir, "import xmlrpc.client, sys\n"
                + "from supervisor.xmlrpc import SupervisorTransport\n"
                + "t = SupervisorTransport('local', 'pw', 'unix://" + servers.sock + "')\n"
                + "s = xmlrpc.client.ServerProxy('http://127.0.0.1', transport=t)\n"
                + "print(s.supervisor.getIdentification())\n"
                + "print(s.supervisor.startProcess('grp:*', False))\n"
                + "print(s.supervisor.getProcessInfo('grp:a')['statename'])\n"
                + "t2 = SupervisorTransport('local', 'wrong', 'unix://" + servers.sock + "')\n"
                + "try:\n  xmlrpc.client.ServerProxy('http://127.0.0.1', transport=t2).supervisor.getState()\n"
                + "except xmlrpc.client.ProtocolError as e:\n  print(e.errcode)\n");
        assertThat(r.out()).isEqualTo(String.join("\n",
                "supervisor",
                "[{'name': 'a', 'group': 'grp', 'status': 80, 'description': 'OK'}, "
                        + "{'name': 'b', 'group': 'grp', 'status': 80, 'description': 'OK'}]",
                "STARTING",
                "401",
                ""));
        engine.stop(new ProcessId("grp", "a"), false);
        engine.stop(new ProcessId("grp", "b"), false);
    }

    @Test
    void realSupervisorctlShowsStatusOverBothServers() throws Exception {
        assumeTrue(Files.isExecutable(Clients.SUPERVISORCTL), "supervisorctl missing");
        Clients.Result unix = Clients.run(List.of(Clients.SUPERVISORCTL.toString(), "-c", servers.conf.toString(), "status"));
        assertThat(unix.out()).containsPattern("(?m)^foo\\s+STOPPED\\s+Not started$")
                .containsPattern("(?m)^grp:a\\s+STOPPED\\s+Not started$");
        Clients.Result tcp = Clients.run(List.of(Clients.SUPERVISORCTL.toString(), "-c", servers.conf.toString(),
                "-s", "http://127.0.0.1:" + servers.port, "-u", "user", "-p", "s3cret", "status", "foo"));
        assertThat(tcp.out()).containsPattern("^foo\\s+STOPPED\\s+Not started\n$");
        Clients.Result denied = Clients.run(List.of(Clients.SUPERVISORCTL.toString(), "-c", servers.conf.toString(),
                "-s", "http://127.0.0.1:" + servers.port, "-u", "user", "-p", "nope", "status"));
        assertThat(denied.out()).contains("Server requires authentication");
        Clients.Result version = Clients.run(List.of(Clients.SUPERVISORCTL.toString(), "-c", servers.conf.toString(), "version"));
        assertThat(version.out()).isEqualTo("4.2.5\n");
    }

    @Test
    void theWebUiTokenLetsItsOwnPageCallRpcWhileOtherPagesAreRefused() throws Exception {
        Clients.Result r = Clients.python(servers.dir, ("import http.client, base64, re\n"
                + "auth = {'Authorization': 'Basic ' + base64.b64encode(b'user:s3cret').decode()}\n"
                + "def req(method, path, body=None, headers={}):\n"
                + "  c = http.client.HTTPConnection('127.0.0.1', %d)\n"
                + "  c.request(method, path, body, dict(auth, **headers)); r = c.getresponse(); return r.status, r.read()\n"
                + "status, page = req('GET', '/')\n"
                + "token = re.search(rb'name=\"csrf-token\" content=\"([^\"]+)\"', page).group(1).decode()\n"
                + "call = b'<methodCall><methodName>supervisor.getState</methodName></methodCall>'\n"
                + "page_headers = {'Content-Type': 'text/xml', 'Origin': 'http://127.0.0.1:%d', 'Sec-Fetch-Site': 'same-origin'}\n"
                + "print(status, req('POST', '/RPC2', call, dict(page_headers, **{'X-CSRF-Token': token}))[0],"
                + " req('POST', '/RPC2', call, page_headers)[0],"
                + " req('POST', '/RPC2', call, {'Content-Type': 'text/plain', 'Origin': 'http://evil.example'})[0])\n")
                .formatted(servers.port, servers.port));
        assertThat(r.out()).isEqualTo("200 200 403 403\n");
    }

    @Test
    void hostileXmlIsRefusedWithoutReadingFilesOrExpandingEntities() throws Exception {
        String post = "import http.client, base64\n"
                + "def post(body, ctype='text/xml'):\n"
                + "  c = http.client.HTTPConnection('127.0.0.1', %d)\n".formatted(servers.port)
                + "  c.request('POST', '/RPC2', body, {'Content-Type': ctype, 'Authorization': 'Basic '"
                + " + base64.b64encode(b'user:s3cret').decode()})\n"
                + "  r = c.getresponse(); data = r.read(); print(r.status, b'root:' in data, len(data) < 100000)\n";
        String xxe = "<?xml version='1.0'?><!DOCTYPE m [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<methodCall><methodName>supervisor.readProcessStdoutLog</methodName><params><param><value>&x;</value></param></params></methodCall>";
        String laughs = "<?xml version='1.0'?><!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
                + "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]><methodCall><methodName>&c;</methodName></methodCall>";
        String deep = "<methodCall><methodName>supervisor.getState</methodName><params><param><value>"
                + "<array><data><value>".repeat(5000) + "</value></data></array>".repeat(5000) + "</value></param></params></methodCall>";
        Clients.Result r = Clients.python(servers.dir, post
                + "post(" + pyBytes(xxe) + ")\n"
                + "post(" + pyBytes(laughs) + ")\n"
                + "post(" + pyBytes(deep) + ")\n"
                // The server answers 413 from the declared length and closes: send the head
                // and a little of the body only, or the client races the close (EPIPE).
                + "import socket\n"
                + "k = socket.create_connection(('127.0.0.1', %d))\n".formatted(servers.port)
                + "k.sendall(b'POST /RPC2 HTTP/1.1\\r\\nHost: x\\r\\nContent-Type: text/xml\\r\\nAuthorization: Basic '"
                + " + base64.b64encode(b'user:s3cret') + b'\\r\\nContent-Length: 3145728\\r\\n\\r\\n<methodCall>')\n"
                + "head = k.recv(4096).split(b' ')[1].decode(); print(head, False, True)\n"
                + "post(b'not xml at all')\n"
                + "post(b'<methodCall><methodName>supervisor.getState</methodName></methodCall>', 'text/plain')\n"
                + "post(b'<methodCall><methodName>supervisor.getState</methodName></methodCall>')\n");
        assertThat(r.out()).isEqualTo(String.join("\n",
                "400 False True", "400 False True", "400 False True", "413 False True", "400 False True",
                "403 False True", "200 False True", ""));
    }

    private static String pyBytes(String s) {
        return "'''" + s.replace("\\", "\\\\") + "'''.encode()";
    }
}
