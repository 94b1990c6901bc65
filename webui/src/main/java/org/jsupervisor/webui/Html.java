package org.jsupervisor.webui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for the few values the server writes into the pages. Stateless. */
final class Html {
    private Html() {
    }

    /**
     * Escapes text for an element's content or a quoted attribute value. Control characters
     * other than tab, newline and carriage return become U+FFFD: HTML forbids most of them,
     * and a text browser would pass an escape sequence from a process's output straight to
     * the reader's terminal.
     */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\t', '\n', '\r' -> b.append(c);
                default -> b.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /** A query-string value, percent-encoded (spaces as {@code %20}); escape it again for HTML. */
    static String queryValue(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A path segment ({@code logtail/NAME}), percent-encoded. */
    static String pathSegment(String s) {
        return queryValue(s);
    }
}
