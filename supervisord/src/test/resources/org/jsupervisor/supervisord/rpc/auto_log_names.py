# Drives one supervisord (argv[2:] is its command line, config at argv[1]/sd.conf) through
# remove / add / reread / update / HUP and prints the log names getAllConfigInfo and
# getAllProcessInfo report, each distinct path replaced by P1, P2... in order of appearance.
import os, re, sys, time, xmlrpc.client
import subprocess
from supervisor.xmlrpc import SupervisorTransport

wd, cmd = sys.argv[1], sys.argv[2:]
sock = wd + "/s.sock"

def write(b_command):
    with open(wd + "/sd.conf", "w") as f:
        f.write("\n".join([
            "[unix_http_server]", "file=" + sock,
            "[supervisord]", "logfile=" + wd + "/sd.log", "pidfile=" + wd + "/sd.pid",
            "childlogdir=" + wd + "/logs",
            "[rpcinterface:supervisor]",
            "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
            "[program:a]", "command=sleep 1000", "startsecs=0",
            "[program:b]", "command=" + b_command, "autostart=false", "redirect_stderr=true",
            "[program:n]", "command=sleep 100%(process_num)d", "process_name=%(program_name)s_%(process_num)d",
            "numprocs=2", "autostart=false", "stdout_logfile=NONE",
            ""]))

os.makedirs(wd + "/logs", exist_ok=True)
write("sleep 1001")
daemon = subprocess.Popen(cmd + ["-n", "-c", wd + "/sd.conf"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
names = {}

def mask(v):
    if isinstance(v, str) and v.startswith(wd):
        names.setdefault(v, "P%d" % (len(names) + 1))
        return names[v] + ":" + re.sub(r"-[a-z0-9_]{8}\.log$", "-X.log", v[len(wd):])
    return v

def rpc():
    return xmlrpc.client.ServerProxy("http://127.0.0.1", transport=SupervisorTransport(None, None, "unix://" + sock)).supervisor

def wait_running():
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if rpc().getState()["statename"] == "RUNNING":
                return
        except Exception:
            pass
        time.sleep(0.05)
    raise SystemExit("daemon not running")

def show(label):
    s = rpc()
    print("==", label)
    for c in s.getAllConfigInfo():
        print(" cfg ", c["name"], c["inuse"], mask(c["stdout_logfile"]), mask(c["stderr_logfile"]))
    for p in s.getAllProcessInfo():
        print(" proc", p["name"], mask(p["logfile"]), mask(p["stdout_logfile"]), mask(p["stderr_logfile"]))

try:
    wait_running()
    s = rpc()
    show("start")
    s.stopProcess("a"); s.removeProcessGroup("a")
    show("remove a")
    s.addProcessGroup("a")
    show("add a again")
    s.reloadConfig()
    show("reread, nothing changed")
    s.stopProcess("a"); s.removeProcessGroup("a"); s.addProcessGroup("a")
    show("remove and add a after the reread")
    s.stopProcess("a"); s.removeProcessGroup("a")
    write("sleep 1002")
    print("reread:", s.reloadConfig())
    s.removeProcessGroup("b"); s.addProcessGroup("b")
    show("update: b replaced, a not in use")
    s.addProcessGroup("a")
    show("add a")
    pid = s.getPID()
    os.kill(pid, 1)
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until the restarted daemon has made new names
        try:
            if rpc().getAllProcessInfo()[0]["stdout_logfile"] not in names:
                break
        except Exception:
            pass
        time.sleep(0.05)
    wait_running()
    show("after HUP")
finally:
    try:
        rpc().shutdown()
    except Exception:
        daemon.terminate()
    try:
        daemon.wait(30)
    except subprocess.TimeoutExpired:
        daemon.kill()
