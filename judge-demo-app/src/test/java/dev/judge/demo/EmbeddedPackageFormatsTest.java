package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.EmbeddedServerTest;
import dev.judge.demo.support.Zips;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One package of each format, built here, imported over the API on the embedded default and then judged with a
 * correct, a wrong and a too-slow submission; the package's input validators and example submissions run in the
 * sandbox at import (a missing time limit derived from the accepted ones), again on demand, and the problem exported
 * as a Kattis package that imports again. Refusals: past an inflated cap 413, broken 422, each naming the file.
 */
@EmbeddedServerTest
class EmbeddedPackageFormatsTest extends PackageImportSupport {
    static final String SUM_C = "#include <stdio.h>\nint main(void){long a,b;if(scanf(\"%ld %ld\",&a,&b)!=2)"
            + "return 3;printf(\"%ld\\n\",a+b);return 0;}\n";
    static final String OFF_C = "#include <stdio.h>\nint main(void){long a,b;scanf(\"%ld %ld\",&a,&b);"
            + "printf(\"%ld\\n\",a+b+1);return 0;}\n";
    static final String SPIN_C = "int main(void){volatile unsigned long n=0;for(;;)n++;}\n";
    /** Kattis input validator: two integers on one line, exit 42 when so, 43 with a message when not. */
    static final String VALIDATOR_C = "#include <stdio.h>\nint main(void){long a,b;char nl;"
            + "if(scanf(\"%ld %ld%c\",&a,&b,&nl)==3&&nl=='\\n'&&getchar()==EOF)return 42;"
            + "fprintf(stderr,\"expected two integers on a line\\n\");return 43;}\n";
    /** testlib-protocol checker: checker input output answer, exit 0 when the numbers match, 1 when not. */
    static final String TESTLIB_CHECKER_C = "#include <stdio.h>\nint main(int c,char**v){FILE*o=fopen(v[2],\"r\"),"
            + "*a=fopen(v[3],\"r\");long x,y;if(!o||!a||fscanf(a,\"%ld\",&y)!=1)return 3;"
            + "if(fscanf(o,\"%ld\",&x)!=1||x!=y){fprintf(stderr,\"wrong answer\\n\");return 1;}"
            + "fprintf(stderr,\"ok\\n\");return 0;}\n";

    @BeforeAll
    static void needsTheSandbox() {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox runs the package's programs)");
    }

    private static Zips kattis() {
        return Zips.create()
                .file("sum/problem.yaml", "name: Sum verified\n")
                .file("sum/data/sample/1.in", "1 2\n").file("sum/data/sample/1.ans", "3\n")
                .file("sum/data/secret/1.in", "10 20\n").file("sum/data/secret/1.ans", "30\n")
                .file("sum/input_validators/check.c", VALIDATOR_C)
                .file("sum/submissions/accepted/sum.c", SUM_C)
                .file("sum/submissions/wrong_answer/off.c", OFF_C)
                .file("sum/submissions/time_limit_exceeded/spin.c", SPIN_C);
    }

    @Test
    void aKattisPackageIsVerifiedItsTimeLimitDerivedAndItExportsAsAPackageThatImportsAgain() {
        String admin = adminToken();
        Response r = postZip("/api/v1/problems/import", admin, kattis().bytes());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode body = r.json();
        long id = body.path("problemId").asLong();
        assertThat(body.path("timeLimitDerived").asBoolean()).isTrue();
        assertThat(body.path("timeLimitMs").asLong()).as("a fast solution × 5, rounded, at least 1 s").isEqualTo(1000);
        assertThat(body.path("acceptedFailed").asBoolean()).isFalse();
        assertThat(rows(body.path("verification"))).containsExactly(
                "submissions/accepted/sum.c AC PASSED", "submissions/time_limit_exceeded/spin.c TLE PASSED",
                "submissions/wrong_answer/off.c WA PASSED");
        assertThat(lines(body)).anyMatch(l -> l.startsWith("NOTE submissions/ [limits.time_limit] time limit 1000 ms"
                + " derived")).anyMatch(l -> l.startsWith("NOTE input_validators/check.c") && l.contains("every one valid"));
        judgeCorrectWrongAndSlow(id);

        JsonNode again = postJson("/api/v1/problems/" + id + "/verify", admin, "").json();
        assertThat(rows(again.path("submissions"))).hasSize(3).allMatch(l -> l.endsWith("PASSED"));
        assertThat(get("/api/v1/problems/" + id + "/verification", admin).json().path("verifiedAt").asText())
                .isEqualTo(again.path("verifiedAt").asText());
        get("/api/v1/problems/" + id + "/verification", userToken()).problem(403);
        get("/api/v1/problems/" + id + "/export", userToken()).problem(403);

        Response export = get("/api/v1/problems/" + id + "/export", admin);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/zip"));
        Map<String, String> files = unzip(export.bytes());
        assertThat(files).containsKeys("problem.yaml", "data/sample/1.in", "data/sample/1.ans", "data/secret/1.in",
                "data/secret/1.ans", "input_validators/check.c", "submissions/accepted/sum.c");
        assertThat(files.get("problem.yaml")).contains("time_limit: 1\n");
        JsonNode reimported = postZip("/api/v1/problems/import", admin, export.bytes()).json();
        assertThat(reimported.path("timeLimitDerived").asBoolean()).as("the export carries the limit").isFalse();
        assertThat(reimported.path("timeLimitMs").asLong()).isEqualTo(1000);
        assertThat(tests(reimported.path("problemId").asLong())).isEqualTo(tests(id));
    }

    @Test
    void anInputTheValidatorRefusesRefusesThePackageNamingValidatorAndTest() {
        String admin = adminToken();
        JsonNode p = postZip("/api/v1/problems/import", admin, kattis()
                .file("sum/data/secret/2.in", "1 two\n").file("sum/data/secret/2.ans", "3\n").bytes()).problem(422);
        assertThat(p.path("detail").asText()).contains("input_validators/check.c").contains("secret/2")
                .contains("exit code 43").contains("expected two integers on a line");
    }

    @Test
    void aPackageWhoseAcceptedSolutionFailsIsImportedAndFlagged() {
        JsonNode body = postZip("/api/v1/problems/import", adminToken(), kattis()
                .file("sum/problem.yaml", "name: Flagged\nlimits:\n  time_limit: 1\n")
                .file("sum/submissions/accepted/also-off.c", OFF_C).bytes()).json();
        assertThat(body.path("acceptedFailed").asBoolean()).isTrue();
        assertThat(rows(body.path("verification"))).contains("submissions/accepted/also-off.c WA FAILED");
        assertThat(lines(body)).anyMatch(l -> l.contains("FLAGGED"));
    }

    @Test
    void anInteractiveKattisPackage() {
        String interactor = "#include <stdio.h>\n#include <stdlib.h>\nint main(int c,char**v){FILE*in=fopen(v[1],\"r\");"
                + "long s,g;if(!in||fscanf(in,\"%ld\",&s)!=1)return 1;for(int i=0;i<40;i++){if(scanf(\"%ld\",&g)!=1)"
                + "return 43;if(g==s){printf(\"=\\n\");fflush(stdout);return 42;}printf(g<s?\"<\\n\":\">\\n\");"
                + "fflush(stdout);}return 43;}\n";
        String guesser = "#include <stdio.h>\nint main(void){long lo=1,hi=1000000;char r[4];for(;;){long m=(lo+hi)/2;"
                + "printf(\"%ld\\n\",m);fflush(stdout);if(scanf(\"%3s\",r)!=1)return 0;if(r[0]=='=')return 0;"
                + "if(r[0]=='<')lo=m+1;else hi=m-1;}}\n";
        String lazy = "#include <stdio.h>\nint main(void){printf(\"1\\n\");fflush(stdout);char r[4];scanf(\"%3s\",r);"
                + "return 0;}\n";
        long id = imported(Zips.create()
                .file("problem.yaml", "name: Guess\nvalidation: custom interactive\nlimits:\n  time_limit: 1\n")
                .file("data/secret/1.in", "777\n").file("data/secret/1.ans", "\n")
                .file("data/secret/2.in", "123456\n").file("data/secret/2.ans", "\n")
                .file("output_validators/guess/guess.c", interactor)
                .file("submissions/accepted/guess.c", guesser));
        assertThat(verdictOf(id, guesser)).isEqualTo("AC");
        assertThat(verdictOf(id, lazy)).isEqualTo("WA");
        assertThat(verdictOf(id, SPIN_C)).isEqualTo("TLE");
    }

    @Test
    void aScoringKattisPackageWithGroups() {
        long id = imported(Zips.create()
                .file("problem.yaml", "name: Groups\ntype: scoring\nlimits:\n  time_limit: 1\n")
                .file("data/sample/1.in", "1 2\n").file("data/sample/1.ans", "3\n")
                .file("data/secret/small/testdata.yaml", "accept_score: 10\n")
                .file("data/secret/small/1.in", "2 2\n").file("data/secret/small/1.ans", "4\n")
                .file("data/secret/large/testdata.yaml", "grader_flags: min\naccept_score: 50\n")
                .file("data/secret/large/1.in", "1000000 1\n").file("data/secret/large/1.ans", "1000001\n")
                .file("data/secret/large/2.in", "7 8\n").file("data/secret/large/2.ans", "15\n")
                .file("submissions/accepted/sum.c", SUM_C));
        String user = userToken();
        JsonNode ac = awaitFinished(submit(user, id, SUM_C), user);
        assertThat(ac.path("verdict").asText()).isEqualTo("AC");
        assertThat(ac.path("score").asDouble()).isEqualTo(61.0);
        assertThat(verdictOf(id, OFF_C)).isEqualTo("WA");
        assertThat(verdictOf(id, SPIN_C)).isEqualTo("TLE");
    }

    @Test
    void aPolygonPackageWithATestlibCheckerValidatorAndTaggedSolutions() {
        String xml = """
                <problem short-name="sum"><names><name language="english" value="Polygon sum"/></names>
                <judging><testset name="tests"><time-limit>1000</time-limit><memory-limit>268435456</memory-limit>
                <test-count>2</test-count><input-path-pattern>tests/%02d</input-path-pattern>
                <answer-path-pattern>tests/%02d.a</answer-path-pattern>
                <tests><test method="manual" sample="true"/><test method="manual"/></tests></testset></judging>
                <files/><assets><checker type="testlib"><source path="files/check.c" type="c.gcc"/></checker>
                <validators><validator><source path="files/val.c" type="c.gcc"/></validator></validators>
                <solutions><solution tag="main"><source path="solutions/sum.c" type="c.gcc"/></solution>
                <solution tag="wrong-answer"><source path="solutions/off.c" type="c.gcc"/></solution>
                <solution tag="time-limit-exceeded"><source path="solutions/spin.c" type="c.gcc"/></solution>
                </solutions></assets></problem>
                """;
        JsonNode body = importedBody(Zips.create().file("problem.xml", xml)
                .file("tests/01", "1 2\n").file("tests/01.a", "3\n").file("tests/02", "40 2\n").file("tests/02.a", "42\n")
                .file("files/check.c", TESTLIB_CHECKER_C)
                .file("files/val.c", VALIDATOR_C.replace("return 42;", "return 0;").replace("return 43;", "return 3;"))
                .file("solutions/sum.c", SUM_C).file("solutions/off.c", OFF_C).file("solutions/spin.c", SPIN_C));
        assertThat(body.path("format").asText()).isEqualTo("POLYGON");
        assertThat(rows(body.path("verification"))).containsExactly("solutions/off.c WA PASSED",
                "solutions/spin.c TLE PASSED", "solutions/sum.c AC PASSED");
        judgeCorrectWrongAndSlow(body.path("problemId").asLong());
        assertThat(get("/api/v1/problems/" + body.path("problemId").asLong() + "/export", adminToken())
                .problem(422).path("detail").asText()).contains("testlib");
    }

    @Test
    void aDomjudgePackageWithExpectedResultsTags() {
        JsonNode body = importedBody(Zips.create()
                .file("domjudge-problem.ini", "name = DOMjudge sum\ntimelimit = 1\n")
                .file("data/sample/1.in", "1 2\n").file("data/sample/1.ans", "3\n")
                .file("data/secret/1.in", "5 6\n").file("data/secret/1.ans", "11\n")
                .file("input_validators/check.c", VALIDATOR_C)
                .file("submissions/accepted/sum.c", SUM_C)
                .file("submissions/accepted/slow.c", "/* @EXPECTED_RESULTS@: TIMELIMIT */\n" + SPIN_C));
        assertThat(body.path("format").asText()).isEqualTo("DOMJUDGE");
        assertThat(rows(body.path("verification"))).containsExactly("submissions/accepted/slow.c TLE PASSED",
                "submissions/accepted/sum.c AC PASSED");
        judgeCorrectWrongAndSlow(body.path("problemId").asLong());
    }

    @Test
    void aDmojPackage() {
        byte[] archive = Zips.create().file("s.1.in", "1 2\n").file("s.1.out", "3\n")
                .file("s.2.in", "8 9\n").file("s.2.out", "17\n").bytes();
        JsonNode body = importedBody(Zips.create().file("s.zip", archive).file("init.yml", """
                archive: s.zip
                test_cases:
                - {in: s.1.in, out: s.1.out, points: 5}
                - {in: s.2.in, out: s.2.out, points: 5}
                """));
        assertThat(body.path("format").asText()).isEqualTo("DMOJ");
        judgeCorrectWrongAndSlow(body.path("problemId").asLong());
    }

    @Test
    void packagesPastAnInflatedCapAre413AndBrokenOnes422NamingTheFile() {
        String admin = adminToken();
        JsonNode bomb = postZip("/api/v1/problems/import", admin, Zips.bomb(3L << 20)).problem(413);
        assertThat(bomb.path("detail").asText()).contains("1.in");
        Zips many = Zips.create().file("problem.yaml", "name: Many\n");
        for (int i = 0; i < 60; i++) {
            many.file("data/secret/" + i + ".in", "1 2\n");
        }
        assertThat(postZip("/api/v1/problems/import", admin, many.bytes()).problem(413).path("detail").asText())
                .contains("entries");
        JsonNode broken = postZip("/api/v1/problems/import", admin, Zips.create().file("problem.xml", "<problem>")
                .bytes()).problem(422);
        assertThat(broken.path("detail").asText()).contains("problem.xml");
        assertThat(broken.path("errors").findValuesAsText("field")).containsExactly("file");
    }

    private void judgeCorrectWrongAndSlow(long id) {
        assertThat(verdictOf(id, SUM_C)).isEqualTo("AC");
        assertThat(verdictOf(id, OFF_C)).isEqualTo("WA");
        assertThat(verdictOf(id, SPIN_C)).isEqualTo("TLE");
    }

    private String verdictOf(long problem, String source) {
        String user = userToken();
        JsonNode n = awaitFinished(submit(user, problem, source), user);
        return n.path("verdict").asText();
    }

    private long imported(Zips zip) {
        return importedBody(zip).path("problemId").asLong();
    }

    private JsonNode importedBody(Zips zip) {
        Response r = postZip("/api/v1/problems/import", adminToken(), zip.bytes());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private List<String> tests(long id) {
        List<String> out = new ArrayList<>();
        get("/api/v1/problems/" + id + "/tests", adminToken()).json().forEach(t -> out.add(t.path("name").asText()
                + " " + t.path("hidden").asBoolean()));
        return out;
    }

    private static List<String> rows(JsonNode rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.path("path").asText() + " " + r.path("obtained").asText() + " "
                + r.path("outcome").asText()));
        out.sort(null);
        return out;
    }

    private static List<String> lines(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.path("report").forEach(e -> out.add(e.path("status").asText() + " " + e.path("file").asText() + " ["
                + e.path("key").asText() + "] " + e.path("message").asText()));
        return out;
    }

    private static Map<String, String> unzip(byte[] zip) {
        Map<String, String> out = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                out.put(e.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
