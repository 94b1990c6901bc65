package org.jsupervisor.supervisord.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.jsupervisor.common.PyRepr;
import org.jsupervisor.common.SupervisorState;
import org.jsupervisor.common.config.ConfigException;
import org.jsupervisor.common.config.ConfigLoader;
import org.jsupervisor.common.config.LoadContext;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.common.config.SupervisordSection;
import org.jsupervisor.supervisord.engine.CommandLine;
import org.jsupervisor.supervisord.engine.ConfigSource;
import org.jsupervisor.supervisord.engine.ControlPlane;
import org.jsupervisor.supervisord.engine.ControlPlaneFactory;
import org.jsupervisor.supervisord.engine.PosixSpawnLauncher;
import org.jsupervisor.supervisord.engine.Posix;
import org.jsupervisor.supervisord.engine.SupervisorEngine;
import org.jsupervisor.supervisord.events.EventDispatcher;
import org.jsupervisor.supervisord.logging.MainLogSetup;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * The daemon's life: options, configuration, privileges and limits, the main log, the
 * engine and control plane, signals, detaching, the pidfile; then wait for a shutdown
 * (exit 0) or a restart (everything again with the new configuration, in this process).
 */
public final class Supervisord {
    /** The Supervisor version whose behaviour this daemon reproduces ({@code -v}). */
    public static final String VERSION = "4.2.5";

    private final PrintStream out;
    private final PrintStream err;
    private final String progname;
    private final AtomicReference<SupervisorEngine> current = new AtomicReference<>();
    /** Supervisor's global event serial outlives restarts (events package). */
    private final java.util.concurrent.atomic.AtomicLong eventSerial = new java.util.concurrent.atomic.AtomicLong(-1);
    private final AtomicReference<MainLogSetup> currentLog = new AtomicReference<>();
    private final SupervisorLog log = new SupervisorLog();

    public Supervisord(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        this.progname = System.getProperty("jsupervisor.launcher", "supervisord");
    }

    private int usage(String msg) {
        err.println("Error: " + msg);
        err.println("For help, use " + progname + " -h");
        return 2;
    }

    public int run(String[] args) {
        int code = runOnce(args);
        if (Daemonizer.startedByScript()) {
            Daemonizer.reportExit(out, code);
        }
        return code;
    }

    private int runOnce(String[] args) {
        Path cwd = Path.of("").toAbsolutePath();
        ServerOptions opts;
        try {
            opts = ServerOptions.parse(args, cwd);
        } catch (ServerOptions.UsageException e) {
            return usage(e.getMessage());
        }
        if (opts.help) {
            out.print(ServerOptions.usage(progname));
            return 0;
        }
        if (opts.version) {
            out.println(VERSION);
            return 0;
        }
        Path file = opts.configFile;
        if (file == null) {
            Path launcherDir = Path.of(progname).toAbsolutePath().getParent();
            if (Posix.uid() == 0) {
                err.println("UserWarning: Supervisord is running as root and it is searching for its configuration "
                        + "file in default locations (including its current working directory); you probably want "
                        + "to specify a \"-c\" argument specifying an absolute path to a configuration file for "
                        + "improved security.");
            }
            Optional<Path> found = ConfigLoader.findDefaultConfig(launcherDir, cwd);
            if (found.isEmpty()) {
                return usage(ConfigLoader.noConfigFoundMessage(launcherDir, cwd));
            }
            file = found.get();
        }
        final Path configFile = file;
        // The control plane decides which [rpcinterface:x] factories exist (Java extensions).
        Optional<ControlPlaneFactory> factory = ServiceLoader.load(ControlPlaneFactory.class).findFirst();
        LoadContext loadContext = factory.flatMap(ControlPlaneFactory::rpcInterfaceFactories)
                .map(LoadContext.system()::withRpcInterfaceFactories)
                .orElseGet(LoadContext::system);
        ConfigSource source = () -> opts.apply(ConfigLoader.load(configFile, loadContext));
        SupervisorConfig config;
        try {
            config = source.load();
        } catch (ConfigException e) {
            return usage(e.getMessage());
        }
        boolean detach = !config.supervisord().nodaemon();
        if (!detach && Daemonizer.startedByScript()) {
            Daemonizer.reportForeground(out); // started detached, but must not be: start over, attached
            return 0;
        }
        if (detach && !Daemonizer.isDetachedCopy()) {
            return Daemonizer.launchDetachedCopy(err);
        }
        return runForever(config, source, detach, factory);
    }

    private int runForever(SupervisorConfig initial, ConfigSource source, boolean detach,
            Optional<ControlPlaneFactory> factory) {
        SupervisorConfig config = initial;
        boolean first = true;
        installSignals();
        while (true) {
            SupervisordSection s = config.supervisord();
            List<String> criticals = new ArrayList<>();
            List<String> infos = new ArrayList<>();
            String failure = setUid(s, criticals, infos);
            if (failure != null) {
                return usage(failure);
            }
            if (first) {
                failure = setRlimits(s, infos);
                if (failure != null) {
                    return usage(failure);
                }
            }
            MainLogSetup mainLog;
            try {
                mainLog = MainLogSetup.configure(s.logfile(), s.logfileMaxbytes(), s.logfileBackups(), s.loglevel(),
                        s.nodaemon() && !s.silent());
            } catch (IOException e) {
                return usage("could not open the log file " + s.logfile() + ": " + e.getMessage());
            }
            currentLog.set(mainLog);
            criticals.forEach(log::critical);
            config.parseWarnings().forEach(log::warn);
            config.parseInfos().forEach(log::info);
            infos.forEach(log::info);

            SupervisorEngine engine = new SupervisorEngine(config, source, new PosixSpawnLauncher(), log, mainLog,
                    System::currentTimeMillis);
            current.set(engine);
            EventDispatcher events = EventDispatcher.attach(engine, log, eventSerial); // listener pools (events package)
            ControlPlane plane = null;
            if (factory.isPresent()) {
                // A refusal (busy port, live socket, bad rpcinterface) goes to stderr only, with
                // the usage hint, as Supervisor does: nothing is written to the main log.
                try {
                    plane = factory.get().create(config, engine);
                    plane.start();
                } catch (Exception e) {
                    if (plane != null) {
                        plane.close();
                    }
                    events.close();
                    engine.close();
                    mainLog.close();
                    return usage(String.valueOf(e.getMessage()));
                }
            }
            if (detach && first) {
                daemonize(s);
            }
            boolean pidfileWritten = writePidfile(s.pidfile());
            if (detach && first) {
                Daemonizer.reportReady();
                Posix.detachStdio();
            }
            engine.start().join();
            SupervisorEngine.Termination end = engine.termination().join();
            events.close();
            if (plane != null) {
                plane.close();
            }
            engine.close();
            if (pidfileWritten) {
                try {
                    Files.deleteIfExists(Path.of(s.pidfile()));
                } catch (IOException e) {
                    // a stale pidfile is harmless: the next start overwrites it
                }
            }
            mainLog.close();
            if (end.mood() != SupervisorState.RESTARTING || end.nextConfig() == null) {
                return 0;
            }
            config = end.nextConfig();
            first = false;
        }
    }

    private void daemonize(SupervisordSection s) {
        log.info("daemonizing the supervisord process");
        s.directory().ifPresent(d -> {
            int rc = Posix.changeDirectory(d);
            if (rc != 0) {
                log.critical("can't chdir into " + PyRepr.of(d) + ": [Errno " + rc + "]");
            } else {
                log.info("set current directory: " + PyRepr.of(d));
            }
        });
        Posix.setUmask(s.umask());
    }

    private boolean writePidfile(String pidfile) {
        long pid = Posix.pid();
        try {
            Files.writeString(Path.of(pidfile), pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            log.critical("could not write pidfile " + pidfile);
            return false;
        }
        log.info("supervisord started with pid " + pid);
        return true;
    }

    private static String setUid(SupervisordSection s, List<String> criticals, List<String> infos) {
        if (s.user().isEmpty()) {
            if (Posix.uid() == 0) {
                criticals.add("Supervisor is running as root.  Privileges were not dropped because no user is "
                        + "specified in the config file.  If you intend to run as root, you can set user=root in the "
                        + "config file to avoid this message.");
            }
            return null;
        }
        String u = s.user().get();
        Optional<Posix.User> user = Posix.lookupUser(u);
        if (user.isEmpty()) {
            return u.chars().allMatch(Character::isDigit) ? "Can't find uid " + PyRepr.of(u)
                    : "Can't find username " + PyRepr.of(u);
        }
        String msg = Posix.dropPrivileges(user.get());
        if (msg != null) {
            return msg;
        }
        infos.add("Set uid to user " + user.get().uid() + " succeeded");
        return null;
    }

    private static String setRlimits(SupervisordSection s, List<String> infos) {
        String nofile = "The minimum number of file descriptors required to run this process is %d as per the "
                + "\"minfds\" command-line argument or config file setting. The current environment will only allow "
                + "you to open %d file descriptors.  Either raise the number of usable file descriptors in your "
                + "environment (see README.rst) or lower the minfds setting in the config file to allow the process "
                + "to start.";
        String nproc = "The minimum number of available processes required to run this program is %d as per the "
                + "\"minprocs\" command-line argument or config file setting. The current environment will only "
                + "allow you to open %d processes.  Either raise the number of usable processes in your environment "
                + "(see README.rst) or lower the minprocs setting in the config file to allow the program to start.";
        String r = raise(Posix.RLIMIT_NOFILE, "RLIMIT_NOFILE", s.minfds(), nofile, infos);
        return r != null ? r : raise(Posix.RLIMIT_NPROC, "RLIMIT_NPROC", s.minprocs(), nproc, infos);
    }

    private static String raise(int resource, String name, long min, String msg, List<String> infos) {
        long[] lim = Posix.rlimit(resource);
        if (lim == null) {
            return null;
        }
        long soft = lim[0];
        long hard = lim[1];
        if (soft != -1 && Long.compareUnsigned(soft, min) < 0) {
            if (hard != -1 && Long.compareUnsigned(hard, min) < 0) {
                hard = min;
            }
            if (Posix.setRlimit(resource, min, hard) != 0) {
                return String.format(msg, min, lim[1]);
            }
            infos.add("Increased " + name + " limit to " + min);
        }
        return null;
    }

    /** TERM/INT shut down, HUP restarts, USR2 reopens logs. QUIT belongs to the JVM and cannot be caught. */
    private void installSignals() {
        handle("TERM", this::exitRequest);
        handle("INT", this::exitRequest);
        handle("QUIT", this::exitRequest);
        handle("HUP", sig -> {
            SupervisorEngine e = current.get();
            if (e == null) {
                return;
            }
            if (e.state() == SupervisorState.SHUTDOWN) {
                log.warn("ignored " + sig + " indicating restart request (shutdown in progress)");
            } else {
                log.warn("received " + sig + " indicating restart request");
                e.restart();
            }
        });
        handle("USR2", sig -> {
            log.info("received " + sig + " indicating log reopen request");
            log.info("supervisord logreopen");
            MainLogSetup m = currentLog.get();
            if (m != null) {
                try {
                    m.reopen();
                } catch (IOException ex) {
                    log.error("could not reopen the main log: " + ex.getMessage());
                }
            }
            SupervisorEngine e = current.get();
            if (e != null) {
                e.reopenLogs();
            }
        });
        handle("USR1", sig -> log.blather("received " + sig + " indicating nothing"));
    }

    private void exitRequest(String sig) {
        log.warn("received " + sig + " indicating exit request");
        SupervisorEngine e = current.get();
        if (e != null) {
            e.shutdown();
        }
    }

    private static void handle(String name, java.util.function.Consumer<String> action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> action.accept("SIG" + s.getName()));
        } catch (IllegalArgumentException e) {
            // The JVM reserves this signal (QUIT: thread dumps; USR2 without _JAVA_SR_SIGNUM).
        }
    }
}
