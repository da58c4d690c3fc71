package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.EmbeddedServerTest;
import dev.judge.demo.support.Zips;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Kattis problem package imported over the API on the embedded default, then judged: the problem, its groups
 * and hidden flags as the package has them, a correct C submission accepted and a wrong one refused; a broken
 * package refused naming its file, and a non-administrator refused.
 */
@EmbeddedServerTest
class EmbeddedPackageImportTest extends PackageImportSupport {
    private static final String SUM_C = "#include <stdio.h>\nint main(void){long a,b;if(scanf(\"%ld %ld\",&a,&b)!=2)"
            + "return 3;printf(\"%ld\\n\",a+b);return 0;}\n";
    private static final String OFF_BY_ONE_C = "#include <stdio.h>\nint main(void){long a,b;scanf(\"%ld %ld\",&a,&b);"
            + "printf(\"%ld\\n\",a+b+1);return 0;}\n";

    @BeforeAll
    static void needsTheSandbox() {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox judges the submissions)");
    }

    /** A legacy Kattis scoring package without a time limit: a sample and a secret group of two tests. */
    private static Zips sumPackage() {
        return Zips.create()
                .file("sum/problem.yaml", """
                        name: Sum of two
                        type: scoring
                        validator_flags: float_tolerance 1e-6
                        source: a contest archive
                        """)
                .file("sum/problem_statement/problem.en.md", "Add two numbers.\n")
                .file("sum/data/sample/1.in", "1 2\n").file("sum/data/sample/1.ans", "3\n")
                .file("sum/data/secret/g1/1.in", "10 20\n").file("sum/data/secret/g1/1.ans", "30\n")
                .file("sum/data/secret/g1/2.in", "-5 5\n").file("sum/data/secret/g1/2.ans", "0\n");
    }

    @Test
    void aKattisPackageBecomesAProblemThatJudgesSubmissions() {
        String admin = adminToken();
        Response r = postZip("/api/v1/problems/import", admin, sumPackage().bytes());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode body = r.json();
        long id = body.path("problemId").asLong();
        assertThat(r.headers().firstValue("Location")).hasValue("/api/v1/problems/" + id);
        assertThat(body.path("format").asText()).isEqualTo("KATTIS_LEGACY");
        List<String> lines = new ArrayList<>();
        body.path("report").forEach(e -> lines.add(e.path("status").asText() + " " + e.path("file").asText() + " ["
                + e.path("key").asText() + "] " + e.path("message").asText()));
        assertThat(lines).as(lines.toString())
                .anyMatch(l -> l.startsWith("IMPORTED problem.yaml [name] Sum of two"))
                .anyMatch(l -> l.startsWith("IGNORED problem.yaml [source]"))
                .anyMatch(l -> l.startsWith("IMPORTED problem_statement/problem.en.md"))
                .anyMatch(l -> l.startsWith("NOTE  [limits.time_limit]") && l.contains("2000 ms"));

        JsonNode p = get("/api/v1/problems/" + id, admin).json();
        assertThat(p.path("title").asText()).isEqualTo("Sum of two");
        assertThat(p.path("statement").asText()).isEqualTo("Add two numbers.\n");
        assertThat(p.path("limits").path("cpuTime").asText()).as(p.toString()).isEqualTo("2s");
        assertThat(p.path("limits").path("wallTime").asText()).as("twice the CPU time and a second").isEqualTo("5s");
        assertThat(p.path("comparator").path("type").asText()).as(p.toString()).isEqualTo("kattis");
        assertThat(p.path("comparator").path("flags").asText())
                .isEqualTo("float_absolute_tolerance 1.0E-6 float_relative_tolerance 1.0E-6");
        List<String> groups = new ArrayList<>();
        p.path("groups").forEach(g -> groups.add(g.path("name").asText() + "=" + g.path("points").asDouble()));
        assertThat(groups).containsExactly("sample=1.0", "secret/g1=2.0");

        List<String> tests = new ArrayList<>();
        get("/api/v1/problems/" + id + "/tests", admin).json().forEach(t -> tests.add(t.path("name").asText() + " "
                + t.path("group").asText() + " " + t.path("hidden").asBoolean()));
        assertThat(tests).containsExactly("sample-1 sample false", "secret-g1-1 secret/g1 true",
                "secret-g1-2 secret/g1 true");

        String user = userToken();
        JsonNode accepted = awaitFinished(submit(user, id, SUM_C), user);
        assertThat(accepted.path("verdict").asText()).as(accepted.toString()).isEqualTo("AC");
        assertThat(accepted.path("score").asDouble()).isEqualTo(3.0);
        JsonNode wrong = awaitFinished(submit(user, id, OFF_BY_ONE_C), user);
        assertThat(wrong.path("verdict").asText()).as(wrong.toString()).isEqualTo("WA");
        assertThat(wrong.path("score").asDouble()).isZero();
    }

    @Test
    void aBrokenPackageIsRefusedNamingTheFileAndNothingIsStored() {
        String admin = adminToken();
        long before = get("/api/v1/problems", admin).json().path("total").asLong();
        byte[] broken = Zips.create()
                .file("problem.yaml", "name: Broken\n")
                .file("data/secret/1.in", "1 2\n")
                .bytes();
        JsonNode problem = postMultipart("/api/v1/problems/import", admin, broken).problem(422);
        assertThat(problem.path("detail").asText()).as(problem.toString()).contains("data/secret/1.in");
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("file");

        JsonNode badYaml = postZip("/api/v1/problems/import", admin, Zips.create()
                .file("problem.yaml", "name: Bad\nvalidator_flags: sideways\n")
                .file("data/secret/1.in", "1\n").file("data/secret/1.ans", "1\n").bytes()).problem(422);
        assertThat(badYaml.path("detail").asText()).as(badYaml.toString()).contains("problem.yaml");
        assertThat(get("/api/v1/problems", admin).json().path("total").asLong()).isEqualTo(before);
    }

    @Test
    void onlyAnAdministratorImports() {
        String user = userToken();
        postZip("/api/v1/problems/import", user, sumPackage().bytes()).problem(403);
        postMultipart("/api/v1/problems/import", user, sumPackage().bytes()).problem(403);
    }

    @Test
    void theMultipartPartFileIsImportedAsTheBody() {
        String admin = adminToken();
        Response r = postMultipart("/api/v1/problems/import", admin, sumPackage().bytes());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(get("/api/v1/problems/" + r.json().path("problemId").asLong() + "/tests", admin).json()).hasSize(3);
    }
}
