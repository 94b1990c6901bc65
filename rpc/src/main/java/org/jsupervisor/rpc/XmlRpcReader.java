package org.jsupervisor.rpc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XML-RPC method calls and responses from untrusted bytes, on the JDK's StAX parser
 * with DTDs refused (so no entity of any kind beyond the five predefined ones and character
 * references), no external access, and bounded size and nesting.
 *
 * <p>XML-RPC to Java: int, i4, i1, i2, i8, biginteger → Integer (Long when the value needs
 * 64 bits); boolean ({@code 0}/{@code 1}) → Boolean; string, or a {@code <value>} with no
 * type element → String; double, float → Double; base64 → byte[]; dateTime.iso8601 →
 * {@link LocalDateTime}; struct → {@code Map<String,Object>} in document order (a repeated
 * name keeps its first position and its last value, as a Python dict does); array →
 * {@code List<Object>}; {@code <nil/>} → null. Namespace prefixes on type names are ignored
 * ({@code <ex:nil/>}), as Python's reader ignores them.
 *
 * <p>Stateless and thread-safe; every call builds its own parser.
 */
public final class XmlRpcReader {

    private final XMLStreamReader r;
    private final XmlRpcLimits limits;

    private XmlRpcReader(XMLStreamReader r, XmlRpcLimits limits) {
        this.r = r;
        this.limits = limits;
    }

    /** Parses a {@code <methodCall>}. */
    public static MethodCall parseCall(byte[] doc, XmlRpcLimits limits) throws XmlRpcFormatException {
        checkSize(doc.length, limits);
        return parseCall(new ByteArrayInputStream(doc), limits);
    }

    /** Parses a {@code <methodCall>} read from {@code in} (not closed here). */
    public static MethodCall parseCall(InputStream in, XmlRpcLimits limits) throws XmlRpcFormatException {
        Scalars.BoundedStream bounded = new Scalars.BoundedStream(in, limits.maxBytes());
        XMLStreamReader xr = open(bounded);
        try {
            return new XmlRpcReader(xr, limits).methodCall();
        } catch (XMLStreamException | RuntimeException e) {
            throw translate(e, bounded, limits);
        } finally {
            closeQuietly(xr);
        }
    }

    /**
     * Parses a {@code <methodResponse>}: returns its value, or throws the fault it carries.
     *
     * @throws RpcFault when the response is a fault
     */
    public static Object parseResponse(byte[] doc, XmlRpcLimits limits) throws XmlRpcFormatException {
        checkSize(doc.length, limits);
        return parseResponse(new ByteArrayInputStream(doc), limits);
    }

    /** As {@link #parseResponse(byte[], XmlRpcLimits)}, reading from {@code in} (not closed here). */
    public static Object parseResponse(InputStream in, XmlRpcLimits limits) throws XmlRpcFormatException {
        Scalars.BoundedStream bounded = new Scalars.BoundedStream(in, limits.maxBytes());
        XMLStreamReader xr = open(bounded);
        Object result;
        try {
            result = new XmlRpcReader(xr, limits).methodResponse();
        } catch (XMLStreamException | RuntimeException e) {
            throw translate(e, bounded, limits);
        } finally {
            closeQuietly(xr);
        }
        if (result instanceof FaultMarker) {
            FaultMarker f = (FaultMarker) result;
            throw RpcFault.of(f.code, f.string);
        }
        return result;
    }

    private static final class FaultMarker {
        final int code;
        final String string;

        FaultMarker(int code, String string) {
            this.code = code;
            this.string = string;
        }
    }

    // ---- parser set-up ------------------------------------------------------------------

    private static XMLStreamReader open(InputStream in) throws XmlRpcFormatException {
        // newDefaultFactory: the JDK's own implementation, without a service-loader search.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resources are not allowed");
        });
        try {
            return f.createXMLStreamReader(in);
        } catch (XMLStreamException | RuntimeException e) {
            throw new XmlRpcFormatException("not an XML document: " + e.getMessage(), e);
        }
    }

    private static void checkSize(long n, XmlRpcLimits limits) throws XmlRpcFormatException {
        if (n > limits.maxBytes()) {
            throw new XmlRpcFormatException("document larger than " + limits.maxBytes() + " bytes");
        }
    }

    private static XmlRpcFormatException translate(Exception e, Scalars.BoundedStream in, XmlRpcLimits limits) {
        if (in.exceeded) {
            return new XmlRpcFormatException("document larger than " + limits.maxBytes() + " bytes", e);
        }
        if (e instanceof FormatError) {
            return new XmlRpcFormatException(e.getMessage());
        }
        return new XmlRpcFormatException("malformed XML-RPC document: " + e.getMessage(), e);
    }

    private static void closeQuietly(XMLStreamReader xr) {
        try {
            xr.close();
        } catch (XMLStreamException ignored) {
            // nothing held that matters
        }
    }

    // ---- grammar ------------------------------------------------------------------------

    private MethodCall methodCall() throws XMLStreamException {
        expectRoot("methodCall");
        String name = null;
        List<Object> params = null;
        while (nextTag() == XMLStreamConstants.START_ELEMENT) {
            String tag = tag();
            if (tag.equals("methodName") && name == null) {
                name = leafText();
            } else if (tag.equals("params") && params == null) {
                params = params();
            } else {
                throw new FormatError("unexpected <" + tag + "> in <methodCall>");
            }
        }
        expectEnd();
        if (name == null) {
            throw new FormatError("no <methodName>");
        }
        return new MethodCall(name, params == null ? new ArrayList<>() : params);
    }

    private Object methodResponse() throws XMLStreamException {
        expectRoot("methodResponse");
        if (nextTag() != XMLStreamConstants.START_ELEMENT) {
            throw new FormatError("empty <methodResponse>");
        }
        Object result;
        String tag = tag();
        if (tag.equals("params")) {
            List<Object> params = params();
            if (params.size() != 1) {
                throw new FormatError("a response must carry exactly one <param>, not " + params.size());
            }
            result = params.get(0);
        } else if (tag.equals("fault")) {
            result = fault();
        } else {
            throw new FormatError("unexpected <" + tag + "> in <methodResponse>");
        }
        if (nextTag() != XMLStreamConstants.END_ELEMENT) {
            throw new FormatError("unexpected <" + tag() + "> in <methodResponse>");
        }
        expectEnd();
        return result;
    }

    private FaultMarker fault() throws XMLStreamException {
        if (nextTag() != XMLStreamConstants.START_ELEMENT || !tag().equals("value")) {
            throw new FormatError("<fault> must hold a <value>");
        }
        Object v = value(0);
        if (nextTag() != XMLStreamConstants.END_ELEMENT) {
            throw new FormatError("unexpected <" + tag() + "> in <fault>");
        }
        if (!(v instanceof Map)) {
            throw new FormatError("<fault> value is not a struct");
        }
        Map<?, ?> m = (Map<?, ?>) v;
        Object code = m.get("faultCode");
        Object string = m.get("faultString");
        if (!(code instanceof Integer) || !(string instanceof String) || m.size() != 2) {
            throw new FormatError("<fault> struct must be {faultCode: int, faultString: string}");
        }
        return new FaultMarker((Integer) code, (String) string);
    }

    private List<Object> params() throws XMLStreamException {
        List<Object> out = new ArrayList<>();
        while (nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (!tag().equals("param")) {
                throw new FormatError("unexpected <" + tag() + "> in <params>");
            }
            if (nextTag() != XMLStreamConstants.START_ELEMENT || !tag().equals("value")) {
                throw new FormatError("<param> must hold a <value>");
            }
            out.add(value(0));
            if (nextTag() != XMLStreamConstants.END_ELEMENT) {
                throw new FormatError("<param> must hold exactly one <value>");
            }
        }
        return out;
    }

    /** At the start of a {@code <value>}; returns after its end tag. */
    private Object value(int depth) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        Object typed = null;
        boolean haveTyped = false;
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    if (!haveTyped) {
                        text.append(r.getText());
                    }
                    break;
                case XMLStreamConstants.COMMENT:
                case XMLStreamConstants.PROCESSING_INSTRUCTION:
                    break;
                case XMLStreamConstants.START_ELEMENT:
                    if (haveTyped) {
                        throw new FormatError("<value> holds more than one element");
                    }
                    typed = typed(tag(), depth);
                    haveTyped = true;
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    // Text beside a type element is ignored, as both Python readers ignore it.
                    return haveTyped ? typed : text.toString();
                default:
                    throw unexpectedEvent(ev);
            }
        }
    }

    private Object typed(String type, int depth) throws XMLStreamException {
        switch (type) {
            case "string":
                return leafText();
            case "int":
            case "i4":
            case "i1":
            case "i2":
            case "i8":
            case "biginteger":
                return Scalars.parseInt(leafText());
            case "boolean": {
                String t = leafText().strip();
                if (t.equals("1")) {
                    return Boolean.TRUE;
                } else if (t.equals("0")) {
                    return Boolean.FALSE;
                }
                throw new FormatError("bad boolean value: " + Scalars.abbreviate(t));
            }
            case "double":
            case "float":
                return Scalars.parseDouble(leafText());
            case "base64":
                try {
                    return Base64.getMimeDecoder().decode(leafText());
                } catch (IllegalArgumentException e) {
                    throw new FormatError("bad base64 value: " + e.getMessage());
                }
            case "dateTime.iso8601":
                return Scalars.parseDateTime(leafText());
            case "nil":
                if (!leafText().isBlank()) {
                    throw new FormatError("<nil/> must be empty");
                }
                return null;
            case "array":
                return array(depth + 1);
            case "struct":
                return struct(depth + 1);
            default:
                throw new FormatError("unknown value type <" + Scalars.abbreviate(type) + ">");
        }
    }

    private List<Object> array(int depth) throws XMLStreamException {
        checkDepth(depth);
        List<Object> out = new ArrayList<>();
        if (nextTag() == XMLStreamConstants.END_ELEMENT) {
            return out; // <array/>, which Python's client accepts
        }
        if (!tag().equals("data")) {
            throw new FormatError("unexpected <" + tag() + "> in <array>");
        }
        while (nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (!tag().equals("value")) {
                throw new FormatError("unexpected <" + tag() + "> in <data>");
            }
            out.add(value(depth));
        }
        if (nextTag() != XMLStreamConstants.END_ELEMENT) {
            throw new FormatError("<array> must hold one <data>");
        }
        return out;
    }

    private Map<String, Object> struct(int depth) throws XMLStreamException {
        checkDepth(depth);
        Map<String, Object> out = new LinkedHashMap<>();
        while (nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (!tag().equals("member")) {
                throw new FormatError("unexpected <" + tag() + "> in <struct>");
            }
            String name = null;
            Object value = null;
            boolean haveValue = false;
            while (nextTag() == XMLStreamConstants.START_ELEMENT) {
                String t = tag();
                if (t.equals("name") && name == null) {
                    name = leafText();
                } else if (t.equals("value") && !haveValue) {
                    value = value(depth);
                    haveValue = true;
                } else {
                    throw new FormatError("unexpected <" + t + "> in <member>");
                }
            }
            if (name == null || !haveValue) {
                throw new FormatError("<member> needs a <name> and a <value>");
            }
            out.put(name, value);
        }
        return out;
    }

    // ---- StAX helpers -------------------------------------------------------------------

    private void checkDepth(int depth) {
        if (depth > limits.maxDepth()) {
            throw new FormatError("values nested deeper than " + limits.maxDepth() + " levels");
        }
    }

    private String tag() {
        String name = r.getLocalName();
        int colon = name.lastIndexOf(':');
        return colon >= 0 ? name.substring(colon + 1) : name;
    }

    private void expectRoot(String root) throws XMLStreamException {
        if (nextTag() != XMLStreamConstants.START_ELEMENT || !tag().equals(root)) {
            throw new FormatError("not an XML-RPC <" + root + ">");
        }
    }

    /** After the root's end tag: only comments, PIs and whitespace may follow. */
    private void expectEnd() throws XMLStreamException {
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.END_DOCUMENT) {
                return;
            }
            if (!skippable(ev)) {
                throw unexpectedEvent(ev);
            }
        }
    }

    /** The next start or end tag, skipping whitespace, comments and PIs. */
    private int nextTag() throws XMLStreamException {
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT || ev == XMLStreamConstants.END_ELEMENT) {
                return ev;
            }
            if (!skippable(ev)) {
                throw unexpectedEvent(ev);
            }
        }
    }

    private boolean skippable(int ev) {
        switch (ev) {
            case XMLStreamConstants.START_DOCUMENT:
            case XMLStreamConstants.COMMENT:
            case XMLStreamConstants.PROCESSING_INSTRUCTION:
            case XMLStreamConstants.SPACE:
                return true;
            case XMLStreamConstants.CHARACTERS:
                return r.isWhiteSpace();
            default:
                return false;
        }
    }

    /** The text of an element that must not contain elements; returns after its end tag. */
    private String leafText() throws XMLStreamException {
        StringBuilder sb = null;
        String single = "";
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    if (sb == null && single.isEmpty()) {
                        single = r.getText();
                    } else {
                        if (sb == null) {
                            sb = new StringBuilder(single);
                        }
                        sb.append(r.getText());
                    }
                    break;
                case XMLStreamConstants.COMMENT:
                case XMLStreamConstants.PROCESSING_INSTRUCTION:
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    return sb == null ? single : sb.toString();
                case XMLStreamConstants.START_ELEMENT:
                    throw new FormatError("unexpected <" + tag() + "> inside a scalar value");
                default:
                    throw unexpectedEvent(ev);
            }
        }
    }

    private RuntimeException unexpectedEvent(int ev) {
        switch (ev) {
            case XMLStreamConstants.DTD:
                return new FormatError("DTDs are not allowed");
            case XMLStreamConstants.ENTITY_REFERENCE:
                return new FormatError("entity references are not allowed: &" + r.getLocalName() + ";");
            case XMLStreamConstants.CHARACTERS:
                return new FormatError("unexpected text: " + Scalars.abbreviate(r.getText().strip()));
            case XMLStreamConstants.END_DOCUMENT:
                return new FormatError("document ends early");
            default:
                return new FormatError("unexpected XML event " + ev);
        }
    }

}
