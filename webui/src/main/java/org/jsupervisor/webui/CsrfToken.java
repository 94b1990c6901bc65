package org.jsupervisor.webui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

import org.eclipse.jetty.http.HttpFields;

/**
 * A per-daemon secret that the web UI sends back in the {@value #HEADER} header of every
 * XML-RPC POST, so that another web site cannot drive the daemon through a visitor's browser
 * (Supervisor's own UI acts on plain GET links, its issue #19).
 *
 * <p>The control plane creates one instance when the daemon starts ({@link #random()}) and
 * hands the same instance to {@link WebUiHandler} (which embeds it in the pages it serves) and
 * to its {@code /RPC2} handler (which checks it with {@link #permits(HttpFields)} or
 * {@link #matches(String)}). The token lives only in memory: a restarted daemon gets a new one
 * and open pages must be reloaded.
 *
 * <p>Immutable and thread-safe.
 */
public final class CsrfToken {

    /** Request header that carries the token. */
    public static final String HEADER = "X-CSRF-Token";

    /** 256 bits: far beyond guessing, short enough for a header. */
    private static final int BYTES = 32;

    private final String value;
    private final byte[] valueBytes;

    private CsrfToken(String value) {
        this.value = value;
        this.valueBytes = value.getBytes(StandardCharsets.US_ASCII);
    }

    /** A fresh token from {@link SecureRandom}. */
    public static CsrfToken random() {
        return random(new SecureRandom());
    }

    /** A fresh token from the given generator (tests may pass a seeded one). */
    public static CsrfToken random(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new CsrfToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * The token's text: URL-safe base64 without padding, so it needs no escaping in HTML
     * attributes, headers or URLs.
     */
    public String value() {
        return value;
    }

    /**
     * Whether {@code candidate} is this token. Compares in time that does not depend on how many
     * leading characters match, so a remote client cannot learn the token piece by piece.
     *
     * @param candidate the header value a client sent, or {@code null} when it sent none
     */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(valueBytes, candidate.trim().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether a request with these headers looks like it came from a web browser. Browsers add
     * {@code Origin} to every cross-site POST (and to same-site fetch POSTs), and recent ones add
     * {@code Sec-Fetch-*} headers to every request; page scripts cannot remove either. Command
     * line and library clients (supervisorctl, Python's xmlrpc.client) send neither.
     */
    public static boolean isBrowserRequest(HttpFields headers) {
        Objects.requireNonNull(headers, "headers");
        return headers.contains("Origin")
                || headers.contains("Sec-Fetch-Site")
                || headers.contains("Sec-Fetch-Mode")
                || headers.contains("Sec-Fetch-Dest");
    }

    /**
     * The check the control plane applies to a state-changing request such as a POST to
     * {@code /RPC2}: requests from non-browser clients pass; browser requests pass only with
     * this token in the {@value #HEADER} header.
     */
    public boolean permits(HttpFields headers) {
        return !isBrowserRequest(headers) || matches(headers.get(HEADER));
    }

    /** Never reveals the secret (tokens end up in log lines through string concatenation). */
    @Override
    public String toString() {
        return "CsrfToken[redacted]";
    }
}
