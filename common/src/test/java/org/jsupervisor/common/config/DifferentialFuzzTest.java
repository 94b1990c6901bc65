package org.jsupervisor.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsupervisor.common.config.ini.IniFile;
import org.jsupervisor.common.config.ini.IniParser;
import org.jsupervisor.common.config.ini.IniSyntaxException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random inputs, answered by Python itself (src/test/reference/fuzz_cases.py), for the
 * three pieces of Python behaviour we reimplemented: configparser, %-formatting and
 * Supervisor's environment lexer. Fixed seeds, so a failure repeats. Skipped where the
 * reference Python with Supervisor is not installed.
 */
class DifferentialFuzzTest {
    static final Path SCRIPT = Path.of("src/test/reference/fuzz_cases.py").toAbsolutePath();

    private static JsonObject cases(Path dir, int seed) throws Exception {
        Path out = dir.resolve("cases-" + seed + ".json");
        Process p = new ProcessBuilder(ReferenceSupervisor.PYTHON.toString(), SCRIPT.toString(),
                Integer.toString(seed), out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0).as(log).isTrue();
        return JsonParser.parseString(Files.readString(out)).getAsJsonObject();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3})
    void ourPythonBehaviourAgreesWithPythonOnRandomInputs(int seed, @TempDir Path dir) throws Exception {
        assumeTrue(ReferenceSupervisor.available(), "Supervisor 4.2.5 is not installed here");
        JsonObject all = cases(dir, seed);
        List<String> wrong = new ArrayList<>();
        for (JsonElement e : all.getAsJsonArray("ini")) {
            String text = e.getAsJsonObject().get("text").getAsString();
            JsonObject want = e.getAsJsonObject().getAsJsonObject("result");
            JsonObject got = ini(text);
            if (!want.equals(got)) {
                wrong.add("ini " + quote(text) + ": Python " + want
                        + ", we " + got);
            }
        }
        Map<String, Object> names = Map.of("a", "hello", "n", 7);
        for (JsonElement e : all.getAsJsonArray("fmt")) {
            String text = e.getAsJsonObject().get("text").getAsString();
            JsonObject want = e.getAsJsonObject().getAsJsonObject("result");
            JsonObject got = new JsonObject();
            try {
                String v = PyFormat.format(text, names);
                got.addProperty("ok", true);
                got.addProperty("value", v);
            } catch (PyFormat.MissingName x) {
                got.addProperty("ok", false);
                got.addProperty("kind", "missing");
            } catch (PyFormat.BadFormat x) {
                got.addProperty("ok", false);
                got.addProperty("kind", "bad");
            }
            if (!want.equals(got)) {
                wrong.add("fmt " + quote(text) + ": Python " + want + ", we " + got);
            }
        }
        for (JsonElement e : all.getAsJsonArray("env")) {
            String text = e.getAsJsonObject().get("text").getAsString();
            JsonObject want = e.getAsJsonObject().getAsJsonObject("result");
            JsonObject got = new JsonObject();
            try {
                Map<String, String> v = KeyValueLexer.pairs(text);
                got.addProperty("ok", true);
                JsonArray pairs = new JsonArray();
                v.forEach((k, val) -> {
                    JsonArray pair = new JsonArray();
                    pair.add(k);
                    pair.add(val);
                    pairs.add(pair);
                });
                got.add("value", pairs);
            } catch (IllegalArgumentException x) {
                got.addProperty("ok", false);
            }
            if (!want.equals(got)) {
                wrong.add("env " + quote(text) + ": Python " + want + ", we " + got);
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static JsonObject ini(String text) {
        JsonObject o = new JsonObject();
        IniFile f = new IniFile();
        try {
            IniParser.read(f, text, "<string>");
        } catch (IniSyntaxException e) {
            o.addProperty("ok", false);
            return o;
        }
        o.addProperty("ok", true);
        JsonObject sections = new JsonObject();
        for (String s : f.sections()) {
            sections.add(s, own(f, s));
        }
        o.add("sections", sections);
        o.add("defaults", own(f, IniFile.DEFAULT_SECTION));
        return o;
    }

    private static JsonObject own(IniFile f, String section) {
        JsonObject o = new JsonObject();
        Map<String, String> m = new LinkedHashMap<>(f.ownOptionsView(section));
        m.forEach(o::addProperty);
        return o;
    }

    private static String quote(String s) {
        return new com.google.gson.Gson().toJson(s);
    }
}
