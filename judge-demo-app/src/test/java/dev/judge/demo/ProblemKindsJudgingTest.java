package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.EmbeddedServerTest;
import dev.judge.demo.support.ServerSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Problems of every kind judged end to end through the API by the real native sandbox: scoring groups, stop
 * on first failure, several source files, a grader with its header, file I/O.
 */
@EmbeddedServerTest
class ProblemKindsJudgingTest extends ServerSupport {
    /** Doubles its number, wrongly above 100. */
    static final String DOUBLE_C = "#include <stdio.h>\nint main(void){long n;if(scanf(\"%ld\",&n)!=1)return 3;"
            + "printf(\"%ld\\n\", n > 100 ? n : 2 * n);return 0;}\n";

    @BeforeAll
    static void needsTheSandbox() {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox judges the submissions)");
    }

    @Test
    void groupsScoreByMinAndSumAndADependencyOnAFailedGroupEarnsNothing() {
        String admin = adminToken();
        long problem = problem(admin, Map.of("groups", List.of(
                Map.of("name", "samples", "points", 0),
                Map.of("name", "small", "points", 30, "scoring", "min", "dependsOn", List.of("samples")),
                Map.of("name", "large", "points", 70, "scoring", "sum", "dependsOn", List.of("small")),
                Map.of("name", "extra", "points", 10, "dependsOn", List.of("large")))));
        putTest(admin, problem, "s1", "1\n", "2\n", "samples", false);
        putTest(admin, problem, "a1", "2\n", "4\n", "small", false);
        putTest(admin, problem, "a2", "3\n", "6\n", "small", true);
        putTest(admin, problem, "b1", "50\n", "100\n", "large", false);
        putTest(admin, problem, "b2", "200\n", "400\n", "large", true);
        putTest(admin, problem, "b3", "300\n", "600\n", "large", false);
        putTest(admin, problem, "b4", "60\n", "120\n", "large", false);
        putTest(admin, problem, "c1", "5\n", "10\n", "extra", false);
        String user = userToken();

        JsonNode s = awaitFinished(submit(user, Map.of("problemId", problem, "languageId", "c", "source", DOUBLE_C)),
                user);
        assertThat(s.path("verdict").asText()).isEqualTo("WA");
        JsonNode groups = s.path("groups");
        assertThat(groups).hasSize(4);
        assertGroup(groups.get(0), "samples", "AC", 0, 0);
        assertGroup(groups.get(1), "small", "AC", 30, 30);
        assertGroup(groups.get(2), "large", "WA", 35, 70); // two of four tests: 70 x 2/4
        assertGroup(groups.get(3), "extra", "SK", 0, 10);
        assertThat(s.path("score").asDouble()).isEqualTo(65.0);
        assertThat(s.path("maxScore").asDouble()).isEqualTo(110.0);
        List<String> verdicts = new ArrayList<>();
        s.path("tests").forEach(t -> verdicts.add(t.path("verdict").asText()));
        assertThat(verdicts).containsExactly("AC", "AC", "AC", "AC", "WA", "WA", "AC", "SK");
        // hidden tests stay reduced beside the groups
        assertThat(s.path("tests").get(4).path("testId").isNull()).isTrue();
        assertThat(s.path("tests").get(4).path("hidden").asBoolean()).isTrue();
    }

    @Test
    void theWholeProblemStopsAtItsFirstFailure() {
        String admin = adminToken();
        long problem = problem(admin, Map.of("stopOnFirstFailure", true));
        putTest(admin, problem, "1", "1\n", "2\n", null, false);
        putTest(admin, problem, "2", "500\n", "1000\n", null, false);
        putTest(admin, problem, "3", "3\n", "6\n", null, false);
        String user = userToken();
        JsonNode s = awaitFinished(submit(user, Map.of("problemId", problem, "languageId", "c", "source", DOUBLE_C)),
                user);
        List<String> verdicts = new ArrayList<>();
        s.path("tests").forEach(t -> verdicts.add(t.path("verdict").asText()));
        assertThat(verdicts).containsExactly("AC", "WA", "SK");
        assertThat(s.path("groups")).isEmpty();
    }

    @Test
    void aSubmissionOfSeveralFilesIsCompiledTogether() {
        String admin = adminToken();
        long problem = problem(admin, Map.of());
        putTest(admin, problem, "1", "20\n", "40\n", null, false);
        String user = userToken();
        List<Map<String, String>> files = List.of(
                Map.of("name", "main.c", "content", "#include <stdio.h>\n#include \"twice.h\"\n"
                        + "int main(void){long n;scanf(\"%ld\",&n);printf(\"%ld\\n\",twice(n));return 0;}\n"),
                Map.of("name", "twice.h", "content", "long twice(long n);\n"),
                Map.of("name", "twice.c", "content", "#include \"twice.h\"\nlong twice(long n){return 2 * n;}\n"));
        JsonNode s = awaitFinished(submit(user, Map.of("problemId", problem, "languageId", "c", "sources", files)),
                user);
        assertThat(s.path("verdict").asText()).as(s.toString()).isEqualTo("AC");
        assertThat(s.path("source").isNull()).isTrue();
        assertThat(s.path("sources")).hasSize(3);
        assertThat(s.path("sources").get(2).path("name").asText()).isEqualTo("twice.c");
        assertThat(s.path("sources").get(2).path("content").asText()).isEqualTo(files.get(2).get("content"));
    }

    @Test
    void aGraderAndItsHeaderAreCompiledWithTheSubmission() {
        String admin = adminToken();
        String grader = "#include <cstdio>\n#include \"add.h\"\n"
                + "int main(){long long a,b;if(std::scanf(\"%lld %lld\",&a,&b)!=2)return 3;"
                + "std::printf(\"%lld\\n\",add(a,b));return 0;}\n";
        long problem = problem(admin, Map.of("supportFiles", Map.of(
                "cpp", List.of(Map.of("name", "grader.cpp", "content", grader)),
                "*", List.of(Map.of("name", "add.h", "content", "long long add(long long a, long long b);\n")))));
        putTest(admin, problem, "1", "1 2\n", "3\n", null, false);
        putTest(admin, problem, "2", "40 2\n", "42\n", null, true);
        String user = userToken();
        String solution = "#include \"add.h\"\nlong long add(long long a, long long b){return a + b;}\n";
        JsonNode s = awaitFinished(submit(user, Map.of("problemId", problem, "languageId", "cpp", "source", solution)),
                user);
        assertThat(s.path("verdict").asText()).as(s.toString()).isEqualTo("AC");
        assertThat(s.path("source").asText()).as("the submitter's own file only").isEqualTo(solution);
    }

    @Test
    void aFileIoProblemReadsAndWritesNamedFiles() {
        String admin = adminToken();
        long problem = problem(admin, Map.of("io", Map.of("inputFile", "input.txt", "outputFile", "output.txt")));
        putTest(admin, problem, "1", "21\n", "42\n", null, false);
        String user = userToken();
        String source = "#include <stdio.h>\nint main(void){long n;FILE*in=fopen(\"input.txt\",\"r\");"
                + "if(!in||fscanf(in,\"%ld\",&n)!=1)return 3;FILE*out=fopen(\"output.txt\",\"w\");"
                + "if(!out)return 4;fprintf(out,\"%ld\\n\",2*n);fclose(out);printf(\"not the answer\\n\");return 0;}\n";
        JsonNode s = awaitFinished(submit(user, Map.of("problemId", problem, "languageId", "c", "source", source)),
                user);
        assertThat(s.path("verdict").asText()).as(s.toString()).isEqualTo("AC");
    }

    private static void assertGroup(JsonNode g, String name, String verdict, double score, double maxScore) {
        assertThat(g.path("name").asText()).isEqualTo(name);
        assertThat(g.path("verdict").asText()).as("verdict of %s", name).isEqualTo(verdict);
        assertThat(g.path("score").asDouble()).as("score of %s", name).isEqualTo(score);
        assertThat(g.path("maxScore").asDouble()).as("max score of %s", name).isEqualTo(maxScore);
    }

    private long problem(String admin, Map<String, Object> kind) {
        Map<String, Object> body = new HashMap<>(kind);
        body.put("title", "kind");
        body.put("statement", "");
        Response r = postJson("/api/v1/problems", admin, json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private void putTest(String admin, long problem, String name, String input, String expected, String group,
            boolean hidden) {
        Map<String, Object> body = new HashMap<>();
        body.put("input", input);
        body.put("expectedOutput", expected);
        body.put("group", group);
        body.put("hidden", hidden);
        Response r = putJson("/api/v1/problems/" + problem + "/tests/" + name, admin, json(body));
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
    }

    private String submit(String token, Map<String, Object> body) {
        Response r = postJson("/api/v1/submissions", token, json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().path("id").asText();
    }
}
