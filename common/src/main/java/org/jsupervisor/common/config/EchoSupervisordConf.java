package org.jsupervisor.common.config;

/** Entry point of {@code bin/echo_supervisord_conf}: prints a sample configuration. */
public final class EchoSupervisordConf {
    private EchoSupervisordConf() {
    }

    public static void main(String[] args) {
        System.out.print("; sample configuration: not written yet\n");
    }
}
