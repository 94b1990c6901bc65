package org.jsupervisor.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public entry points: file search, supervisorctl's view, messages, the factory hook. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private LoadContext ctx() {
        return LoadContext.system().withCwd(dir).withHostname("h")
                .withEnvironment(Map.of("HOME", dir.toString(), "TMPDIR", "/tmp", "NAME", "world"));
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void searchesNextToTheProgramThenTheWorkingDirectoryThenEtc() {
        assertThat(ConfigLoader.defaultSearchPaths(Path.of("/opt/js/bin"), Path.of("/work")))
                .containsExactly(Path.of("/opt/js/etc/supervisord.conf"), Path.of("/opt/js/supervisord.conf"),
                        Path.of("/work/supervisord.conf"), Path.of("/work/etc/supervisord.conf"),
                        Path.of("/etc/supervisord.conf"), Path.of("/etc/supervisor/supervisord.conf"));
    }

    @Test
    void findsTheFirstFileThatExists() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("bin"));
        Path cwd = dir.resolve("cwd");
        write("cwd/etc/supervisord.conf", "[supervisord]\n");
        write("home/supervisord.conf", "[supervisord]\n");
        assertThat(ConfigLoader.findDefaultConfig(home.resolve("bin"), cwd)).contains(home.resolve("supervisord.conf"));
        Files.delete(home.resolve("supervisord.conf"));
        assertThat(ConfigLoader.findDefaultConfig(home.resolve("bin"), cwd))
                .contains(cwd.resolve("etc/supervisord.conf"));
        assertThat(ConfigLoader.noConfigFoundMessage(home.resolve("bin"), cwd))
                .startsWith("No config file found at default paths (" + home.resolve("etc/supervisord.conf"))
                .endsWith("use the -c option to specify a config file at a different path");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("nope.conf"), ctx()))
                .isInstanceOf(ConfigException.class).hasMessage("could not find config file nope.conf");
    }

    @Test
    void refusalsNameTheFileSectionAndKeyOnOneLine() throws Exception {
        write("s.conf", "[supervisord]\n[program:web]\ncommand = /bin/true\nstopsignal = FOO\n");
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("s.conf"), ctx()))
                .hasMessage("s.conf: [program:web] stopsignal: value 'FOO' is not a valid signal name");
    }

    @Test
    void aRefusalInAnIncludedFileNamesThatFile() throws Exception {
        write("main.conf", "[supervisord]\n[include]\nfiles = conf.d/*.conf\n");
        Path inc = write("conf.d/app.conf", "[program:app]\ncommand = /bin/true\nstartsecs = soon\n");
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("main.conf"), ctx()))
                .hasMessageStartingWith(inc + ": [program:app] startsecs: ");
    }

    @Test
    void anExpansionErrorListsTheNamesThatExist() throws Exception {
        write("s.conf", "[supervisord]\n[program:x]\ncommand = /bin/echo %(ENV_NOPE)s\n");
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("s.conf"), ctx()))
                .hasMessageContaining("[program:x] command:").hasMessageContaining("'ENV_NOPE'")
                .hasMessageContaining("ENV_NAME").hasMessageContaining("program_name").hasMessageNotContaining("\n");
    }

    @Test
    void supervisorctlReadsItsSectionWithoutNeedingTheRest() throws Exception {
        write("ctl.conf", "[supervisorctl]\nserverurl = unix://%(here)s/s.sock\nusername = u\npassword = p\n"
                + "[program:broken]\nstartsecs = x\n");
        SupervisorctlSection s = ConfigLoader.loadClient(Path.of("ctl.conf"), ctx());
        assertThat(s.serverUrl()).isEqualTo("unix://" + dir.resolve("s.sock"));
        assertThat(s.username()).contains("u");
        assertThat(s.password()).contains("p");
        assertThat(s.prompt()).isEqualTo("supervisor");
        assertThat(s.historyFile()).isEmpty();
    }

    @Test
    void supervisorctlDefaultsToLocalhost9001WhateverServersAreConfigured() throws Exception {
        write("c.conf", "[supervisorctl]\n[unix_http_server]\nfile = /tmp/x.sock\n");
        assertThat(ConfigLoader.loadClient(Path.of("c.conf"), ctx()).serverUrl()).isEqualTo("http://localhost:9001");
        assertThat(ConfigLoader.clientDefaults().serverUrl()).isEqualTo("http://localhost:9001");
        assertThat(ConfigLoader.clientDefaults().prompt()).isEqualTo("supervisor");
    }

    @Test
    void supervisorctlRefusesAFileWithoutItsSection() throws Exception {
        write("d.conf", "[supervisord]\n");
        assertThatThrownBy(() -> ConfigLoader.loadClient(Path.of("d.conf"), ctx()))
                .hasMessageContaining("does not include supervisorctl section");
    }

    @Test
    void supervisorctlExpandsHomeInTheHistoryFile() throws Exception {
        write("h.conf", "[supervisorctl]\nhistory_file = ~/.hist\n");
        assertThat(ConfigLoader.loadClient(Path.of("h.conf"), ctx()).historyFile()).contains(dir + "/.hist");
    }

    @Test
    void unknownRpcFactoriesAreRefusedUnlessTheCallerKnowsThem() throws Exception {
        write("r.conf", "[supervisord]\n[rpcinterface:extra]\nsupervisor.rpcinterface_factory = my.pkg:make\nkey = v\n");
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("r.conf"), ctx()))
                .hasMessage("r.conf: [rpcinterface:extra] supervisor.rpcinterface_factory: unknown factory my.pkg:make"
                        + " (jsupervisor knows supervisor.rpcinterface:make_main_rpcinterface)");
        SupervisorConfig c = ConfigLoader.load(Path.of("r.conf"),
                ctx().withRpcInterfaceFactories(Set.of(LoadContext.MAIN_RPC_FACTORY, "my.pkg:make")));
        assertThat(c.rpcInterfaces()).singleElement()
                .isEqualTo(new RpcInterfaceConfig("extra", "my.pkg:make", Map.of("key", "v")));
    }

    @Test
    void theDaemonConfigCarriesTheSupervisorctlSectionAndTheFallbackServerUrl() throws Exception {
        write("f.conf", "[supervisord]\n[inet_http_server]\nport = *:9001\n[supervisorctl]\nprompt = p\n");
        SupervisorConfig c = ConfigLoader.load(Path.of("f.conf"), ctx());
        assertThat(c.supervisorctl().prompt()).isEqualTo("p");
        assertThat(c.defaultServerUrl()).contains("http://localhost:9001");
        assertThat(c.file()).isEqualTo(dir.resolve("f.conf"));
    }

    @Test
    void processEnvironmentKeepsFileOrderAfterTheDaemonsOwn() throws Exception {
        write("e.conf", "[supervisord]\nenvironment = Z=1,A=2\n[program:p]\ncommand = /bin/true\n"
                + "environment = M=3,A=4,B=5\n");
        ProcessConfig p = ConfigLoader.load(Path.of("e.conf"), ctx()).groups().get(0).processes().get(0);
        assertThat(p.environment()).containsExactly(Map.entry("Z", "1"), Map.entry("A", "4"), Map.entry("M", "3"),
                Map.entry("B", "5"));
    }
}
