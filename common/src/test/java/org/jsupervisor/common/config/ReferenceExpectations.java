package org.jsupervisor.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares our reading of a file with Supervisor's, as recorded by
 * {@code src/test/reference/dump_config.py} in {@code NAME.expected.json}: same acceptance,
 * same values; for a refusal, our message is one line naming the file and every section
 * Supervisor's message names. The directory holds {@code environment.json}, the environment
 * both sides load with ({@code @CORPUS@} stands for the directory); the host name is
 * {@code corpus-host} and the working directory is the directory itself.
 */
final class ReferenceExpectations {
    static final String TOKEN = "@CORPUS@";

    private ReferenceExpectations() {
    }

    static LoadContext context(Path dir, int uid) throws IOException {
        JsonObject env = JsonParser.parseString(Files.readString(dir.resolve("environment.json"))).getAsJsonObject();
        Map<String, String> vars = new LinkedHashMap<>();
        env.entrySet().forEach(e -> vars.put(e.getKey(), e.getValue().getAsString().replace(TOKEN, dir.toString())));
        return LoadContext.system().withEnvironment(vars).withHostname("corpus-host").withCwd(dir).withUid(uid);
    }

    /**
     * Loads {@code name} from {@code dir} with our loader, as supervisord and as
     * supervisorctl, and compares both with {@code NAME.expected.json} in the same directory.
     */
    static void assertReadsAsSupervisor(Path dir, String name) throws IOException {
        Path expectedFile = dir.resolve(name.replaceFirst("\\.conf$", ".expected.json"));
        assertThat(expectedFile).as("expectations for %s (run dump_config.py)", name).exists();
        JsonObject expected = JsonParser.parseString(
                Files.readString(expectedFile).replace(TOKEN, dir.toString())).getAsJsonObject();
        LoadContext ctx = context(dir, expected.get("uid").getAsInt());
        ModelJson json = new ModelJson(ctx.users());

        JsonObject wantServer = expected.getAsJsonObject("server");
        JsonObject gotServer;
        String serverError = null;
        try {
            gotServer = json.server(ConfigLoader.load(Path.of(name), ctx));
        } catch (ConfigException e) {
            serverError = e.getMessage();
            gotServer = refused(e.getMessage());
        }
        compare(name + " (supervisord)", wantServer, gotServer, serverError, dir);

        JsonObject wantClient = expected.getAsJsonObject("client");
        JsonObject gotClient;
        String clientError = null;
        try {
            gotClient = json.client(ConfigLoader.loadClient(Path.of(name), ctx));
        } catch (ConfigException e) {
            clientError = e.getMessage();
            gotClient = refused(e.getMessage());
        }
        compare(name + " (supervisorctl)", wantClient, gotClient, clientError, dir);
    }

    private static JsonObject refused(String message) {
        JsonObject o = new JsonObject();
        o.addProperty("accepted", false);
        o.addProperty("error", message);
        return o;
    }

    private static void compare(String what, JsonObject want, JsonObject got, String ourError, Path cwd) {
        boolean wantOk = want.get("accepted").getAsBoolean();
        boolean gotOk = got.get("accepted").getAsBoolean();
        if (wantOk != gotOk) {
            fail("%s: Supervisor %s it, we %s it%s", what, wantOk ? "accepts" : "refuses (" + want.get("error") + ")",
                    gotOk ? "accept" : "refuse", ourError == null ? "" : " (" + ourError + ")");
        }
        if (!wantOk) {
            assertThat(ourError).as("%s: our message is one line", what).doesNotContain("\n");
            assertNamesTheSection(what, want.get("error").getAsString(), ourError);
            return;
        }
        normalisePaths(want, cwd);
        List<String> diffs = new ArrayList<>();
        diff("", want, got, diffs);
        assertThat(diffs).as("%s: differences from Supervisor", what).isEmpty();
    }

    private static final Pattern SECTION_NAMES = Pattern.compile("section '([^']+)'|\\[([^\\]\\s]+)\\]");
    private static final Pattern FORMAT_KEY = Pattern.compile("Format string .* for '(?:[^'.]+\\.)?([a-z_]+)'");

    /** Every section Supervisor's message names must appear in ours as [section]. */
    private static void assertNamesTheSection(String what, String theirs, String ours) {
        if (theirs.contains("names unknown program or fcgi-program") && ours.contains("unknown program or fcgi-program")) {
            // Supervisor names the wrong section here (its loop variable is reused for the
            // member program); ours names the [group:x] that has the bad programs line
            return;
        }
        Matcher m = SECTION_NAMES.matcher(theirs);
        while (m.find()) {
            String section = m.group(1) != null ? m.group(1) : m.group(2);
            if (section.startsWith("line")) {
                continue;
            }
            assertThat(ours).as("%s: Supervisor said %s", what, theirs).contains("[" + section + "]");
        }
        if (theirs.contains("supervisord.") || theirs.contains("for 'environment'")) {
            assertThat(ours).as("%s: Supervisor said %s", what, theirs).containsAnyOf("[supervisord]", "[program:");
        }
        Matcher key = FORMAT_KEY.matcher(theirs);
        if (key.find()) {
            // an expansion error: Supervisor names the key ("for 'program:x.command'")
            assertThat(ours).as("%s: Supervisor said %s", what, theirs).contains(" " + key.group(1) + ":");
        }
        assertThat(ours).as("%s: our message names a file", what).containsPattern("\\.(conf|ini)");
    }

    /**
     * Supervisor keeps log paths as written; ours are absolute against the working directory.
     */
    private static void normalisePaths(JsonObject want, Path cwd) {
        if (want.has("supervisord")) {
            // likewise the daemon's childlogdir and directory
            JsonObject sd = want.getAsJsonObject("supervisord");
            for (String k : new String[] {"childlogdir", "directory"}) {
                if (sd.has(k) && !sd.get(k).isJsonNull()) {
                    String v = sd.get(k).getAsString();
                    sd.add(k, new JsonPrimitive(Values.normpath(v.startsWith("/") ? v : cwd + "/" + v)));
                }
            }
        }
        if (!want.has("groups")) {
            return;
        }
        for (JsonElement g : want.getAsJsonArray("groups")) {
            for (JsonElement p : g.getAsJsonObject().getAsJsonArray("processes")) {
                JsonObject po = p.getAsJsonObject();
                for (String k : new String[] {"stdout_logfile", "stderr_logfile"}) {
                    String v = po.get(k).getAsString();
                    if (!v.equals("AUTO") && !v.equals("NONE")) {
                        po.add(k, new JsonPrimitive(Values.normpath(v.startsWith("/") ? v : cwd + "/" + v)));
                    }
                }
            }
        }
    }

    private static void diff(String path, JsonElement want, JsonElement got, List<String> out) {
        if (want.isJsonObject() && got != null && got.isJsonObject()) {
            JsonObject w = want.getAsJsonObject();
            JsonObject g = got.getAsJsonObject();
            for (String k : w.keySet()) {
                if (!g.has(k)) {
                    out.add(path + "/" + k + ": missing, Supervisor has " + w.get(k));
                } else {
                    diff(path + "/" + k, w.get(k), g.get(k), out);
                }
            }
            for (String k : g.keySet()) {
                if (!w.has(k)) {
                    out.add(path + "/" + k + ": extra " + g.get(k));
                }
            }
        } else if (want.isJsonArray() && got != null && got.isJsonArray() && want.getAsJsonArray().size() == got
                .getAsJsonArray().size()) {
            for (int i = 0; i < want.getAsJsonArray().size(); i++) {
                diff(path + "[" + i + "]", want.getAsJsonArray().get(i), got.getAsJsonArray().get(i), out);
            }
        } else if (!want.equals(got)) {
            out.add(path + ": Supervisor " + want + ", we " + got);
        }
    }
}
