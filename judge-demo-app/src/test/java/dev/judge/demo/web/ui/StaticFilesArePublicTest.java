package dev.judge.demo.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.demo.support.EmbeddedServerTest;
import dev.judge.demo.support.ServerSupport;
import org.junit.jupiter.api.Test;

/**
 * The web page loads before anyone has logged in: its HTML, scripts, styles and libraries are served without
 * a token by the server's own security configuration (no test override here).
 */
@EmbeddedServerTest
class StaticFilesArePublicTest extends ServerSupport {

    @Test
    void pageScriptsStylesAndLibrariesNeedNoLogin() {
        assertServed("/", "text/html");
        assertServed("/index.html", "text/html");
        assertServed("/app/app.js", "javascript");
        assertServed("/app/app.css", "text/css");
        assertServed("/webjars/codemirror/lib/codemirror.js", "javascript");
        assertServed("/webjars/marked/lib/marked.umd.js", "javascript");
        assertServed("/webjars/dompurify/dist/purify.min.js", "javascript");
    }

    @Test
    void theApiStillNeedsLogin() {
        assertThat(get("/api/v1/problems", null).status()).isEqualTo(401);
    }

    private void assertServed(String path, String type) {
        Response r = get(path, null);
        assertThat(r.status()).as("GET %s without a token: %s", path, r.body()).isEqualTo(200);
        assertThat(r.contentType()).as("Content-Type of %s", path).contains(type);
    }
}
