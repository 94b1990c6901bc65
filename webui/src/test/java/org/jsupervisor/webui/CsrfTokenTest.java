package org.jsupervisor.webui;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

class CsrfTokenTest {

    @Test
    void tokensAreRandomLongAndSafeInHtmlAndHeaders() {
        CsrfToken a = CsrfToken.random();
        CsrfToken b = CsrfToken.random();
        assertThat(a.value()).isNotEqualTo(b.value()).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void matchesOnlyItsOwnValue() {
        CsrfToken t = CsrfToken.random();
        assertThat(t.matches(t.value())).isTrue();
        assertThat(t.matches(null)).isFalse();
        assertThat(t.matches("")).isFalse();
        assertThat(t.matches(t.value().substring(1))).isFalse();
        assertThat(t.matches(t.value() + "x")).isFalse();
        assertThat(t.matches(CsrfToken.random().value())).isFalse();
    }

    @Test
    void neverShowsItsValueInToString() {
        CsrfToken t = CsrfToken.random();
        assertThat(t.toString()).doesNotContain(t.value());
    }

    @Test
    void letsNonBrowserClientsThroughAndBrowsersOnlyWithTheToken() {
        CsrfToken t = CsrfToken.random();
        HttpFields python = HttpFields.build().put("User-Agent", "Python-xmlrpc/3.11").put("Content-Type", "text/xml");
        assertThat(CsrfToken.isBrowserRequest(python)).isFalse();
        assertThat(t.permits(python)).isTrue();

        HttpFields forged = HttpFields.build().put("Origin", "https://evil.example").put("Content-Type", "text/plain");
        assertThat(t.permits(forged)).isFalse();

        HttpFields wrong = HttpFields.build().put("Sec-Fetch-Site", "same-origin").put(CsrfToken.HEADER, "nope");
        assertThat(t.permits(wrong)).isFalse();

        HttpFields page = HttpFields.build().put("Origin", "http://host:9001").put(CsrfToken.HEADER, t.value());
        assertThat(t.permits(page)).isTrue();
    }
}
