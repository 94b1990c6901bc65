package org.jsupervisor.supervisord.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jsupervisor.common.config.ConfigException;
import org.jsupervisor.common.config.ConfigLoader;
import org.jsupervisor.common.config.LoadContext;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.rpc.server.RpcDispatcher;
import org.jsupervisor.rpc.server.RpcMethod;
import org.jsupervisor.supervisord.engine.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [rpcinterface:x] sections: the built-in factory, a Java extension, an unknown factory. */
class RpcInterfacesTest {
    @TempDir
    Path dir;

    /** A Java extension as a user would write one. */
    public static final class Greeter implements RpcInterfaceFactory {
        @Override
        public String factoryName() {
            return "mycompany.rpc:make_interface";
        }

        @Override
        public List<RpcMethod> create(String namespace, Map<String, String> options, Engine engine) {
            return List.of(RpcMethod.builder(namespace + ".hello").returns("string").help("Says hello.")
                    .handler(p -> "hello " + options.get("greeting")).build());
        }
    }

    private ClassLoader withExtension() throws Exception {
        Path services = Files.createDirectories(dir.resolve("ext/META-INF/services"));
        Files.writeString(services.resolve(RpcInterfaceFactory.class.getName()), Greeter.class.getName() + "\n");
        return new URLClassLoader(new URL[] {dir.resolve("ext").toUri().toURL()}, getClass().getClassLoader());
    }

    private Path conf() throws Exception {
        Path conf = dir.resolve("s.conf");
        Files.writeString(conf, "[supervisord]\nlogfile=%(here)s/sd.log\n"
                + "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n"
                + "[rpcinterface:mine]\nsupervisor.rpcinterface_factory = mycompany.rpc:make_interface\ngreeting = world\n");
        return conf;
    }

    @Test
    void aJavaExtensionAddsItsNamespaceNextToTheStandardOne() throws Exception {
        ClassLoader loader = withExtension();
        assertThat(RpcInterfaces.knownFactories(loader))
                .contains(LoadContext.MAIN_RPC_FACTORY, "mycompany.rpc:make_interface");
        SupervisorConfig config = ConfigLoader.load(conf(),
                LoadContext.system().withRpcInterfaceFactories(RpcInterfaces.knownFactories(loader)));
        FakeEngine engine = new FakeEngine(config, dir);
        RpcDispatcher rpc = RpcDispatcher.builder()
                .addAll(RpcInterfaces.methods(config.rpcInterfaces(), engine, loader)).build();
        assertThat(rpc.invoke("mine.hello", List.of()).get(5, TimeUnit.SECONDS)).isEqualTo("hello world");
        assertThat(rpc.invoke("supervisor.getAPIVersion", List.of()).get(5, TimeUnit.SECONDS)).isEqualTo("3.0");
    }

    @Test
    void anUnknownFactoryIsAConfigurationErrorNamingTheSection() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(conf())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[rpcinterface:mine]").hasMessageContaining("mycompany.rpc:make_interface");
        SupervisorConfig config = ConfigLoader.load(conf(),
                LoadContext.system().withRpcInterfaceFactories(RpcInterfaces.knownFactories(withExtension())));
        assertThatThrownBy(() -> RpcInterfaces.methods(config.rpcInterfaces(), new FakeEngine(config, dir),
                getClass().getClassLoader())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mycompany.rpc:make_interface cannot be resolved within [rpcinterface:mine]");
    }

    /** An extension whose factory fails, as a Python factory raising would. */
    public static final class Broken implements RpcInterfaceFactory {
        @Override
        public String factoryName() {
            return "mycompany.rpc:make_interface";
        }

        @Override
        public List<RpcMethod> create(String namespace, Map<String, String> options, Engine engine) {
            throw new IllegalStateException("no greeting configured");
        }
    }

    @Test
    void aFactoryThatFailsRefusesStartUpWithSupervisorsMessage() throws Exception {
        Path services = Files.createDirectories(dir.resolve("broken/META-INF/services"));
        Files.writeString(services.resolve(RpcInterfaceFactory.class.getName()), Broken.class.getName() + "\n");
        ClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("broken").toUri().toURL()},
                getClass().getClassLoader());
        SupervisorConfig config = ConfigLoader.load(conf(),
                LoadContext.system().withRpcInterfaceFactories(RpcInterfaces.knownFactories(loader)));
        assertThatThrownBy(() -> RpcInterfaces.methods(config.rpcInterfaces(), new FakeEngine(config, dir), loader))
                .isInstanceOf(ConfigException.class).hasMessage("Could not make mine rpc interface")
                .hasRootCauseMessage("no greeting configured");
    }

    @Test
    void withoutAnyRpcinterfaceSectionOnlyTheSystemMethodsExist() throws Exception {
        Path conf = dir.resolve("bare.conf");
        Files.writeString(conf, "[supervisord]\nlogfile=%(here)s/sd.log\n");
        SupervisorConfig config = ConfigLoader.load(conf);
        assertThat(RpcInterfaces.methods(config.rpcInterfaces(), new FakeEngine(config, dir), getClass().getClassLoader()))
                .isEmpty();
    }
}
