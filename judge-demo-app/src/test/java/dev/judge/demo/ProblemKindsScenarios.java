package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.demo.support.ServerSupport;
import dev.judge.demo.support.Zips;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A problem's kind over the API: scoring groups, stop on first failure, file I/O, support files, an interactor,
 * each kept and returned, and bad input refused with Problem Details naming the field; run on the embedded
 * default and on PostgreSQL.
 */
abstract class ProblemKindsScenarios extends ServerSupport {
    static final String FULL = """
            {"title": "Kinds", "statement": "All of it.",
             "groups": [
               {"name": "samples", "points": 0},
               {"name": "small", "points": 30, "scoring": "min", "dependsOn": ["samples"]},
               {"name": "large", "points": 70, "scoring": "sum", "dependsOn": ["small"], "stopOnFirstFailure": true}],
             "stopOnFirstFailure": true,
             "io": {"inputFile": "input.txt", "outputFile": "output.txt"},
             "supportFiles": {
               "cpp": [{"name": "grader.cpp", "content": "int main(){}"}, {"name": "add.h", "content": "int add(int, int);"}],
               "*": [{"name": "data.txt", "content": "42"}]},
             "interactor": {"languageId": "cpp", "protocol": "kattis", "passes": 2,
               "sources": [{"name": "interactor.cpp", "content": "int main(){return 42;}"}]}}
            """;

    @Test
    void aProblemSaysHowHardItIsAndWhoWroteIt() {
        String admin = adminToken();
        Response created = postJson("/api/v1/problems", admin, json(Map.of("title", "Rated", "statement", "",
                "difficulty", "HARD", "author", "Ada")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        JsonNode p = get("/api/v1/problems/" + id, userToken()).json();
        assertThat(p.path("difficulty").asText()).isEqualTo("HARD");
        assertThat(p.path("author").asText()).isEqualTo("Ada");
        Response plain = putJson("/api/v1/problems/" + id, admin, json(Map.of("title", "Rated", "statement", "")));
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(plain.json().path("difficulty").isNull()).as("a replacement without it clears it").isTrue();
        assertThat(plain.json().path("author").isNull()).isTrue();
        assertField(postJson("/api/v1/problems", admin, json(Map.of("title", "X", "statement", "",
                "difficulty", "EXTREME"))).problem(400), "difficulty");
    }

    @Test
    void everyKindIsKeptAndReturned() {
        String admin = adminToken();
        Response created = postJson("/api/v1/problems", admin, FULL);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();

        JsonNode p = get("/api/v1/problems/" + id, admin).json();
        JsonNode groups = p.path("groups");
        assertThat(groups).hasSize(3);
        assertThat(groups.get(0).path("name").asText()).isEqualTo("samples");
        assertThat(groups.get(0).path("points").asDouble()).isZero();
        assertThat(groups.get(0).path("scoring").asText()).as("min when left out").isEqualTo("min");
        assertThat(groups.get(0).path("dependsOn")).isEmpty();
        assertThat(groups.get(0).path("stopOnFirstFailure").asBoolean()).isFalse();
        assertThat(groups.get(1).path("dependsOn").get(0).asText()).isEqualTo("samples");
        assertThat(groups.get(2).path("points").asDouble()).isEqualTo(70.0);
        assertThat(groups.get(2).path("scoring").asText()).isEqualTo("sum");
        assertThat(groups.get(2).path("stopOnFirstFailure").asBoolean()).isTrue();
        assertThat(p.path("stopOnFirstFailure").asBoolean()).isTrue();
        assertThat(p.path("io").path("inputFile").asText()).isEqualTo("input.txt");
        assertThat(p.path("io").path("outputFile").asText()).isEqualTo("output.txt");
        JsonNode cpp = p.path("supportFiles").path("cpp");
        assertThat(cpp).hasSize(2);
        assertThat(cpp.get(0).path("name").asText()).isEqualTo("grader.cpp");
        assertThat(cpp.get(1).path("content").asText()).isEqualTo("int add(int, int);");
        assertThat(p.path("supportFiles").path("*").get(0).path("name").asText()).isEqualTo("data.txt");
        JsonNode interactor = p.path("interactor");
        assertThat(interactor.path("languageId").asText()).isEqualTo("cpp");
        assertThat(interactor.path("protocol").asText()).isEqualTo("kattis");
        assertThat(interactor.path("passes").asInt()).isEqualTo(2);
        assertThat(interactor.path("sources").get(0).path("content").asText()).isEqualTo("int main(){return 42;}");

        // what students see: groups, file names and the protocol; no interactor sources, no support files
        JsonNode forUser = get("/api/v1/problems/" + id, userToken()).json();
        assertThat(forUser.path("groups")).hasSize(3);
        assertThat(forUser.path("io").path("inputFile").asText()).isEqualTo("input.txt");
        assertThat(forUser.path("interactor").path("protocol").asText()).isEqualTo("kattis");
        assertThat(forUser.path("interactor").path("sources").isNull()).isTrue();
        assertThat(forUser.path("supportFiles").isNull()).isTrue();

        // a replacement without them makes the problem plain again
        Response plain = putJson("/api/v1/problems/" + id, admin, json(Map.of("title", "Plain", "statement", "")));
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        JsonNode r = get("/api/v1/problems/" + id, admin).json();
        assertThat(r.path("groups")).isEmpty();
        assertThat(r.path("stopOnFirstFailure").asBoolean()).isFalse();
        assertThat(r.path("io").path("inputFile").isNull()).isTrue();
        assertThat(r.path("io").path("outputFile").isNull()).isTrue();
        assertThat(r.path("supportFiles")).isEmpty();
        assertThat(r.path("interactor").isNull()).isTrue();
    }

    @Test
    void aTestlibInteractorWithTheDefaultsAndAnUnnamedMainFile() {
        String admin = adminToken();
        Response created = postJson("/api/v1/problems", admin, json(Map.of("title", "guess", "statement", "",
                "interactor", Map.of("languageId", "cpp", "protocol", "testlib",
                        "sources", List.of(Map.of("content", "int main(){}"))))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode interactor = created.json().path("interactor");
        assertThat(interactor.path("passes").asInt()).isEqualTo(1);
        assertThat(interactor.path("protocol").asText()).isEqualTo("testlib");
        assertThat(interactor.path("sources").get(0).path("name").isNull()).isTrue();
    }

    @Test
    void testsAndGroupsStayInAgreement() {
        String admin = adminToken();
        long id = created(admin, Map.of("groups", List.of(Map.of("name", "a", "points", 40),
                Map.of("name", "b", "points", 60))));
        Response inA = putJson("/api/v1/problems/" + id + "/tests/1", admin,
                json(Map.of("input", "1\n", "expectedOutput", "1\n", "group", "a")));
        assertThat(inA.status()).as(inA.body()).isBetween(200, 201);
        assertField(putJson("/api/v1/problems/" + id + "/tests/2", admin,
                json(Map.of("input", "2\n", "group", "c"))).problem(400), "group");
        // dropping group "a" while test 1 is in it is refused
        assertField(putJson("/api/v1/problems/" + id, admin, json(Map.of("title", "x", "statement", "",
                "groups", List.of(Map.of("name", "b", "points", 60))))).problem(400), "groups");
        // an archive whose folders name other groups is refused
        Response archive = putZip("/api/v1/problems/" + id + "/tests", admin, Zips.create()
                .file("a/1.in", "1\n").file("a/1.out", "1\n").file("z/2.in", "2\n").file("z/2.out", "2\n").bytes());
        assertField(archive.problem(400), "file");
    }

    @Test
    void badKindsAreRefusedNamingTheField() {
        String admin = adminToken();
        long before = get("/api/v1/problems", admin).json().path("total").asLong();
        Map<String, Object> a = Map.of("name", "a", "points", 1);
        refused(admin, Map.of("groups", List.of(a, a)), "groups");
        refused(admin, Map.of("groups", List.of(a, Map.of("name", "b", "points", 1, "dependsOn", List.of("c")))),
                "groups[b].dependsOn");
        refused(admin, Map.of("groups", List.of(Map.of("name", "a", "points", 1, "dependsOn", List.of("b")),
                Map.of("name", "b", "points", 1, "dependsOn", List.of("a")))), "groups[a].dependsOn");
        refused(admin, Map.of("groups", List.of(Map.of("name", "a", "points", 1, "dependsOn", List.of("a")))),
                "groups[a].dependsOn");
        refused(admin, Map.of("groups", List.of(Map.of("name", "a", "points", -1))), "groups[a].points");
        refused(admin, Map.of("groups", List.of(Map.of("name", "a"))), "groups[a].points");
        refused(admin, Map.of("groups", List.of(Map.of("name", "a", "points", 1, "scoring", "max"))),
                "groups[a].scoring");
        refused(admin, Map.of("groups", List.of(Map.of("points", 1))), "groups[0].name");
        refused(admin, Map.of("groups", List.of(Map.of("name", "x".repeat(65), "points", 1))), "groups[0].name");
        refused(admin, Map.of("io", Map.of("inputFile", "../in")), "io.inputFile");
        refused(admin, Map.of("io", Map.of("outputFile", "a/b")), "io.outputFile");
        refused(admin, Map.of("io", Map.of("inputFile", "x", "outputFile", "x")), "io.outputFile");
        refused(admin, Map.of("supportFiles", Map.of("cobol", List.of(Map.of("name", "a", "content", "")))),
                "supportFiles.cobol");
        refused(admin, Map.of("supportFiles", Map.of("cpp", List.of(Map.of("content", "x")))),
                "supportFiles.cpp[0].name");
        refused(admin, Map.of("supportFiles", Map.of("cpp", List.of(Map.of("name", "../grader.cpp", "content", "x")))),
                "supportFiles.cpp[0].name");
        refused(admin, Map.of("supportFiles", Map.of("cpp", List.of(Map.of("name", "g.cpp")))),
                "supportFiles.cpp[0].content");
        refused(admin, Map.of("supportFiles", Map.of("cpp", List.of(Map.of("name", "g.cpp", "content", "1"),
                Map.of("name", "g.cpp", "content", "2")))), "supportFiles.cpp[1].name");
        refused(admin, Map.of("supportFiles", Map.of("*", List.of(Map.of("name", "g.h", "content", "1")),
                "cpp", List.of(Map.of("name", "g.h", "content", "2")))), "supportFiles.cpp[0].name");
        Map<String, Object> big = Map.of("name", "data.txt", "content", "x".repeat(70_000));
        assertField(postJson("/api/v1/problems", admin, body(Map.of("supportFiles", Map.of("*", List.of(big)))))
                .problem(413), "supportFiles.*");
        Map<String, Object> source = Map.of("name", "i.cpp", "content", "int main(){}");
        refused(admin, Map.of("interactor", Map.of("protocol", "kattis", "sources", List.of(source))),
                "interactor.languageId");
        refused(admin, Map.of("interactor", Map.of("languageId", "cobol", "protocol", "kattis",
                "sources", List.of(source))), "interactor.languageId");
        refused(admin, Map.of("interactor", Map.of("languageId", "cpp", "sources", List.of(source))),
                "interactor.protocol");
        refused(admin, Map.of("interactor", Map.of("languageId", "cpp", "protocol", "icpc",
                "sources", List.of(source))), "interactor.protocol");
        refused(admin, Map.of("interactor", Map.of("languageId", "cpp", "protocol", "kattis")), "interactor.sources");
        refused(admin, Map.of("interactor", Map.of("languageId", "cpp", "protocol", "testlib", "passes", 2,
                "sources", List.of(source))), "interactor.passes");
        refused(admin, Map.of("interactor", Map.of("languageId", "cpp", "protocol", "kattis", "passes", 0,
                "sources", List.of(source))), "interactor.passes");
        refused(admin, Map.of("interactor", Map.of("languageId", "cpp", "protocol", "kattis", "passes", 17,
                "sources", List.of(source))), "interactor.passes");
        refused(admin, Map.of("interactor", Map.of("languageId", "cpp", "protocol", "kattis",
                "sources", List.of(Map.of("name", "a/i.cpp", "content", "x")))), "interactor.sources[0].name");
        assertThat(get("/api/v1/problems", admin).json().path("total").asLong()).as("nothing refused is stored")
                .isEqualTo(before);
    }

    @Test
    void multiFileSubmissionsAreCheckedBeforeAnythingIsQueued() {
        String admin = adminToken();
        long id = created(admin, Map.of("supportFiles",
                Map.of("c", List.of(Map.of("name", "grader.c", "content", "int main(void){return 0;}")))));
        Response t = putJson("/api/v1/problems/" + id + "/tests/1", admin,
                json(Map.of("input", "1\n", "expectedOutput", "1\n")));
        assertThat(t.status()).as(t.body()).isBetween(200, 201);
        String user = userToken();
        Map<String, Object> file = Map.of("name", "main.c", "content", "int main(){}");
        assertField(submit(user, Map.of("problemId", id, "languageId", "c")).problem(400), "source");
        assertField(submit(user, Map.of("problemId", id, "languageId", "c", "source", "x",
                "sources", List.of(file))).problem(400), "sources");
        assertField(submit(user, Map.of("problemId", id, "languageId", "c", "sources", List.of())).problem(400),
                "sources");
        assertField(submit(user, Map.of("problemId", id, "languageId", "c",
                "sources", List.of(Map.of("content", "x")))).problem(400), "sources[0].name");
        assertField(submit(user, Map.of("problemId", id, "languageId", "c",
                "sources", List.of(Map.of("name", "../main.c", "content", "x")))).problem(400), "sources[0].name");
        assertField(submit(user, Map.of("problemId", id, "languageId", "c",
                "sources", List.of(file, Map.of("name", "main.c", "content", "y")))).problem(400), "sources[1].name");
        assertField(submit(user, Map.of("problemId", id, "languageId", "c",
                "sources", List.of(Map.of("name", "main.c")))).problem(400), "sources[0].content");
        assertField(submit(user, Map.of("problemId", id, "languageId", "c",
                "sources", IntStream.range(0, 33)
                        .mapToObj(i -> Map.of("name", i + ".c", "content", "x")).toList())).problem(400), "sources");
        // two files of 40,000 bytes: each under the cap, together over it
        assertField(submit(user, Map.of("problemId", id, "languageId", "c", "sources",
                List.of(Map.of("name", "a.c", "content", "x".repeat(40_000)),
                        Map.of("name", "b.c", "content", "x".repeat(40_000))))).problem(413), "sources");
        // a file named like one of the problem's support files
        assertField(submit(user, Map.of("problemId", id, "languageId", "c",
                "sources", List.of(file, Map.of("name", "grader.c", "content", "y")))).problem(422), "sources");
        assertThat(get("/api/v1/submissions?problemId=" + id, user).json().path("total").asLong()).isZero();
    }

    private Response submit(String token, Map<String, Object> body) {
        return postJson("/api/v1/submissions", token, json(body));
    }

    private long created(String admin, Map<String, Object> fields) {
        Response r = postJson("/api/v1/problems", admin, body(fields));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private void refused(String admin, Map<String, Object> fields, String field) {
        assertField(postJson("/api/v1/problems", admin, body(fields)).problem(400), field);
    }

    private static String body(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("title", "refused");
        body.put("statement", "");
        return json(body);
    }

    static void assertField(JsonNode problem, String field) {
        assertThat(problem.path("errors").findValuesAsText("field")).as(problem.toString()).containsExactly(field);
    }
}
