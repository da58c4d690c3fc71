package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.demo.support.ServerSupport;
import dev.judge.demo.support.Zips;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Auth, problems and test data over real HTTP; run on the embedded default and on PostgreSQL. */
abstract class ApiScenarios extends ServerSupport {

    // ---- auth ----------------------------------------------------------------------------------------

    @Test
    void registerLoginAndUseTheAccessToken() {
        String name = "alice-" + UUID.randomUUID().toString().substring(0, 6);
        Response registered = postJson("/api/v1/auth/register", null,
                json(Map.of("username", name, "password", "correct-horse")));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().path("role").asText()).isEqualTo("USER");
        assertThat(registered.body()).doesNotContain("correct-horse").doesNotContain("password");

        Response login = postJson("/api/v1/auth/login", null, json(Map.of("username", name, "password", "correct-horse")));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(login.json().path("expiresIn").asLong()).isPositive();
        String token = login.json().path("accessToken").asText();

        JsonNode me = get("/api/v1/auth/me", token).json();
        assertThat(me.path("username").asText()).isEqualTo(name);
        assertThat(me.path("role").asText()).isEqualTo("USER");

        get("/api/v1/auth/me", null).problem(401);
        assertThat(get("/api/v1/auth/me", null).headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).startsWith("Bearer"));
    }

    @Test
    void wrongPasswordsAndTakenNamesAreRefused() {
        String name = "bob-" + UUID.randomUUID().toString().substring(0, 6);
        postJson("/api/v1/auth/register", null, json(Map.of("username", name, "password", "bobs-password")));
        postJson("/api/v1/auth/register", null, json(Map.of("username", name, "password", "other-password")))
                .problem(409);
        postJson("/api/v1/auth/login", null, json(Map.of("username", name, "password", "not-bobs-password")))
                .problem(401);
        postJson("/api/v1/auth/login", null, json(Map.of("username", "nobody-" + name, "password", "whatever1")))
                .problem(401);
    }

    @Test
    void tamperedAccessTokensAreRefused() {
        String token = userToken();
        String[] parts = token.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"USER\"", "\"ADMIN\"").getBytes(StandardCharsets.UTF_8));
        String forged = parts[0] + "." + forgedPayload + "." + parts[2];
        get("/api/v1/auth/me", forged).problem(401);
        get("/api/v1/auth/me", "not-a-token").problem(401);
        assertThat(get("/api/v1/auth/me", token).status()).isEqualTo(200);
    }

    @Test
    void rolesAreEnforced() {
        String user = userToken();
        String problem = json(Map.of("title", "t", "statement", "s"));
        postJson("/api/v1/problems", user, problem).problem(403);
        assertThat(get("/api/v1/problems", user).status()).isEqualTo(200);
        get("/api/v1/problems", null).problem(401);

        String admin = adminToken();
        assertThat(get("/api/v1/auth/me", admin).json().path("role").asText()).isEqualTo("ADMIN");
        long id = createProblem(admin, "roles");
        putJson("/api/v1/problems/" + id, user, problem).problem(403);
        delete("/api/v1/problems/" + id, user).problem(403);
        putZip("/api/v1/problems/" + id + "/tests", user, Zips.create().file("1.in", "1").file("1.out", "1").bytes())
                .problem(403);
        assertThat(get("/api/v1/problems/" + id, user).status()).isEqualTo(200);
    }

    @Test
    void apiTokensCanBeCreatedListedUsedAndRevoked() {
        String admin = adminToken();
        Response created = postJson("/api/v1/auth/tokens", admin, json(Map.of("name", "ci")));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().path("token").asText();
        long id = created.json().path("id").asLong();
        assertThat(secret).startsWith("jdg_").hasSizeGreaterThan(40);

        Response list = get("/api/v1/auth/tokens", admin);
        assertThat(list.body()).doesNotContain(secret);
        JsonNode listed = null;
        for (JsonNode t : list.json()) {
            if (t.path("id").asLong() == id) {
                listed = t;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("name").asText()).isEqualTo("ci");
        assertThat(secret).startsWith(listed.path("prefix").asText());
        assertThat(listed.has("token")).isFalse();

        // As a bearer token and in the X-Auth-Token header; the role comes along.
        assertThat(get("/api/v1/auth/me", secret).json().path("role").asText()).isEqualTo("ADMIN");
        Response viaHeader = send(request("/api/v1/auth/me", null).header("X-Auth-Token", secret).GET());
        assertThat(viaHeader.json().path("username").asText()).isEqualTo("admin");
        Response createdWithToken = postJson("/api/v1/problems", secret,
                json(Map.of("title", "by token", "statement", "")));
        assertThat(createdWithToken.status()).isEqualTo(201);

        // Another account cannot revoke it.
        delete("/api/v1/auth/tokens/" + id, userToken()).problem(404);
        assertThat(delete("/api/v1/auth/tokens/" + id, admin).status()).isEqualTo(204);
        get("/api/v1/auth/me", secret).problem(401);
        send(request("/api/v1/auth/me", null).header("X-Auth-Token", secret).GET()).problem(401);
        delete("/api/v1/auth/tokens/" + id, admin).problem(404);
        get("/api/v1/auth/me", "jdg_" + "x".repeat(43)).problem(401);
    }

    @Test
    void administratorsManageRoles() {
        String admin = adminToken();
        String name = "carol-" + UUID.randomUUID().toString().substring(0, 6);
        long id = postJson("/api/v1/auth/register", null, json(Map.of("username", name, "password", "carols-pass")))
                .json().path("id").asLong();
        String carol = login(name, "carols-pass");
        get("/api/v1/users", carol).problem(403);
        putJson("/api/v1/users/" + id + "/role", carol, "{\"role\": \"ADMIN\"}").problem(403);

        Response promoted = putJson("/api/v1/users/" + id + "/role", admin, "{\"role\": \"ADMIN\"}");
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.json().path("role").asText()).isEqualTo("ADMIN");
        assertThat(get("/api/v1/auth/me", login(name, "carols-pass")).json().path("role").asText()).isEqualTo("ADMIN");
        assertThat(postJson("/api/v1/problems", login(name, "carols-pass"),
                json(Map.of("title", "by carol", "statement", ""))).status()).isEqualTo(201);

        assertThat(field(putJson("/api/v1/users/" + id + "/role", admin, "{\"role\": \"ROOT\"}").problem(400)))
                .isEqualTo("role");
        putJson("/api/v1/users/987654321/role", admin, "{\"role\": \"USER\"}").problem(404);

        // Demote every administrator but 'admin'; then 'admin' is the last and stays.
        long adminId = -1;
        for (JsonNode u : get("/api/v1/users?size=500", admin).json()) {
            if (u.path("username").asText().equals("admin")) {
                adminId = u.path("id").asLong();
            } else if (u.path("role").asText().equals("ADMIN")) {
                assertThat(putJson("/api/v1/users/" + u.path("id").asLong() + "/role", admin,
                        "{\"role\": \"USER\"}").status()).isEqualTo(200);
            }
        }
        putJson("/api/v1/users/" + adminId + "/role", admin, "{\"role\": \"USER\"}").problem(409);
        assertThat(get("/api/v1/auth/me", login(name, "carols-pass")).json().path("role").asText()).isEqualTo("USER");
    }

    private static String field(JsonNode problemDetails) {
        return problemDetails.path("errors").path(0).path("field").asText();
    }

    // ---- problems ------------------------------------------------------------------------------------

    @Test
    void problemsCanBeCreatedReadReplacedListedAndDeleted() {
        String admin = adminToken();
        String body = """
                {"title": "Sum", "statement": "# Sum\\nAdd *two* numbers.",
                 "limits": {"cpuTime": "1500ms", "wallTime": "3s", "memory": "128MB", "processes": 4,
                            "outputSize": "1MiB", "fileSize": "2MB", "stack": "8MB", "openFiles": 32, "network": false},
                 "comparator": {"type": "floats", "absoluteTolerance": 0.001, "relativeTolerance": 0.0001}}
                """;
        Response created = postJson("/api/v1/problems", admin, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/problems/" + id);

        JsonNode p = get("/api/v1/problems/" + id, userToken()).json();
        assertThat(p.path("title").asText()).isEqualTo("Sum");
        assertThat(p.path("statement").asText()).isEqualTo("# Sum\nAdd *two* numbers.");
        JsonNode limits = p.path("limits");
        assertThat(limits.path("cpuTime").asText()).isEqualTo("1500ms");
        assertThat(limits.path("wallTime").asText()).isEqualTo("3s");
        assertThat(limits.path("memory").asText()).isEqualTo("128MiB");
        assertThat(limits.path("processes").asInt()).isEqualTo(4);
        assertThat(limits.path("outputSize").asText()).isEqualTo("1MiB");
        assertThat(limits.path("fileSize").asText()).isEqualTo("2MiB");
        assertThat(limits.path("stack").asText()).isEqualTo("8MiB");
        assertThat(limits.path("openFiles").asInt()).isEqualTo(32);
        assertThat(p.path("comparator").path("type").asText()).isEqualTo("floats");
        assertThat(p.path("comparator").path("absoluteTolerance").asDouble()).isEqualTo(0.001);
        assertThat(p.path("comparator").path("relativeTolerance").asDouble()).isEqualTo(0.0001);
        assertThat(p.path("testCount").asInt()).isZero();

        Response replaced = putJson("/api/v1/problems/" + id, admin,
                json(Map.of("title", "Sum 2", "statement", "new", "comparator", Map.of("type", "tokens"))));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        JsonNode r = get("/api/v1/problems/" + id, admin).json();
        assertThat(r.path("title").asText()).isEqualTo("Sum 2");
        assertThat(r.path("comparator").path("type").asText()).isEqualTo("tokens");
        assertThat(r.path("limits").path("cpuTime").asText()).as("defaults when left out").isEqualTo("2s");

        JsonNode page = get("/api/v1/problems?page=0&size=100", admin).json();
        assertThat(page.path("total").asLong()).isPositive();
        List<Long> ids = new ArrayList<>();
        page.path("items").forEach(i -> ids.add(i.path("id").asLong()));
        assertThat(ids).contains(id);

        assertThat(delete("/api/v1/problems/" + id, admin).status()).isEqualTo(204);
        get("/api/v1/problems/" + id, admin).problem(404);
        delete("/api/v1/problems/" + id, admin).problem(404);
    }

    @Test
    void aKattisComparatorKeepsItsValidatorFlags() {
        String admin = adminToken();
        Response created = postJson("/api/v1/problems", admin, json(Map.of("title", "kattis", "statement", "",
                "comparator", Map.of("type", "kattis", "flags", "case_sensitive float_tolerance 1e-6"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        JsonNode comparator = get("/api/v1/problems/" + id, userToken()).json().path("comparator");
        assertThat(comparator.path("type").asText()).isEqualTo("kattis");
        assertThat(comparator.path("flags").asText())
                .isEqualTo("case_sensitive float_absolute_tolerance 1.0E-6 float_relative_tolerance 1.0E-6");

        Response defaults = putJson("/api/v1/problems/" + id, admin,
                json(Map.of("title", "kattis", "statement", "", "comparator", Map.of("type", "kattis"))));
        assertThat(defaults.status()).as(defaults.body()).isEqualTo(200);
        JsonNode replaced = get("/api/v1/problems/" + id, admin).json().path("comparator");
        assertThat(replaced.path("type").asText()).isEqualTo("kattis");
        assertThat(replaced.path("flags").asText()).isEmpty();
    }

    @Test
    void checkerSourcesAreShownToAdministratorsOnly() {
        String admin = adminToken();
        Response created = postJson("/api/v1/problems", admin, json(Map.of("title", "checked", "statement", "",
                "comparator", Map.of("type", "checker", "languageId", "cpp17",
                        "sources", List.of(Map.of("name", "checker.cpp", "content", "int main(){return 0;}"))))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        JsonNode forAdmin = get("/api/v1/problems/" + id, admin).json().path("comparator");
        assertThat(forAdmin.path("languageId").asText()).isEqualTo("cpp17");
        assertThat(forAdmin.path("sources").get(0).path("content").asText()).isEqualTo("int main(){return 0;}");
        JsonNode forUser = get("/api/v1/problems/" + id, userToken()).json().path("comparator");
        assertThat(forUser.path("type").asText()).isEqualTo("checker");
        assertThat(forUser.has("sources")).isFalse();
        assertThat(forAdmin.path("protocol").asText()).isEqualTo("testlib");
    }

    @Test
    void aKattisOutputValidatorKeepsItsProtocolAndFlags() {
        String admin = adminToken();
        Response created = postJson("/api/v1/problems", admin, json(Map.of("title", "validated", "statement", "",
                "comparator", Map.of("type", "checker", "languageId", "c", "protocol", "kattis",
                        "arguments", "float_tolerance  1e-6", "sources",
                        List.of(Map.of("name", "validator.c", "content", "int main(void){return 42;}"))))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        JsonNode stored = get("/api/v1/problems/" + id, admin).json().path("comparator");
        assertThat(stored.path("protocol").asText()).isEqualTo("kattis");
        assertThat(stored.path("arguments").asText()).isEqualTo("float_tolerance 1e-6");
        Response bad = putJson("/api/v1/problems/" + id, admin, json(Map.of("title", "validated", "statement", "",
                "comparator", Map.of("type", "checker", "languageId", "c", "protocol", "polygon",
                        "sources", List.of(Map.of("content", "int main(void){return 0;}"))))));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("comparator.protocol");
    }

    // ---- test data -----------------------------------------------------------------------------------

    @Test
    void flatArchiveUploadedAsMultipart() {
        String admin = adminToken();
        long id = createProblem(admin, "flat");
        byte[] zip = Zips.create()
                .file("10.in", "10 10\n").file("10.out", "20\n")
                .file("2.in", "2 2\n").file("2.ans", "4\n")
                .file("1.in", "1 2\n").file("1.out", "3\n")
                .file("big/1.in", "100 200\n").file("big/1.out", "300\n")
                .file("README.txt", "ignored")
                .bytes();
        Response r = putMultipart("/api/v1/problems/" + id + "/tests?hidden=false", admin, zip);
        assertThat(r.status()).as(r.body()).isEqualTo(200);

        JsonNode tests = get("/api/v1/problems/" + id + "/tests", admin).json();
        assertThat(names(tests)).containsExactly("1", "2", "10", "big-1");
        assertThat(tests.get(3).path("group").asText()).isEqualTo("big");
        assertThat(tests.get(0).path("hidden").asBoolean()).isFalse();
        assertThat(tests.get(0).path("inputBytes").asLong()).isEqualTo(4);

        JsonNode one = get("/api/v1/problems/" + id + "/tests/2", userToken()).json();
        assertThat(one.path("input").asText()).isEqualTo("2 2\n");
        assertThat(one.path("expectedOutput").asText()).isEqualTo("4\n");
        Response raw = get("/api/v1/problems/" + id + "/tests/10/output", admin);
        assertThat(raw.body()).isEqualTo("20\n");
        assertThat(raw.contentType()).startsWith("application/octet-stream");
    }

    @Test
    void kattisPackageUploadedAsRawBody() {
        String admin = adminToken();
        long id = createProblem(admin, "kattis");
        byte[] zip = Zips.create()
                .file("sum/problem.yaml", "name: Sum\n")
                .file("sum/problem_statement/problem.en.tex", "\\problemname{Sum}")
                .file("sum/data/sample/1.in", "1 1\n").file("sum/data/sample/1.ans", "2\n")
                .file("sum/data/secret/g1/01.in", "5 5\n").file("sum/data/secret/g1/01.ans", "10\n")
                .file("sum/data/secret/g1/02.in", "6 6\n").file("sum/data/secret/g1/02.ans", "12\n")
                .file("sum/data/secret/3.in", "7 7\n").file("sum/data/secret/3.ans", "14\n")
                .bytes();
        Response r = putZip("/api/v1/problems/" + id + "/tests", admin, zip);
        assertThat(r.status()).as(r.body()).isEqualTo(200);

        JsonNode tests = get("/api/v1/problems/" + id + "/tests", admin).json();
        assertThat(names(tests)).containsExactly("sample-1", "secret-3", "secret-g1-01", "secret-g1-02");
        assertThat(tests.get(0).path("hidden").asBoolean()).isFalse();
        assertThat(tests.get(1).path("hidden").asBoolean()).isTrue();
        assertThat(tests.get(1).path("group").isNull()).isTrue();
        assertThat(tests.get(2).path("group").asText()).isEqualTo("g1");
        JsonNode hidden = get("/api/v1/problems/" + id + "/tests/secret-g1-02", admin).json();
        assertThat(hidden.path("input").asText()).isEqualTo("6 6\n");
        assertThat(hidden.path("expectedOutput").asText()).isEqualTo("12\n");
    }

    @Test
    void hiddenTestDataNeverReachesOtherAccounts() {
        String admin = adminToken();
        long id = createProblem(admin, "visibility");
        Response up = putZip("/api/v1/problems/" + id + "/tests", admin, Zips.create()
                .file("data/sample/1.in", "public in").file("data/sample/1.ans", "public out")
                .file("data/secret/1.in", "SECRET-IN").file("data/secret/1.ans", "SECRET-OUT").bytes());
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        String user = userToken();

        JsonNode p = get("/api/v1/problems/" + id, user).json();
        assertThat(p.path("testCount").asInt()).isEqualTo(2);
        assertThat(p.path("publicTestCount").asInt()).isEqualTo(1);
        Response list = get("/api/v1/problems/" + id + "/tests", user);
        assertThat(names(list.json())).containsExactly("sample-1");
        for (String path : List.of("", "/input", "/output")) {
            Response r = get("/api/v1/problems/" + id + "/tests/secret-1" + path, user);
            r.problem(404);
            assertThat(r.body()).doesNotContain("SECRET");
        }
        assertThat(get("/api/v1/problems/" + id + "/tests/sample-1/input", user).body()).isEqualTo("public in");
        assertThat(get("/api/v1/problems/" + id + "/tests/secret-1/input", admin).body()).isEqualTo("SECRET-IN");
    }

    @Test
    void singleTestsCanBePutAndDeleted() {
        String admin = adminToken();
        long id = createProblem(admin, "single");
        String base = "/api/v1/problems/" + id + "/tests/";
        Response a = putJson(base + "a", admin, json(Map.of("input", "1\n", "expectedOutput", "1\n", "weight", 2.5,
                "group", "easy", "hidden", false)));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        putJson(base + "b", admin, json(Map.of("input", "2\n", "expectedOutput", "2\n")));
        putJson(base + "a", admin, json(Map.of("input", "one\n", "expectedOutput", "one\n", "weight", 3)));

        JsonNode tests = get("/api/v1/problems/" + id + "/tests", admin).json();
        assertThat(names(tests)).as("a replaced test keeps its place").containsExactly("a", "b");
        assertThat(tests.get(0).path("weight").asDouble()).isEqualTo(3.0);
        assertThat(tests.get(0).path("hidden").asBoolean()).as("hidden unless said otherwise").isTrue();
        assertThat(tests.get(1).path("hidden").asBoolean()).isTrue();
        assertThat(get(base + "a", admin).json().path("input").asText()).isEqualTo("one\n");

        assertThat(delete(base + "a", admin).status()).isEqualTo(204);
        assertThat(names(get("/api/v1/problems/" + id + "/tests", admin).json())).containsExactly("b");
        delete(base + "a", admin).problem(404);
    }

    @Test
    void anArchiveReplacesEarlierTests() {
        String admin = adminToken();
        long id = createProblem(admin, "replace");
        putJson("/api/v1/problems/" + id + "/tests/old", admin, json(Map.of("input", "x", "expectedOutput", "x")));
        Response r = send(request("/api/v1/problems/" + id + "/tests", admin)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Zips.create().file("7.in", "7").file("7.out", "7").bytes())));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(names(get("/api/v1/problems/" + id + "/tests", admin).json())).containsExactly("7");
    }

    protected static List<String> names(JsonNode tests) {
        List<String> names = new ArrayList<>();
        tests.forEach(t -> names.add(t.path("name").asText()));
        return names;
    }
}
