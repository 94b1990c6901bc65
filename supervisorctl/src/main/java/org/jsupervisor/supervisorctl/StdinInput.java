package org.jsupervisor.supervisorctl;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Questions answered on plain standard input (no terminal line editing). */
final class StdinInput implements UserInput {
    private final PrintStream out;
    private BufferedReader reader;

    StdinInput(PrintStream out) {
        this.out = out;
    }

    @Override
    public String readLine(String prompt) throws IOException {
        out.print(prompt);
        out.flush();
        if (reader == null) {
            reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        return reader.readLine();
    }

    @Override
    public String readPassword(String prompt) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] p = console.readPassword("%s", prompt);
            return p == null ? null : new String(p);
        }
        return readLine(prompt);
    }
}
