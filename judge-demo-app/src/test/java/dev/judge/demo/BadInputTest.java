package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.demo.support.EmbeddedServerTest;
import dev.judge.demo.support.ServerSupport;
import dev.judge.demo.support.Zips;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input of every kind gets a 4xx with a Problem Details body, never a 500. Caps of the test server:
 * JSON bodies 256KB, archives 1MB, test data 4MB (2MB a file), 50 entries, ratio 100, 20 tests.
 */
@EmbeddedServerTest
class BadInputTest extends ServerSupport {
    private String admin;
    private long problem;

    @BeforeEach
    void setUp() {
        admin = adminToken();
        problem = createProblem(admin, "target");
    }

    private String tests() {
        return "/api/v1/problems/" + problem + "/tests";
    }

    private static String field(JsonNode problemDetails) {
        return problemDetails.path("errors").path(0).path("field").asText();
    }

    // ---- JSON ----------------------------------------------------------------------------------------

    @Test
    void malformedJson() {
        JsonNode p = postJson("/api/v1/problems", admin, "{\"title\": \"x\", ").problem(400);
        assertThat(p.path("detail").asText()).contains("not valid JSON");
        postJson("/api/v1/problems", admin, "").problem(400);
        postJson("/api/v1/problems", admin, "[1, 2]").problem(400);
        postJson("/api/v1/auth/login", null, "{\"username\": }").problem(400);
    }

    @Test
    void wrongTypesNameTheField() {
        assertThat(field(postJson("/api/v1/problems", admin,
                "{\"title\": \"t\", \"statement\": \"s\", \"limits\": {\"processes\": \"many\"}}").problem(400)))
                .isEqualTo("limits.processes");
        assertThat(field(postJson("/api/v1/problems", admin,
                "{\"title\": \"t\", \"statement\": \"s\", \"limits\": {\"openFiles\": 1.5}}").problem(400)))
                .isEqualTo("limits.openFiles");
        assertThat(field(postJson("/api/v1/problems", admin,
                "{\"title\": {\"nested\": true}, \"statement\": \"s\"}").problem(400))).isEqualTo("title");
        assertThat(field(postJson("/api/v1/problems", admin,
                "{\"title\": \"t\", \"statement\": \"s\", \"limits\": [1]}").problem(400))).isEqualTo("limits");
        assertThat(field(putJson(tests() + "/a", admin, "{\"input\": \"1\", \"weight\": \"heavy\"}").problem(400)))
                .isEqualTo("weight");
    }

    @Test
    void unknownAndMissingFieldsAreNamed() {
        assertThat(field(postJson("/api/v1/problems", admin,
                "{\"title\": \"t\", \"statement\": \"s\", \"timeLimit\": 2}").problem(400))).isEqualTo("timeLimit");
        assertThat(field(postJson("/api/v1/problems", admin, "{\"statement\": \"s\"}").problem(400)))
                .isEqualTo("title");
        assertThat(field(postJson("/api/v1/problems", admin, "{\"title\": \"t\"}").problem(400)))
                .isEqualTo("statement");
        assertThat(field(postJson("/api/v1/auth/register", null, "{\"username\": \"ab\", \"password\": \"long-enough\"}")
                .problem(400))).isEqualTo("username");
        assertThat(field(postJson("/api/v1/auth/register", null,
                json(Map.of("username", "long-password", "password", "x".repeat(73)))).problem(400)))
                .isEqualTo("password");
        assertThat(field(putJson(tests() + "/a", admin, "{\"expectedOutput\": \"1\"}").problem(400)))
                .isEqualTo("input");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"cpuTime\": \"11m\"}                | limits.cpuTime",
            "{\"cpuTime\": \"0s\"}                 | limits.cpuTime",
            "{\"cpuTime\": \"2 parsecs\"}          | limits.cpuTime",
            "{\"wallTime\": \"1500us\"}            | limits.wallTime",
            "{\"memory\": \"1KB\"}                 | limits.memory",
            "{\"memory\": \"100TB\"}               | limits.memory",
            "{\"memory\": \"lots\"}                | limits.memory",
            "{\"processes\": 0}                    | limits.processes",
            "{\"processes\": 100000}               | limits.processes",
            "{\"openFiles\": 2}                    | limits.openFiles",
            "{\"stack\": \"1KB\"}                  | limits.stack",
            "{\"outputSize\": \"2GB\"}             | limits.outputSize"})
    void limitsOutOfRangeNameTheField(String limits, String expectedField) {
        String body = "{\"title\": \"t\", \"statement\": \"s\", \"limits\": " + limits + "}";
        assertThat(field(postJson("/api/v1/problems", admin, body).problem(400))).isEqualTo(expectedField);
    }

    @Test
    void badComparatorsNameTheField() {
        assertThat(field(postJson("/api/v1/problems", admin,
                "{\"title\": \"t\", \"statement\": \"s\", \"comparator\": {\"type\": \"fuzzy\"}}").problem(400)))
                .isEqualTo("comparator.type");
        assertThat(field(postJson("/api/v1/problems", admin,
                "{\"title\": \"t\", \"statement\": \"s\", \"comparator\": {\"type\": \"floats\", "
                        + "\"absoluteTolerance\": -1}}").problem(400)))
                .isEqualTo("comparator.absoluteTolerance");
        assertThat(field(postJson("/api/v1/problems", admin,
                "{\"title\": \"t\", \"statement\": \"s\", \"comparator\": {\"type\": \"checker\"}}").problem(400)))
                .isEqualTo("comparator.languageId");
        assertThat(field(postJson("/api/v1/problems", admin,
                "{\"title\": \"t\", \"statement\": \"s\", \"comparator\": {\"type\": \"checker\", \"languageId\": "
                        + "\"cpp\", \"sources\": [{\"name\": \"../x.cpp\", \"content\": \"\"}]}}").problem(400)))
                .isEqualTo("sources.name");
        assertThat(field(postJson("/api/v1/problems", admin,
                "{\"title\": \"t\", \"statement\": \"s\", \"comparator\": {\"type\": \"checker\", \"languageId\": "
                        + "\"c\", \"sources\": [{\"content\": \"\"}], \"arguments\": \"-v\"}}").problem(400)))
                .isEqualTo("comparator.arguments");
        assertThat(field(postJson("/api/v1/problems", admin,
                "{\"title\": \"t\", \"statement\": \"s\", \"comparator\": {\"type\": \"kattis\", "
                        + "\"flags\": \"case_sensitive float_tolerance lots\"}}").problem(400)))
                .isEqualTo("comparator.flags");
        assertThat(field(postJson("/api/v1/problems", admin,
                "{\"title\": \"t\", \"statement\": \"s\", \"comparator\": {\"type\": \"tokens\", "
                        + "\"flags\": \"case_sensitive\"}}").problem(400)))
                .isEqualTo("comparator.type");
    }

    @Test
    void hugeBodiesAreRefusedWith413() {
        String huge = "{\"title\": \"t\", \"statement\": \"" + "x".repeat(300 * 1024) + "\"}";
        postJson("/api/v1/problems", admin, huge).problem(413);
        // Without Content-Length (chunked): counted while read.
        Response chunked = send(request("/api/v1/problems", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes()))));
        chunked.problem(413);
        putZip(tests(), admin, new byte[1024 * 1024 + 1]).problem(413);
        putMultipart(tests(), admin, new byte[1024 * 1024 + 1]).problem(413);
    }

    @Test
    void unknownProblemsAndTests() {
        long missing = 987_654_321L;
        get("/api/v1/problems/" + missing, admin).problem(404);
        putJson("/api/v1/problems/" + missing, admin, json(Map.of("title", "t", "statement", "s"))).problem(404);
        delete("/api/v1/problems/" + missing, admin).problem(404);
        get("/api/v1/problems/" + missing + "/tests", admin).problem(404);
        putZip("/api/v1/problems/" + missing + "/tests", admin, Zips.create().file("1.in", "1").file("1.out", "1")
                .bytes()).problem(404);
        get(tests() + "/nope", admin).problem(404);
        assertThat(field(get("/api/v1/problems/abc", admin).problem(400))).isEqualTo("id");
        assertThat(field(get("/api/v1/problems?size=1000", admin).problem(400))).isEqualTo("size");
        assertThat(field(get("/api/v1/problems?page=-1", admin).problem(400))).isEqualTo("page");
        assertThat(field(putJson(tests() + "/bad%20name", admin, "{\"input\": \"1\"}").problem(400))).isEqualTo("name");
    }

    @Test
    void wrongMethodsAndMediaTypes() {
        send(request("/api/v1/problems", admin).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))).problem(415);
        send(request("/api/v1/problems/" + problem, admin).method("PATCH", HttpRequest.BodyPublishers.noBody()))
                .problem(405);
        putMultipart(tests(), admin, new byte[0]).problem(422);
        String boundary = "b0undary";
        send(request(tests(), admin).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; "
                        + "name=\"other\"\r\n\r\nx\r\n--" + boundary + "--\r\n"))).problem(400);
    }

    @Test
    void requestsRefusedBeforeTheHandlersAreProblemsToo() {
        Response firewall = send(request("/api/v1/problems/..;/1", admin).header("X-Request-Id", "fw-1").GET());
        assertThat(firewall.problem(400).path("requestId").asText()).isEqualTo("fw-1");
        get("/api/v1/problems/%2e%2e/1", admin).problem(400);
        get("/error", null).problem(404);
        get("/no/such/path", admin).problem(404);
    }

    @Test
    void errorsCarryTheRequestId() {
        Response r = send(request("/api/v1/problems/987654321", admin).header("X-Request-Id", "trace-42").GET());
        assertThat(r.problem(404).path("requestId").asText()).isEqualTo("trace-42");
        assertThat(r.headers().firstValue("X-Request-Id")).hasValue("trace-42");
        Response generated = get("/api/v1/problems/987654321", admin);
        assertThat(generated.headers().firstValue("X-Request-Id")).hasValueSatisfying(id ->
                assertThat(generated.problem(404).path("requestId").asText()).isEqualTo(id));
    }

    // ---- hostile archives ----------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"../1.in", "a/../../1.in", "/etc/1.in", "C:/1.in", "..\\1.in", "a\\1.in"})
    void zipSlipNamesAreRefused(String name) {
        byte[] zip = Zips.create().file(name, "1").file("1.out", "1").bytes();
        JsonNode p = putZip(tests(), admin, zip).problem(422);
        assertThat(field(p)).isEqualTo("file");
        assertThatNoTestsWereStored();
    }

    @Test
    void symlinkEntriesAreRefused() {
        byte[] zip = Zips.create().file("1.out", "1").symlink("1.in", "/etc/passwd").bytes();
        assertThat(putZip(tests(), admin, zip).problem(422).path("detail").asText()).contains("symbolic link");
        assertThatNoTestsWereStored();
    }

    @Test
    void zipBombsAreRefusedWhileInflating() {
        byte[] bomb = Zips.bomb(64L * 1024 * 1024);
        assertThat(bomb.length).as("a small archive").isLessThan(1024 * 1024);
        Response r = putZip(tests(), admin, bomb);
        assertThat(r.status()).isIn(413, 422);
        r.problem(r.status());
        assertThatNoTestsWereStored();
    }

    @Test
    void tooManyEntriesOrTestsAreRefused() {
        Zips entries = Zips.create();
        for (int i = 0; i < 51; i++) {
            entries.file("notes/" + i + ".txt", "x");
        }
        assertThat(putZip(tests(), admin, entries.bytes()).problem(422).path("detail").asText()).contains("entries");
        Zips many = Zips.create();
        for (int i = 0; i < 21; i++) {
            many.file(i + ".in", "x").file(i + ".out", "x");
        }
        assertThat(putZip(tests(), admin, many.bytes()).problem(422).path("detail").asText()).contains("tests");
        assertThatNoTestsWereStored();
    }

    @Test
    void testDataPastTheTotalCapIsRefused() {
        // Five 1MB inputs of random 0/1 characters: about 8:1 compressed, so the archive stays under 1MB and
        // every entry under the ratio cap, but together they inflate past the 4MB total.
        Random random = new Random(7);
        Zips zips = Zips.create();
        for (int i = 0; i < 5; i++) {
            byte[] input = new byte[1024 * 1024];
            for (int j = 0; j < input.length; j++) {
                input[j] = (byte) (random.nextBoolean() ? '1' : '0');
            }
            zips.file(i + ".in", input).file(i + ".out", "0");
        }
        byte[] zip = zips.bytes();
        assertThat(zip.length).isLessThan(1024 * 1024);
        assertThat(putZip(tests(), admin, zip).problem(413).path("detail").asText()).contains("in total");
        assertThatNoTestsWereStored();
    }

    @Test
    void singleTestsPastTheCountCapAreRefused() {
        for (int i = 0; i < 20; i++) {
            Response r = putJson(tests() + "/t" + i, admin, "{\"input\": \"x\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        putJson(tests() + "/t20", admin, "{\"input\": \"x\"}").problem(422);
        assertThat(putJson(tests() + "/t3", admin, "{\"input\": \"replaced\"}").status())
                .as("replacing does not add").isEqualTo(200);
    }

    @Test
    void brokenArchivesAreRefused() {
        putZip(tests(), admin, "this is not a zip".getBytes()).problem(422);
        putZip(tests(), admin, Zips.create().file("1.in", "1").bytes()).problem(422);
        putZip(tests(), admin, Zips.create().file("1.out", "1").bytes()).problem(422);
        putZip(tests(), admin, Zips.create().file("1.in", "1").file("1.out", "1").file("1.ans", "1").bytes())
                .problem(422);
        putZip(tests(), admin, Zips.create().file("readme.md", "no tests").bytes()).problem(422);
        putZip(tests(), admin, Zips.create().file("a b.in", "1").file("a b.out", "1").bytes()).problem(422);
        assertThatNoTestsWereStored();
    }

    private void assertThatNoTestsWereStored() {
        assertThat(get(tests(), admin).json()).isEmpty();
    }
}
