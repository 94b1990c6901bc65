package org.jsupervisor.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of {@code bin/echo_supervisord_conf}: prints a complete, commented sample
 * configuration (the classpath resource {@code sample.conf}, written for this project).
 */
public final class EchoSupervisordConf {
    private EchoSupervisordConf() {
    }

    /** The sample text. */
    public static String sample() {
        try (InputStream in = EchoSupervisordConf.class.getResourceAsStream("sample.conf")) {
            if (in == null) {
                throw new IllegalStateException("sample.conf is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) {
                System.out.print("usage: echo_supervisord_conf\n"
                        + "Prints a sample configuration file for supervisord to standard output.\n");
                return;
            }
        }
        System.out.print(sample());
        System.out.flush();
    }
}
