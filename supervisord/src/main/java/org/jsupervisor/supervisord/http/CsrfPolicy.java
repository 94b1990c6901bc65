package org.jsupervisor.supervisord.http;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Decides whether a POST to {@code /RPC2} could have been forged by another web site.
 *
 * <p>Supervisor accepts any POST, so a page the admin visits can drive the daemon with a
 * plain HTML form. We refuse, unless they carry the web UI's {@code X-CSRF-Token}:
 * <ul>
 *   <li>bodies of a type an HTML form can send without a CORS preflight
 *       ({@code application/x-www-form-urlencoded}, {@code multipart/form-data},
 *       {@code text/plain});</li>
 *   <li>requests a browser marks as coming from a web page: an {@code Origin} header, or
 *       {@code Sec-Fetch-Site} other than {@code same-origin}/{@code none}.</li>
 * </ul>
 * Scripted clients (Python's {@code xmlrpc.client}, supervisorctl, curl with
 * {@code -H 'Content-Type: text/xml'}) send none of these and pass untouched. Stateless
 * and thread-safe.
 */
public final class CsrfPolicy {
    public static final String TOKEN_HEADER = "X-CSRF-Token";
    private static final Set<String> FORM_TYPES =
            Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

    private final Predicate<String> tokenCheck;

    /**
     * @param tokenCheck tells whether an {@code X-CSRF-Token} value (null when absent) is the
     *                   daemon's UI token (the web UI's {@code CsrfToken::matches})
     */
    public CsrfPolicy(Predicate<String> tokenCheck) {
        this.tokenCheck = tokenCheck;
    }

    /** Returns why the request is refused, or empty if it may proceed. */
    public Optional<String> refusal(HttpFields headers) {
        boolean formType = isFormType(headers.get(HttpHeader.CONTENT_TYPE));
        boolean fromBrowserPage = headers.contains(HttpHeader.ORIGIN) || isForeignFetch(headers.get("Sec-Fetch-Site"));
        if (!formType && !fromBrowserPage) {
            return Optional.empty();
        }
        if (hasValidToken(headers.get(TOKEN_HEADER))) {
            return Optional.empty();
        }
        return Optional.of(formType
                ? "XML-RPC requests must be sent as text/xml"
                : "browser requests to /RPC2 need a valid " + TOKEN_HEADER + " header");
    }

    private static boolean isFormType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return FORM_TYPES.contains(media);
    }

    private static boolean isForeignFetch(String secFetchSite) {
        if (secFetchSite == null) {
            return false;
        }
        String v = secFetchSite.trim().toLowerCase(Locale.ROOT);
        return !v.equals("same-origin") && !v.equals("none");
    }

    private boolean hasValidToken(String offered) {
        return offered != null && tokenCheck.test(offered);
    }
}
