package org.jsupervisor.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs Python's xmlrpc.client.dumps on values described as Python expressions. */
final class PythonOracle {
    private PythonOracle() {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import xmlrpc.client").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** A Python expression that builds the same value as the Java object. */
    static String expr(Object v) {
        if (v == null) {
            return "None";
        } else if (v instanceof Boolean) {
            return (Boolean) v ? "True" : "False";
        } else if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        } else if (v instanceof Double) {
            return "float.fromhex('" + Double.toHexString((Double) v) + "')";
        } else if (v instanceof String) {
            return "bytes.fromhex('" + HexFormat.of().formatHex(((String) v).getBytes(StandardCharsets.UTF_8))
                + "').decode('utf-8', 'surrogatepass')";
        } else if (v instanceof byte[]) {
            return "bytes.fromhex('" + HexFormat.of().formatHex((byte[]) v) + "')";
        } else if (v instanceof LocalDateTime) {
            LocalDateTime t = (LocalDateTime) v;
            return "datetime.datetime(" + t.getYear() + "," + t.getMonthValue() + "," + t.getDayOfMonth() + ","
                + t.getHour() + "," + t.getMinute() + "," + t.getSecond() + ")";
        } else if (v instanceof Map) {
            StringBuilder sb = new StringBuilder("dict([");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append('(').append(expr(e.getKey())).append(',').append(expr(e.getValue())).append("),");
            }
            return sb.append("])").toString();
        } else if (v instanceof List) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : (List<?>) v) {
                sb.append(expr(o)).append(',');
            }
            return sb.append(']').toString();
        }
        throw new IllegalArgumentException(v.getClass().toString());
    }

    /**
     * Evaluates each Python expression (which must produce a str) in one interpreter, with
     * xmlrpc.client imported as {@code x}, and returns the strings.
     */
    static List<String> run(List<String> exprs, Path dir) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder(
            "import sys, base64, datetime\nimport xmlrpc.client as x\nfrom xmlrpc.client import Fault\n");
        for (String e : exprs) {
            script.append("sys.stdout.write(base64.b64encode((").append(e)
                .append(").encode('utf-8')).decode('ascii') + '\\n')\n");
        }
        Path file = dir.resolve("oracle.py");
        Files.writeString(file, script);
        Process p = new ProcessBuilder("python3", file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("python failed");
        }
        List<String> result = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.US_ASCII).split("\n")) {
            if (!line.isEmpty()) {
                result.add(new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8));
            }
        }
        return result;
    }
}
