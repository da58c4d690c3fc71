package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.demo.support.ServerSupport;
import java.net.http.HttpRequest;
import java.util.Map;

/** Package imports over HTTP: the zip as the body or a multipart part, submissions judged to the end. */
abstract class PackageImportSupport extends ServerSupport {

    protected Response postZip(String path, String token, byte[] zip) {
        return send(request(path, token).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
    }

    protected Response postMultipart(String path, String token, byte[] zip) {
        return sendMultipart("POST", path, token, "p.zip", zip);
    }

    protected String submit(String token, long problem, String source) {
        return submit(token, problem, "c", source);
    }

    protected String submit(String token, long problem, String languageId, String source) {
        Response r = postJson("/api/v1/submissions", token,
                json(Map.of("problemId", problem, "languageId", languageId, "source", source)));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().path("id").asText();
    }
}
