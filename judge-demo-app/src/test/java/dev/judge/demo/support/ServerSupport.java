package dev.judge.demo.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Talks to the server under test over real HTTP with {@link HttpClient}. */
public abstract class ServerSupport {
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    static final String ADMIN_PASSWORD_PROPERTY = "judge.demo.admin-password=" + ADMIN_PASSWORD;
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    /** A response, its body kept as bytes. */
    public record Response(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body(), e);
            }
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        /** Asserts an RFC 9457 Problem Details body with this status, and returns it. */
        public JsonNode problem(int expectedStatus) {
            assertThat(status).as("status of %s", body()).isEqualTo(expectedStatus);
            assertThat(contentType()).startsWith("application/problem+json");
            JsonNode p = json();
            assertThat(p.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(p.path("title").asText()).isNotBlank();
            return p;
        }
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    protected HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    protected Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    protected Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    protected Response postJson(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected Response putJson(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected Response putZip(String path, String token, byte[] zip) {
        return send(request(path, token).header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zip)));
    }

    /** Sends the archive as the multipart part {@code file}, as a browser form or {@code curl -F} does. */
    protected Response putMultipart(String path, String token, byte[] zip) {
        return sendMultipart("PUT", path, token, "tests.zip", zip);
    }

    /** Sends {@code zip} by {@code method} as the multipart part {@code file} named {@code fileName}. */
    protected Response sendMultipart(String method, String path, String token, String fileName, byte[] zip) {
        String boundary = "----judge" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/zip\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(zip);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    protected static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    protected String login(String username, String password) {
        Response r = postJson("/api/v1/auth/login", null, json(Map.of("username", username, "password", password)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("accessToken").asText();
    }

    protected String adminToken() {
        return login("admin", ADMIN_PASSWORD);
    }

    /** Registers a fresh USER account and returns its access token. */
    protected String userToken() {
        String name = "user-" + UUID.randomUUID().toString().substring(0, 8);
        Response r = postJson("/api/v1/auth/register", null, json(Map.of("username", name, "password", "secret-pass-1")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return login(name, "secret-pass-1");
    }

    /** Creates a problem as the administrator and returns its id. */
    protected long createProblem(String admin, String title) {
        Response r = postJson("/api/v1/problems", admin, json(Map.of("title", title, "statement", "Add two numbers.")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    /** Polls a submission until it is FINISHED with its finish time stored, for at most a minute. */
    protected JsonNode awaitFinished(String id, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Response r = get("/api/v1/submissions/" + id, token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode n = r.json();
            if (n.path("status").asText().equals("FINISHED") && !n.path("finishedAt").isNull()) {
                return n;
            }
            assertThat(System.nanoTime()).as("submission %s still %s", id, n.path("status").asText())
                    .isLessThan(deadline);
            pause();
        }
    }

    /** A request to the Judge0-compatible API, with {@code X-Auth-Token: token} unless it is null. */
    protected Response judge0(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/judge0" + path)).header("Accept", "application/json");
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b);
    }

    /** Polls a Judge0 submission until its status is past Processing, as Judge0's clients do, for at most a minute. */
    protected JsonNode awaitJudge0(String submission, String query, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Response r = judge0("GET", "/submissions/" + submission + query, null, token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode n = r.json();
            if (n.path("status").path("id").asInt() > 2) {
                return n;
            }
            assertThat(System.nanoTime()).as("still %s", n).isLessThan(deadline);
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
