package org.jsupervisor.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderRefusesHostileInputTest {
    @TempDir
    Path dir;

    private static MethodCall call(String xml) throws XmlRpcFormatException {
        return XmlRpcReader.parseCall(xml.getBytes(StandardCharsets.UTF_8), XmlRpcLimits.SERVER);
    }

    private static final String CALL_HEAD = "<?xml version='1.0'?>\n";

    @Test
    void refusesBillionLaughs() {
        String xml = CALL_HEAD + "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
            + "<methodCall><methodName>x.y</methodName><params><param><value>&lol3;</value></param></params></methodCall>";
        assertThatThrownBy(() -> call(xml)).isInstanceOf(XmlRpcFormatException.class);
    }

    @Test
    void refusesExternalEntitiesAndNeverFetchesThem() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRET");
        AtomicInteger fetched = new AtomicInteger();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            fetched.incrementAndGet();
            byte[] b = "<!ENTITY x 'y'>".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
        try {
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/evil.dtd";
            List<String> docs = List.of(
                CALL_HEAD + "<!DOCTYPE m [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                    + "<methodCall><methodName>a.b</methodName><params><param><value>&xxe;</value></param></params></methodCall>",
                CALL_HEAD + "<!DOCTYPE m SYSTEM \"" + url + "\">"
                    + "<methodCall><methodName>a.b</methodName></methodCall>",
                CALL_HEAD + "<!DOCTYPE m [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>"
                    + "<methodCall><methodName>a.b</methodName></methodCall>",
                CALL_HEAD + "<!DOCTYPE m [<!ENTITY x \"inner\">]>"
                    + "<methodCall><methodName>a.b</methodName></methodCall>");
            for (String doc : docs) {
                assertThatThrownBy(() -> call(doc)).as(doc).isInstanceOf(XmlRpcFormatException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOPSECRET"));
            }
            assertThat(fetched).hasValue(0);
        } finally {
            http.stop(0);
        }
    }

    @Test
    void refusesUndeclaredEntitiesButKeepsThePredefinedOnesAndCharacterReferences() throws Exception {
        assertThatThrownBy(() -> call(CALL_HEAD
            + "<methodCall><methodName>a.b</methodName><params><param><value>&nbsp;</value></param></params></methodCall>"))
            .isInstanceOf(XmlRpcFormatException.class);
        MethodCall c = call(CALL_HEAD + "<methodCall><methodName>a.b</methodName><params><param><value>"
            + "&lt;&gt;&amp;&quot;&apos;&#65;&#x42;</value></param></params></methodCall>");
        assertThat(c.params()).containsExactly("<>&\"'AB");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        int depth = 10_000;
        StringBuilder sb = new StringBuilder(CALL_HEAD + "<methodCall><methodName>a.b</methodName><params><param>");
        sb.append("<value><array><data>".repeat(depth));
        sb.append("</data></array></value>".repeat(depth));
        sb.append("</param></params></methodCall>");
        assertThatThrownBy(() -> call(sb.toString())).isInstanceOf(XmlRpcFormatException.class)
            .hasMessageContaining("nested");
        StringBuilder structs = new StringBuilder(CALL_HEAD + "<methodCall><methodName>a.b</methodName><params><param>");
        structs.append("<value><struct><member><name>n</name>".repeat(65));
        structs.append("<value/>");
        structs.append("</member></struct></value>".repeat(65));
        structs.append("</param></params></methodCall>");
        assertThatThrownBy(() -> call(structs.toString())).isInstanceOf(XmlRpcFormatException.class)
            .hasMessageContaining("nested");
    }

    @Test
    void acceptsNestingUpToTheLimit() throws Exception {
        StringBuilder sb = new StringBuilder(CALL_HEAD + "<methodCall><methodName>a.b</methodName><params><param>");
        sb.append("<value><array><data>".repeat(64)).append("<value><int>1</int></value>");
        sb.append("</data></array></value>".repeat(64));
        sb.append("</param></params></methodCall>");
        Object v = call(sb.toString()).params().get(0);
        for (int i = 0; i < 64; i++) {
            assertThat(v).isInstanceOf(List.class);
            v = ((List<?>) v).get(0);
        }
        assertThat(v).isEqualTo(1);
    }

    @Test
    void refusesHugeBodiesFromArraysAndFromStreams() {
        byte[] big = (CALL_HEAD + "<methodCall><methodName>a.b</methodName><params><param><value><string>"
            + "x".repeat(3 * 1024 * 1024) + "</string></value></param></params></methodCall>")
            .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> XmlRpcReader.parseCall(big, XmlRpcLimits.SERVER))
            .isInstanceOf(XmlRpcFormatException.class).hasMessageContaining("larger than");
        InputStream endless = new InputStream() {
            private final byte[] head = (CALL_HEAD + "<methodCall><methodName>a.b</methodName><params><param>"
                + "<value><string>").getBytes(StandardCharsets.UTF_8);
            private long pos;

            @Override
            public int read() {
                return pos < head.length ? head[(int) pos++] : (pos++ >= 0 ? 'x' : -1);
            }
        };
        assertThatThrownBy(() -> XmlRpcReader.parseCall(endless, new XmlRpcLimits(100_000, 8)))
            .isInstanceOf(XmlRpcFormatException.class).hasMessageContaining("larger than");
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] head = (CALL_HEAD + "<methodCall><methodName>a.b</methodName><params><param><value><string>")
            .getBytes(StandardCharsets.UTF_8);
        byte[] tail = "</string></value></param></params></methodCall>".getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xed,
            (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xc0, (byte) 0x80})) {
            byte[] doc = new byte[head.length + bad.length + tail.length];
            System.arraycopy(head, 0, doc, 0, head.length);
            System.arraycopy(bad, 0, doc, head.length, bad.length);
            System.arraycopy(tail, 0, doc, head.length + bad.length, tail.length);
            assertThatThrownBy(() -> XmlRpcReader.parseCall(doc, XmlRpcLimits.SERVER))
                .isInstanceOf(XmlRpcFormatException.class);
        }
    }

    @Test
    void refusesMalformedXmlRpc() {
        List<String> bad = List.of("", "not xml", "<methodCall>", "<methodResponse/>",
            "<methodCall><params/></methodCall>",
            "<methodCall><methodName>a.b</methodName><params><param/></params></methodCall>",
            "<methodCall><methodName>a.b</methodName><params><param><value><int>x</int></value></param></params></methodCall>",
            "<methodCall><methodName>a.b</methodName><params><param><value><boolean>true</boolean></value></param></params></methodCall>",
            "<methodCall><methodName>a.b</methodName><params><param><value><double>1e</double></value></param></params></methodCall>",
            "<methodCall><methodName>a.b</methodName><params><param><value><double>0x1p3</double></value></param></params></methodCall>",
            "<methodCall><methodName>a.b</methodName><params><param><value><foo>1</foo></value></param></params></methodCall>",
            "<methodCall><methodName>a.b</methodName><params><param><value><struct><member><name>a</name></member></struct></value></param></params></methodCall>",
            "<methodCall><methodName>a.b</methodName><params><param><value><int>99999999999999999999</int></value></param></params></methodCall>",
            "<methodCall><methodName>a.b</methodName><params><param><value><dateTime.iso8601>2026</dateTime.iso8601></value></param></params></methodCall>",
            "<methodCall><methodName>a.b</methodName></methodCall><methodCall/>",
            "<methodCall><methodName>a<b/></methodName></methodCall>");
        for (String doc : bad) {
            assertThatThrownBy(() -> call(doc)).as(doc).isInstanceOf(XmlRpcFormatException.class);
        }
    }

    @Test
    void randomGarbageNeverEscapesAsAnythingButAFormatException() {
        Random rnd = new Random(7);
        String valid = XmlRpcWriter.methodCallString("supervisor.startProcess",
            List.of("foo", true, List.of(1, 2.5, java.util.Map.of("k", "v"))));
        for (int i = 0; i < 3000; i++) {
            byte[] doc = valid.getBytes(StandardCharsets.UTF_8);
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int pos = rnd.nextInt(doc.length);
                doc[pos] = (byte) rnd.nextInt(256);
            }
            try {
                XmlRpcReader.parseCall(new ByteArrayInputStream(doc), XmlRpcLimits.SERVER);
            } catch (XmlRpcFormatException expected) {
                // fine: malformed input is reported as such
            }
        }
    }
}
