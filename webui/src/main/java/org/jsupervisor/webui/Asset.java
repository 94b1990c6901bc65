package org.jsupervisor.webui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * One file the web UI serves, held in memory: its bytes, content type and a strong entity tag.
 * The UI is a few tens of kilobytes, so reading it once at start-up beats touching the jar on
 * every request. Immutable.
 */
record Asset(byte[] bytes, String contentType, String etag) {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "txt", "text/plain;charset=utf-8");

    /** Builds an asset from bytes; the type comes from the file name's extension. */
    static Asset of(String fileName, byte[] bytes) {
        String ext = fileName.substring(fileName.lastIndexOf('.') + 1);
        String type = TYPES.get(ext);
        if (type == null) {
            throw new IllegalArgumentException("no content type for " + fileName);
        }
        return new Asset(bytes, type, '"' + sha256(bytes).substring(0, 20) + '"');
    }

    /** Reads a resource next to this class, failing loudly when the jar lacks it. */
    static byte[] load(String resource) {
        try (InputStream in = Asset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("web UI resource missing from the jar: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read web UI resource " + resource, e);
        }
    }

    static String loadText(String resource) {
        return new String(load(resource), StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
