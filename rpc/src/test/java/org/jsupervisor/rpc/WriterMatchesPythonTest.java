package org.jsupervisor.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriterMatchesPythonTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needPython() {
        Assumptions.assumeTrue(PythonOracle.available(), "python3 with xmlrpc.client not on PATH");
    }

    static List<Object> sampleValues() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", "cat");
        info.put("group", "cat");
        info.put("start", 1700000000);
        info.put("state", 20);
        info.put("statename", "RUNNING");
        info.put("spawnerr", "");
        info.put("exitstatus", 0);
        info.put("description", "pid 123, uptime 0:00:05");
        Map<String, Object> weird = new LinkedHashMap<>();
        weird.put("z", 1);
        weird.put("a<&>b", List.of());
        weird.put("", new LinkedHashMap<>());
        weird.put("é😀", "naïve ☃ 😀");
        List<Object> values = new ArrayList<>(Arrays.asList(
            0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 7L,
            true, false,
            "", "plain", "a & b < c > d \"quoted\" 'single'", "tab\there\nnewline\r\ncrlf", "]]>", "ünïcödé ☃ 😀",
            new byte[0], new byte[] {0, 1, 2, (byte) 255}, new byte[57], new byte[58], new byte[200],
            LocalDateTime.of(2026, 11, 22, 1, 2, 3), LocalDateTime.of(999, 1, 1, 0, 0, 0),
            List.of(), List.of(1, "two", List.of(3.5, false)),
            new LinkedHashMap<>(), info, weird, List.of(info, info)));
        return values;
    }

    static List<Double> sampleDoubles() {
        List<Double> d = new ArrayList<>(Arrays.asList(0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3, 100.0, 1e15, 1e16, 1.5e16,
            1e17, 123456789012345678.0, 1e22, 1e23, 1e-4, 1e-5, 0.00012345, 5e-324, Double.MIN_NORMAL,
            Double.MAX_VALUE, 2.82879384806159E17, 9007199254740993.0, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, 1234.5678, 0.3, 2.0 / 3e10));
        Random rnd = new Random(42);
        for (int i = 0; i < 300; i++) {
            d.add(Double.longBitsToDouble(rnd.nextLong()));
            d.add(rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20));
        }
        return d;
    }

    @Test
    void responsesAreByteForByteWhatPythonDumpsWrites() throws Exception {
        List<Object> values = sampleValues();
        List<String> exprs = new ArrayList<>();
        for (Object v : values) {
            exprs.add("x.dumps((" + PythonOracle.expr(v) + ",), methodresponse=True)");
        }
        List<String> python = PythonOracle.run(exprs, dir);
        for (int i = 0; i < values.size(); i++) {
            assertThat(XmlRpcWriter.responseString(values.get(i))).as("value #%d", i).isEqualTo(python.get(i));
        }
    }

    @Test
    void doublesAreWrittenInPythonReprNotation() throws Exception {
        List<Double> values = sampleDoubles();
        List<String> exprs = new ArrayList<>();
        for (Double v : values) {
            exprs.add("x.dumps((" + PythonOracle.expr(v) + ",), methodresponse=True)");
        }
        List<String> python = PythonOracle.run(exprs, dir);
        for (int i = 0; i < values.size(); i++) {
            assertThat(XmlRpcWriter.responseString(values.get(i))).as("double %s", values.get(i))
                .isEqualTo(python.get(i));
        }
    }

    @Test
    void methodCallsAreByteForByteWhatPythonDumpsWrites() throws Exception {
        List<Object> values = sampleValues();
        List<String> exprs = new ArrayList<>();
        exprs.add("x.dumps((), 'supervisor.getState')");
        exprs.add("x.dumps(('foo', True), 'supervisor.startProcess')");
        exprs.add("x.dumps((" + PythonOracle.expr(values) + ",), 'system.multicall')");
        exprs.add("x.dumps((None, 1), 'm.n', allow_none=True)");
        List<String> python = PythonOracle.run(exprs, dir);
        assertThat(XmlRpcWriter.methodCallString("supervisor.getState", List.of())).isEqualTo(python.get(0));
        assertThat(XmlRpcWriter.methodCallString("supervisor.startProcess", List.of("foo", true)))
            .isEqualTo(python.get(1));
        assertThat(XmlRpcWriter.methodCallString("system.multicall", List.of(values))).isEqualTo(python.get(2));
        assertThat(XmlRpcWriter.methodCallString("m.n", Arrays.asList(null, 1))).isEqualTo(python.get(3));
    }

    @Test
    void pythonMethodCallsReadBackToTheSameJavaValues() throws Exception {
        List<Object> values = sampleValues();
        List<String> python = PythonOracle.run(List.of(
            "x.dumps(tuple(" + PythonOracle.expr(values) + "), 'supervisor.fancy')"), dir);
        MethodCall call = XmlRpcReader.parseCall(python.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8),
            XmlRpcLimits.SERVER);
        assertThat(call.methodName()).isEqualTo("supervisor.fancy");
        assertThat(call.params()).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object expected = values.get(i);
            if (expected instanceof Long) {
                expected = ((Long) expected).intValue();
            }
            if (expected instanceof String) {
                expected = ((String) expected).replace("\r\n", "\n").replace('\r', '\n');
            }
            assertThat(call.params().get(i)).as("param #%d", i).usingRecursiveComparison().isEqualTo(expected);
        }
    }

    @Test
    void faultsAreByteForByteWhatPythonDumpsWrites() throws Exception {
        List<String> python = PythonOracle.run(List.of(
            "x.dumps(Fault(10, 'BAD_NAME: foo'))",
            "x.dumps(Fault(1, 'UNKNOWN_METHOD'))",
            "x.dumps(Fault(30, 'FAILED: <a & b>'))"), dir);
        assertThat(XmlRpcWriter.faultString(10, new RpcFault(Faults.BAD_NAME, "foo").faultString()))
            .isEqualTo(python.get(0));
        assertThat(XmlRpcWriter.faultString(1, new RpcFault(Faults.UNKNOWN_METHOD).faultString()))
            .isEqualTo(python.get(1));
        assertThat(XmlRpcWriter.faultString(30, "FAILED: <a & b>")).isEqualTo(python.get(2));
    }

    @Test
    void pythonOutputReadsBackToTheSameJavaValues() throws Exception {
        List<Object> values = sampleValues();
        List<String> exprs = new ArrayList<>();
        for (Object v : values) {
            exprs.add("x.dumps((" + PythonOracle.expr(v) + ",), methodresponse=True)");
        }
        List<String> python = PythonOracle.run(exprs, dir);
        for (int i = 0; i < values.size(); i++) {
            Object back = XmlRpcReader.parseResponse(python.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                XmlRpcLimits.CLIENT);
            Object expected = values.get(i);
            if (expected instanceof Long) {
                expected = ((Long) expected).intValue();
            }
            if (expected instanceof String) {
                // An XML parser normalises CR LF and lone CR to LF, whoever wrote the document.
                expected = ((String) expected).replace("\r\n", "\n").replace('\r', '\n');
            }
            assertThat(back).as("value #%d", i).usingRecursiveComparison().isEqualTo(expected);
        }
    }
}
