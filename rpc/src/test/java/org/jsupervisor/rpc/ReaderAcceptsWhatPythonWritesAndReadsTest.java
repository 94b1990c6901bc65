package org.jsupervisor.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderAcceptsWhatPythonWritesAndReadsTest {
    @TempDir
    Path dir;

    private static Object param(String valueXml) throws XmlRpcFormatException {
        String doc = "<?xml version='1.0'?>\n<methodCall>\n<methodName>a.b</methodName>\n<params>\n<param>\n"
            + valueXml + "</param>\n</params>\n</methodCall>\n";
        return XmlRpcReader.parseCall(doc.getBytes(StandardCharsets.UTF_8), XmlRpcLimits.SERVER).params().get(0);
    }

    @Test
    void readsEmptyAndUntypedValuesAsStrings() throws Exception {
        assertThat(param("<value></value>")).isEqualTo("");
        assertThat(param("<value/>")).isEqualTo("");
        assertThat(param("<value><string/></value>")).isEqualTo("");
        assertThat(param("<value><string></string></value>")).isEqualTo("");
        assertThat(param("<value>  spaced  </value>")).isEqualTo("  spaced  ");
        assertThat(param("<value><string>  spaced  </string></value>")).isEqualTo("  spaced  ");
        assertThat(param("<value>a<!-- c -->b<![CDATA[<&>]]>c</value>")).isEqualTo("ab<&>c");
    }

    @Test
    void ignoresWhitespaceAroundTypedValuesAndInsideNumbers() throws Exception {
        assertThat(param("<value>\n  <int> 42 </int>\n</value>")).isEqualTo(42);
        assertThat(param("<value><i4>+7</i4></value>")).isEqualTo(7);
        assertThat(param("<value><i8>9000000000</i8></value>")).isEqualTo(9_000_000_000L);
        assertThat(param("<value><int>-2147483648</int></value>")).isEqualTo(Integer.MIN_VALUE);
        assertThat(param("<value><boolean> 1 </boolean></value>")).isEqualTo(true);
        assertThat(param("<value><double> 1.5e3 </double></value>")).isEqualTo(1500.0);
        assertThat(param("<value><double>-inf</double></value>")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((Double) param("<value><double>nan</double></value>")).isNaN();
        assertThat(param("<value><double>.5</double></value>")).isEqualTo(0.5);
        assertThat(param("<value><double>5.</double></value>")).isEqualTo(5.0);
    }

    @Test
    void readsTheOtherScalarTypes() throws Exception {
        assertThat(param("<value><base64>\naGVs\nbG8=\n</base64></value>")).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(param("<value><base64></base64></value>")).isEqualTo(new byte[0]);
        assertThat(param("<value><dateTime.iso8601>20261122T01:02:03</dateTime.iso8601></value>"))
            .isEqualTo(LocalDateTime.of(2026, 11, 22, 1, 2, 3));
        assertThat(param("<value><dateTime.iso8601>2026-11-22T01:02:03</dateTime.iso8601></value>"))
            .isEqualTo(LocalDateTime.of(2026, 11, 22, 1, 2, 3));
        assertThat(param("<value><nil/></value>")).isNull();
        assertThat(param("<value><ex:nil xmlns:ex='http://ws.apache.org/xmlrpc/namespaces/extensions'/></value>")).isNull();
    }

    @Test
    void readsContainersKeepingOrderAndPythonDictSemantics() throws Exception {
        assertThat(param("<value><array/></value>")).isEqualTo(List.of());
        assertThat(param("<value><array><data/></array></value>")).isEqualTo(List.of());
        assertThat(param("<value><struct/></value>")).isEqualTo(Map.of());
        Object s = param("<value><struct>"
            + "<member><name>z</name><value><int>1</int></value></member>"
            + "<member><name>a</name><value>x</value></member>"
            + "<member><name>z</name><value><int>2</int></value></member>"
            + "<member><value>v</value><name></name></member>"
            + "</struct></value>");
        assertThat(new ArrayList<Object>(((Map<?, ?>) s).keySet())).containsExactly("z", "a", "");
        assertThat(((Map<?, ?>) s).get("z")).isEqualTo(2);
        assertThat(s).isInstanceOf(LinkedHashMap.class);
    }

    @Test
    void acceptsACallWithoutParamsOrWithEmptyParams() throws Exception {
        for (String doc : List.of("<methodCall><methodName>a.b</methodName></methodCall>",
            "<methodCall><methodName>a.b</methodName><params/></methodCall>",
            "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- hi --><methodCall><methodName>a.b</methodName>"
                + "<params></params></methodCall>\n<!-- bye -->\n")) {
            MethodCall c = XmlRpcReader.parseCall(doc.getBytes(StandardCharsets.UTF_8), XmlRpcLimits.SERVER);
            assertThat(c.methodName()).isEqualTo("a.b");
            assertThat(c.params()).isEmpty();
        }
    }

    @Test
    void honoursADeclaredEncoding() throws Exception {
        byte[] doc = "<?xml version='1.0' encoding='ISO-8859-1'?><methodCall><methodName>a.b</methodName><params><param><value>caf\u00e9</value></param></params></methodCall>"
            .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(XmlRpcReader.parseCall(doc, XmlRpcLimits.SERVER).params()).containsExactly("café");
    }

    @Test
    void readsFaultResponsesAsRpcFault() {
        byte[] doc = XmlRpcWriter.fault(60, "ALREADY_STARTED: foo");
        assertThatThrownBy(() -> XmlRpcReader.parseResponse(doc, XmlRpcLimits.CLIENT))
            .isInstanceOfSatisfying(RpcFault.class, f -> {
                assertThat(f.code()).isEqualTo(60);
                assertThat(f.faultString()).isEqualTo("ALREADY_STARTED: foo");
            });
        byte[] bad = ("<methodResponse><fault><value><struct><member><name>faultCode</name><value>x</value></member>"
            + "</struct></value></fault></methodResponse>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> XmlRpcReader.parseResponse(bad, XmlRpcLimits.CLIENT))
            .isInstanceOf(XmlRpcFormatException.class);
    }

    @Test
    void writesOnlyWellFormedXmlEvenFromBinaryLogData() throws Exception {
        String nasty = "ok\u0000\u0001\u001b[31mred\u007f\ud800x\udc00\uffff\ufffe" + "\ud83d\ude00" + "\t\n";
        byte[] doc = XmlRpcWriter.response(nasty);
        Object back = XmlRpcReader.parseResponse(doc, XmlRpcLimits.CLIENT);
        assertThat(back).isEqualTo("ok\uFFFD\uFFFD\uFFFD[31mred\u007f\uFFFDx\uFFFD\uFFFD\uFFFD\ud83d\ude00\t\n");
        assertThat(XmlRpcWriter.isXmlSafe(nasty)).isFalse();
        assertThat(XmlRpcWriter.isXmlSafe("fine \ud83d\ude00 <&>")).isTrue();

        Assumptions.assumeTrue(PythonOracle.available());
        // Python's own reader accepts what we wrote, and reads the same string.
        String b64 = java.util.Base64.getEncoder().encodeToString(doc);
        List<String> py = PythonOracle.run(List.of(
            "x.loads(base64.b64decode('" + b64 + "'))[0][0]"), dir);
        assertThat(py.get(0)).isEqualTo(back);
    }

    @Test
    void refusesToWriteWhatXmlRpcCannotCarry() {
        assertThatThrownBy(() -> XmlRpcWriter.response(1L << 31)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlRpcWriter.response(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlRpcWriter.response(Map.of(1, 2))).isInstanceOf(IllegalArgumentException.class);
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertThatThrownBy(() -> XmlRpcWriter.response(loop)).isInstanceOf(IllegalArgumentException.class);
        assertThat(XmlRpcWriter.responseString(Arrays.asList(1, null))).contains("<nil/>");
    }
}
