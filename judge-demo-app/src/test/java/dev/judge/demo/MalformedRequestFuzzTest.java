package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.judge.demo.support.DefaultSecurityServerTest;
import dev.judge.demo.support.ServerSupport;
import dev.judge.demo.support.Zips;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * A seeded flood of malformed requests over every endpoint of both APIs and every role: mutated and truncated
 * JSON, values of the wrong type, broken encodings, odd or lying content types, broken multipart bodies and odd
 * query parameters. None may answer 5xx, and the server must answer normally afterwards. A failure prints the
 * seed ({@code -Djudge.fuzz.seed=N} replays it) and the requests that failed.
 */
@DefaultSecurityServerTest
class MalformedRequestFuzzTest extends ServerSupport {
    private static final int REQUESTS = 3000;
    private static final Duration TIME_BUDGET = Duration.ofSeconds(45);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "application/json",
            "application/json; charset=UTF-16", "application/json; charset=bogus", "text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=",
            "multipart/form-data; boundary=fuzz", "multipart/form-data; boundary=\"unterminated",
            "multipart/mixed; boundary=fuzz", "application/zip", "application/octet-stream", "*/*", "garbage///",
            "application/problem+json", "application/json; boundary=fuzz", ""};
    private static final String[] ACCEPTS = {"application/json", "*/*", "application/xml", "text/html",
            "text/event-stream", "application/problem+json", "nonsense/", null};
    private static final String[] QUERIES = {"", "", "", "?base64_encoded=true", "?base64_encoded=maybe",
            "?wait=true", "?wait=2", "?fields=*", "?fields=%25%25%2C%2C", "?fields=stdout,nonsense",
            "?page=-5&size=abc", "?page=99999999999999999999", "?size=0", "?tokens=", "?tokens=a,b,%20,c",
            "?hidden=perhaps", "?invalidate_cache=x", "?per_page=-1", "?problemId=x&verdict=ZZ", "?languageId=%00",
            "?base64_encoded=true&fields=*&wait=true", "?a=%E2%82", "?%5B%5D=1"};

    private enum Role { ANONYMOUS, USER, ADMIN, JUDGE0 }

    /** An endpoint: method, path (with the ids this run owns filled in) and a valid body to start from. */
    private record Endpoint(String method, String path, String body, boolean judge0) {
    }

    @Value("${judge.demo.data-dir}")
    Path dataDir;

    @Test
    void noMalformedRequestAnswers5xxAndTheServerLivesOn() throws IOException {
        long seed = Long.getLong("judge.fuzz.seed", 0x16L);
        Random random = new Random(seed);
        String admin = adminToken();
        String user = userToken();
        Path tokenFile = dataDir.resolve("judge0-token");
        String judge0Token = Files.exists(tokenFile) ? Files.readString(tokenFile).trim() : "no-token-file";
        long problem = createProblem(admin, "fuzz target");
        long freshUser = freshUserId(admin);
        List<Endpoint> endpoints = endpoints(problem, freshUser);

        List<String> failures = new ArrayList<>();
        int sent = 0;
        int dropped = 0;
        long deadline = System.nanoTime() + TIME_BUDGET.toNanos();
        while (sent < REQUESTS && System.nanoTime() < deadline) {
            Endpoint e = endpoints.get(random.nextInt(endpoints.size()));
            Role role = Role.values()[random.nextInt(Role.values().length)];
            String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            byte[] body = body(random, e.body(), contentType);
            String query = QUERIES[random.nextInt(QUERIES.length)];
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(e.path() + query)).timeout(Duration.ofSeconds(30))
                    .method(e.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (!contentType.isEmpty() && body != null) {
                b.header("Content-Type", contentType);
            }
            String accept = ACCEPTS[random.nextInt(ACCEPTS.length)];
            if (accept != null) {
                b.header("Accept", accept);
            }
            switch (role) {
                case USER -> b.header("Authorization", "Bearer " + user);
                case ADMIN -> b.header("Authorization", "Bearer " + admin);
                case JUDGE0 -> b.header("X-Auth-Token", judge0Token);
                case ANONYMOUS -> { }
            }
            sent++;
            try {
                HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() >= 500) {
                    failures.add(r.statusCode() + " " + e.method() + " " + e.path() + query + " as " + role
                            + " [" + contentType + "] " + preview(body) + " -> "
                            + preview(r.body()));
                }
            } catch (IOException io) {
                dropped++; // a connection the server closed on a broken request is an answer, not a crash
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ie);
            }
        }

        assertThat(sent).as("requests sent within %s", TIME_BUDGET).isGreaterThanOrEqualTo(REQUESTS / 2);
        assertThat(dropped).as("connections dropped").isLessThan(sent / 10);
        assertThat(failures).as("5xx answers of %d requests, seed %d (first ones): %s", sent, seed,
                failures.subList(0, Math.min(10, failures.size()))).isEmpty();
        Response alive = get("/api/v1/languages", user);
        assertThat(alive.status()).isEqualTo(200);
        Response judge0Alive = send(HttpRequest.newBuilder(uri("/judge0/statuses")).header("X-Auth-Token",
                judge0Token).GET());
        assertThat(judge0Alive.status()).isEqualTo(200);
        assertThat(postJson("/api/v1/problems", admin, json(java.util.Map.of("title", "after", "statement", "s")))
                .status()).isEqualTo(201);
    }

    private long freshUserId(String admin) {
        String name = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        Response r = postJson("/api/v1/auth/register", null, json(java.util.Map.of("username", name, "password",
                "secret-pass-1")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    /**
     * Every endpoint of both APIs. Paths that change state name only what this test made (its problem, a fresh
     * account) or ids that cannot exist, so the flood never demotes the administrator or deletes another test's
     * data.
     */
    private static List<Endpoint> endpoints(long problem, long freshUser) {
        String p = "/api/v1/problems/" + problem;
        String j0 = "{\"source_code\":\"print(1)\",\"language_id\":71,\"stdin\":\"1 2\",\"expected_output\":\"3\","
                + "\"cpu_time_limit\":1,\"memory_limit\":128000,\"callback_url\":null}";
        String run = "{\"languageId\":\"no-such-language\",\"source\":\"x\",\"stdin\":\"\","
                + "\"limits\":{\"cpuTime\":\"1s\",\"memory\":\"64MB\",\"processes\":4}}";
        String problemBody = "{\"title\":\"t\",\"statement\":\"s\",\"limits\":{\"cpuTime\":\"1s\"},"
                + "\"comparator\":{\"type\":\"exact\"}}";
        String missing = "987654321";
        String token = UUID.randomUUID().toString();
        return List.of(
                new Endpoint("POST", "/api/v1/auth/register", "{\"username\":\"fz\",\"password\":\"secret-pass-1\"}",
                        false),
                new Endpoint("POST", "/api/v1/auth/login", "{\"username\":\"admin\",\"password\":\"wrong\"}", false),
                new Endpoint("GET", "/api/v1/auth/me", null, false),
                new Endpoint("POST", "/api/v1/auth/tokens", "{\"name\":\"fuzz\"}", false),
                new Endpoint("GET", "/api/v1/auth/tokens", null, false),
                new Endpoint("DELETE", "/api/v1/auth/tokens/" + missing, null, false),
                new Endpoint("DELETE", "/api/v1/auth/tokens/abc", null, false),
                new Endpoint("GET", "/api/v1/users", null, false),
                new Endpoint("PUT", "/api/v1/users/" + freshUser + "/role", "{\"role\":\"USER\"}", false),
                new Endpoint("PUT", "/api/v1/users/x/role", "{\"role\":\"ADMIN\"}", false),
                new Endpoint("GET", "/api/v1/problems", null, false),
                new Endpoint("POST", "/api/v1/problems", problemBody, false),
                new Endpoint("GET", p, null, false),
                new Endpoint("PUT", p, problemBody, false),
                new Endpoint("DELETE", "/api/v1/problems/" + missing, null, false),
                new Endpoint("PATCH", p, problemBody, false),
                new Endpoint("GET", p + "/tests", null, false),
                new Endpoint("PUT", p + "/tests", "ZIP", false),
                new Endpoint("PUT", p + "/tests/a", "{\"input\":\"1 2\",\"expectedOutput\":\"3\",\"weight\":1}", false),
                new Endpoint("GET", p + "/tests/a", null, false),
                new Endpoint("GET", p + "/tests/a/input", null, false),
                new Endpoint("GET", p + "/tests/a/output", null, false),
                new Endpoint("DELETE", p + "/tests/zz", null, false),
                new Endpoint("GET", p + "/stats", null, false),
                new Endpoint("GET", p + "/leaderboard", null, false),
                new Endpoint("POST", "/api/v1/runs", run, false),
                new Endpoint("POST", "/api/v1/runs/batch", "{\"runs\":[" + run + "," + run + "]}", false),
                new Endpoint("POST", "/api/v1/submissions", "{\"problemId\":" + problem
                        + ",\"languageId\":\"no-such-language\",\"source\":\"x\"}", false),
                new Endpoint("GET", "/api/v1/submissions", null, false),
                new Endpoint("GET", "/api/v1/submissions/" + missing, null, false),
                new Endpoint("POST", "/api/v1/submissions/" + missing + "/events", null, false),
                new Endpoint("GET", "/api/v1/languages", null, false),
                new Endpoint("POST", "/judge0/submissions", j0, true),
                new Endpoint("GET", "/judge0/submissions/" + token, null, true),
                new Endpoint("GET", "/judge0/submissions/" + "x".repeat(300), null, true),
                new Endpoint("DELETE", "/judge0/submissions/" + token, null, true),
                new Endpoint("POST", "/judge0/submissions/batch", "{\"submissions\":[" + j0 + "," + j0 + "]}", true),
                new Endpoint("GET", "/judge0/submissions/batch", null, true),
                new Endpoint("GET", "/judge0/languages", null, true),
                new Endpoint("GET", "/judge0/languages/all", null, true),
                new Endpoint("GET", "/judge0/languages/71", null, true),
                new Endpoint("GET", "/judge0/languages/x", null, true),
                new Endpoint("GET", "/judge0/statuses", null, true),
                new Endpoint("GET", "/judge0/about", null, true),
                new Endpoint("GET", "/judge0/version", null, true),
                new Endpoint("GET", "/judge0/config_info", null, true),
                new Endpoint("GET", "/judge0/system_info", null, true),
                new Endpoint("GET", "/judge0/workers", null, true),
                new Endpoint("GET", "/judge0/statistics", null, true));
    }

    // ---- bodies ----------------------------------------------------------------------------------------

    /** A body for the endpoint: usually its valid body, mutated; sometimes one fit for the content type. */
    private static byte[] body(Random random, String base, String contentType) {
        if (base == null && random.nextInt(3) > 0) {
            return null;
        }
        byte[] valid = "ZIP".equals(base) ? Zips.create().file("1.in", "1").file("1.out", "1").bytes()
                : (base == null ? "{}" : base).getBytes(StandardCharsets.UTF_8);
        if (contentType.startsWith("multipart/") && random.nextInt(4) > 0) {
            return multipart(random, valid);
        }
        return switch (random.nextInt(9)) {
            case 0 -> valid;
            case 1 -> flipBytes(random, valid);
            case 2 -> java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            case 3 -> wrongTypes(random, base);
            case 4 -> brokenEncoding(random, valid);
            case 5 -> randomBytes(random, 1 + random.nextInt(512));
            case 6 -> new byte[0];
            case 7 -> deepNesting(random);
            default -> multipart(random, valid);
        };
    }

    private static byte[] flipBytes(Random random, byte[] valid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(valid);
        byte[] b = out.toByteArray();
        for (int i = 0, n = 1 + random.nextInt(8); i < n && b.length > 0; i++) {
            String noise = "{}[]\",:\\0-e.tfn \u0000";
            b[random.nextInt(b.length)] = (byte) noise.charAt(random.nextInt(noise.length()));
        }
        return b;
    }

    /** The base body with one field set to a value of another type (or one more, unknown, field). */
    private static byte[] wrongTypes(Random random, String base) {
        JsonNode n;
        try {
            n = base == null || "ZIP".equals(base) ? JSON.createObjectNode() : JSON.readTree(base);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        if (!(n instanceof ObjectNode o)) {
            return randomBytes(random, 16);
        }
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        String field = names.isEmpty() || random.nextInt(5) == 0 ? "unexpected_" + random.nextInt(9)
                : names.get(random.nextInt(names.size()));
        o.set(field, oddValue(random));
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode oddValue(Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(14)) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(-1);
            case 2 -> f.numberNode(1e308);
            case 3 -> f.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 4 -> f.numberNode(0.5);
            case 5 -> f.textNode("x".repeat(random.nextInt(2000)));
            case 6 -> f.textNode("\ud800");
            case 7 -> f.textNode("%%%not base64");
            case 8 -> f.arrayNode().add(1).add("a");
            case 9 -> f.objectNode().put("nested", true);
            case 10 -> f.booleanNode(random.nextBoolean());
            case 11 -> f.textNode("NaN");
            case 12 -> f.textNode("-Infinity");
            default -> {
                ArrayNode a = f.arrayNode();
                for (int i = 0; i < 30; i++) {
                    a.add(f.objectNode().put("source_code", "x").put("language_id", i));
                }
                yield a;
            }
        };
    }

    private static byte[] brokenEncoding(Random random, byte[] valid) {
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        return switch (random.nextInt(4)) {
            case 0 -> new String(valid, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
            case 1 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, valid);
            default -> {
                int at = valid.length == 0 ? 0 : random.nextInt(valid.length);
                yield concat(concat(java.util.Arrays.copyOf(valid, at), bad[random.nextInt(bad.length)]),
                        java.util.Arrays.copyOfRange(valid, at, valid.length));
            }
        };
    }

    private static byte[] deepNesting(Random random) {
        int depth = 500 + random.nextInt(3000);
        return ("[".repeat(depth) + "]".repeat(random.nextBoolean() ? depth : 1)).getBytes(StandardCharsets.US_ASCII);
    }

    /** Multipart bodies, well-formed or not: the boundary may not match, parts may be cut or headerless. */
    private static byte[] multipart(Random random, byte[] content) {
        String boundary = random.nextInt(3) == 0 ? "other" : "fuzz";
        String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n";
        byte[] whole = concat(concat(part.getBytes(StandardCharsets.US_ASCII), content),
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return switch (random.nextInt(6)) {
            case 0 -> whole;
            case 1 -> java.util.Arrays.copyOf(whole, random.nextInt(whole.length));
            case 2 -> ("--" + boundary + "\r\nno headers here").getBytes(StandardCharsets.US_ASCII);
            case 3 -> ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx")
                    .getBytes(StandardCharsets.US_ASCII);
            case 4 -> flipBytes(random, whole);
            default -> content;
        };
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String preview(byte[] bytes) {
        if (bytes == null) {
            return "(no body)";
        }
        String s = new String(bytes, 0, Math.min(bytes.length, 160), StandardCharsets.UTF_8)
                .replaceAll("[\\p{Cntrl}&&[^\r\n\t]]", "?");
        return bytes.length > 160 ? s + "..." : s;
    }
}
