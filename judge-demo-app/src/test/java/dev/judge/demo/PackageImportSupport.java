package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.demo.support.ServerSupport;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Package imports over HTTP: the zip as the body or a multipart part, submissions judged to the end. */
abstract class PackageImportSupport extends ServerSupport {

    protected Response postZip(String path, String token, byte[] zip) {
        return send(request(path, token).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
    }

    protected Response postMultipart(String path, String token, byte[] zip) {
        String boundary = "----judge" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(zip);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
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
