package org.jsupervisor.supervisord.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The one user name and password an HTTP server section accepts. The stored password is
 * either plain text or {@code {SHA}} followed by the hex SHA-1 of the password, as in
 * Supervisor. Comparisons take the same time whatever the position of the first
 * differing byte, so that response timing does not leak the secret.
 */
public final class Credentials {
    private static final String SHA_PREFIX = "{SHA}";

    private final byte[] username;
    private final byte[] storedSecret;
    private final boolean sha;

    public Credentials(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        this.username = username.getBytes(StandardCharsets.UTF_8);
        this.sha = password.startsWith(SHA_PREFIX);
        // Hex digits are compared case-insensitively (Supervisor only matches lower case;
        // accepting upper case as well cannot let a wrong password in).
        this.storedSecret = sha
                ? password.substring(SHA_PREFIX.length()).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII)
                : password.getBytes(StandardCharsets.UTF_8);
    }

    /** True when both the user name and the password match. */
    public boolean accepts(String user, String password) {
        byte[] offered = sha
                ? sha1Hex(password).getBytes(StandardCharsets.US_ASCII)
                : password.getBytes(StandardCharsets.UTF_8);
        // Evaluate both comparisons unconditionally: no short cut on a wrong user name.
        boolean userOk = MessageDigest.isEqual(username, user.getBytes(StandardCharsets.UTF_8));
        boolean passOk = MessageDigest.isEqual(storedSecret, offered);
        return userOk & passOk;
    }

    static String sha1Hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }
}
