package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.ServerSupport;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Submissions, languages and runs over real HTTP, judged by the real native sandbox (root); run on the
 * embedded default and on PostgreSQL + Redis.
 */
abstract class JudgingScenarios extends JudgingSupport {

    // ---- submissions ---------------------------------------------------------------------------------

    @Test
    void aCorrectSubmissionIsAcceptedAndHiddenTestsStayHidden() {
        String admin = adminToken();
        long problem = sumProblem(admin);
        String user = userToken();
        String id = submit(user, problem, "c", SUM_C);

        JsonNode s = awaitFinished(id, user);
        assertThat(s.path("verdict").asText()).isEqualTo("AC");
        assertThat(s.path("score").asDouble()).isEqualTo(2.0);
        assertThat(s.path("maxScore").asDouble()).isEqualTo(2.0);
        assertThat(s.path("problemId").asLong()).isEqualTo(problem);
        assertThat(s.path("languageId").asText()).isEqualTo("c");
        assertThat(s.path("source").asText()).isEqualTo(SUM_C);
        // Where the judge's time went: one run per test, inside the total from accept to finished.
        JsonNode phases = s.path("phases");
        assertThat(phases.path("runMillis")).hasSize(2);
        assertThat(phases.path("totalMillis").asDouble()).isPositive()
                .isGreaterThanOrEqualTo(phases.path("queuedMillis").asDouble());
        JsonNode tests = s.path("tests");
        assertThat(tests).hasSize(2);
        JsonNode open = tests.get(0);
        assertThat(open.path("testId").asText()).isEqualTo("1");
        assertThat(open.path("verdict").asText()).isEqualTo("AC");
        assertThat(open.path("stdout").asText()).isEqualTo("3\n");
        assertThat(open.path("exitCode").asInt()).isZero();
        JsonNode hidden = tests.get(1);
        assertThat(hidden.path("hidden").asBoolean()).isTrue();
        assertThat(hidden.path("verdict").asText()).isEqualTo("AC");
        assertThat(hidden.path("testId").isNull()).isTrue();
        assertThat(hidden.path("stdout").isNull()).isTrue();
        assertThat(hidden.path("exitCode").isNull()).isTrue();
        assertThat(hidden.has("wallTimeMillis")).isTrue();
        assertThat(hidden.has("memoryKiB")).isTrue();

        JsonNode asAdmin = get("/api/v1/submissions/" + id, admin).json();
        assertThat(asAdmin.path("tests").get(1).path("testId").asText()).isEqualTo("2");
        assertThat(asAdmin.path("tests").get(1).path("stdout").asText()).isEqualTo("42\n");
        assertThat(asAdmin.path("username").asText()).isEqualTo(s.path("username").asText());
    }

    @Test
    void aSubmissionBeingJudgedShowsAsRunningToPollers() {
        String admin = adminToken();
        Response p = postJson("/api/v1/problems", admin, json(Map.of("title", "Slow " + UUID.randomUUID(),
                "statement", "Add slowly.", "limits", Map.of("wallTime", "20s"))));
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        long problem = p.json().path("id").asLong();
        putTest(admin, problem, "1", "1 2\n", "3\n", false);
        String user = userToken();
        String id = submit(user, problem, "c", SLOW_SUM_C);

        java.util.List<String> seen = new java.util.ArrayList<>();
        java.util.Set<String> listed = new java.util.HashSet<>();
        JsonNode last;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        do {
            last = get("/api/v1/submissions/" + id, user).json();
            String status = last.path("status").asText();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
            }
            // the listing reads the stored row, whose status the server moves forward as judging goes on
            listed.add(get("/api/v1/submissions?problemId=" + problem, user).json().path("items").get(0)
                    .path("status").asText());
            assertThat(System.nanoTime()).as("statuses so far %s", seen).isLessThan(deadline);
            sleep(50);
        } while (!last.path("status").asText().equals("FINISHED"));
        assertThat(seen).as("statuses in order").contains("RUNNING").endsWith("FINISHED");
        assertThat(seen.indexOf("RUNNING")).isLessThan(seen.indexOf("FINISHED"));
        assertThat(listed).as("statuses in the listing").contains("RUNNING");
        assertThat(last.path("verdict").asText()).isEqualTo("AC");
    }

    @Test
    void wrongAnswersAndCompileErrorsGetTheirVerdicts() {
        String admin = adminToken();
        long problem = sumProblem(admin);
        String user = userToken();
        String wrong = submit(user, problem, "c", DIFF_C);
        String broken = submit(user, problem, "c", BROKEN_C);

        JsonNode w = awaitFinished(wrong, user);
        assertThat(w.path("verdict").asText()).isEqualTo("WA");
        assertThat(w.path("score").asDouble()).isZero();
        assertThat(w.path("tests").get(0).path("stdout").asText()).isEqualTo("-1\n");

        JsonNode b = awaitFinished(broken, user);
        assertThat(b.path("verdict").asText()).isEqualTo("CE");
        assertThat(b.path("compileOutput").asText()).contains("undefined_name");
    }

    @Test
    void accountsSeeOnlyTheirOwnSubmissions() {
        String admin = adminToken();
        long problem = sumProblem(admin);
        String alice = userToken();
        String bob = userToken();
        String id = submit(alice, problem, "c", SUM_C);
        String aliceName = get("/api/v1/auth/me", alice).json().path("username").asText();

        get("/api/v1/submissions/" + id, bob).problem(404);
        get("/api/v1/submissions/no-such-id", alice).problem(404);
        get("/api/v1/submissions/" + id, null).problem(401);

        JsonNode mine = get("/api/v1/submissions?problemId=" + problem, alice).json();
        assertThat(mine.path("total").asLong()).isEqualTo(1);
        assertThat(mine.path("items").get(0).path("id").asText()).isEqualTo(id);
        assertThat(get("/api/v1/submissions?problemId=" + problem, bob).json().path("total").asLong()).isZero();

        get("/api/v1/submissions?username=" + aliceName, alice).problem(403);
        JsonNode byName = get("/api/v1/submissions?username=" + aliceName, admin).json();
        assertThat(byName.path("items")).isNotEmpty();
        byName.path("items").forEach(i -> assertThat(i.path("username").asText()).isEqualTo(aliceName));

        awaitFinished(id, alice);
        assertThat(get("/api/v1/submissions?problemId=" + problem + "&verdict=AC&languageId=c", alice).json()
                .path("total").asLong()).isEqualTo(1);
        assertThat(get("/api/v1/submissions?problemId=" + problem + "&verdict=WA", alice).json()
                .path("total").asLong()).isZero();
        get("/api/v1/submissions?verdict=MAYBE", alice).problem(400);
        get("/api/v1/submissions?size=1000", alice).problem(400);
    }

    @Test
    void badSubmissionsAreRefusedNamingTheField() {
        String admin = adminToken();
        long problem = sumProblem(admin);
        String user = userToken();

        assertField(postJson("/api/v1/submissions", user,
                json(Map.of("problemId", 999_999, "languageId", "c", "source", SUM_C))).problem(422), "problemId");
        assertField(postJson("/api/v1/submissions", user,
                json(Map.of("problemId", problem, "languageId", "cobol", "source", SUM_C))).problem(422),
                "languageId");
        assertField(postJson("/api/v1/submissions", user,
                json(Map.of("problemId", problem, "languageId", "c", "source", "x".repeat(70_000)))).problem(413),
                "source");
        assertField(postJson("/api/v1/submissions", user,
                json(Map.of("problemId", problem, "languageId", "c"))).problem(400), "source");
        assertField(postJson("/api/v1/submissions", user,
                json(Map.of("problemId", "one", "languageId", "c", "source", SUM_C))).problem(400), "problemId");
        assertField(postJson("/api/v1/submissions", user, json(Map.of("problemId", problem, "languageId", "c",
                "source", SUM_C, "callbackUrl", "http://169.254.169.254/latest/meta-data"))).problem(422),
                "callbackUrl");
        assertField(postJson("/api/v1/submissions", user, json(Map.of("problemId", problem, "languageId", "c",
                "source", SUM_C, "callbackUrl", "http://10.1.2.3/hook"))).problem(422), "callbackUrl");
        assertField(postJson("/api/v1/submissions", user, json(Map.of("problemId", problem, "languageId", "c",
                "source", SUM_C, "callbackUrl", "file:///etc/passwd"))).problem(422), "callbackUrl");

        long empty = createProblem(admin, "No tests " + UUID.randomUUID());
        assertField(postJson("/api/v1/submissions", user,
                json(Map.of("problemId", empty, "languageId", "c", "source", SUM_C))).problem(422), "problemId");
    }

    static void assertField(JsonNode problem, String field) {
        assertThat(problem.path("errors").findValuesAsText("field")).as(problem.toString()).contains(field);
    }

    // ---- languages and runs --------------------------------------------------------------------------

    @Test
    void languagesSayWhatIsAvailable() {
        JsonNode langs = get("/api/v1/languages", userToken()).json();
        JsonNode c = null;
        for (JsonNode l : langs) {
            if (l.path("id").asText().equals("c")) {
                c = l;
            }
        }
        assertThat(c).as(langs.toString()).isNotNull();
        assertThat(c.path("available").asBoolean()).isTrue();
        assertThat(c.path("name").asText()).isNotBlank();
        assertThat(c.path("version").asText()).isNotBlank();
        assertThat(c.path("judge0Ids").toString()).contains("50");
        get("/api/v1/languages", null).problem(401);
    }

    @Test
    void aRunReturnsOutputAndABatchKeepsTheInputsOrder() {
        String user = userToken();
        JsonNode run = postJson("/api/v1/runs", user,
                json(Map.of("languageId", "c", "source", SUM_C, "stdin", "5 6\n"))).json();
        assertThat(run.path("verdict").asText()).as(run.toString()).isEqualTo("AC");
        assertThat(run.path("stdout").asText()).isEqualTo("11\n");
        assertThat(run.path("exitCode").asInt()).isZero();
        assertThat(run.has("cpuTimeMillis") && run.has("wallTimeMillis") && run.has("memoryKiB")).isTrue();

        JsonNode failed = postJson("/api/v1/runs", user,
                json(Map.of("languageId", "c", "source", SUM_C, "stdin", "nothing"))).json();
        assertThat(failed.path("verdict").asText()).isEqualTo("RE");
        assertThat(failed.path("exitCode").asInt()).isEqualTo(3);

        JsonNode ce = postJson("/api/v1/runs", user, json(Map.of("languageId", "c", "source", BROKEN_C))).json();
        assertThat(ce.path("verdict").asText()).isEqualTo("CE");
        assertThat(ce.path("compileOutput").asText()).contains("undefined_name");

        String unique = SUM_C + "/* " + UUID.randomUUID() + " */\n";
        Response batch = postJson("/api/v1/runs/batch", user, json(Map.of("languageId", "c", "source", unique,
                "stdins", java.util.List.of("1 1", "2 2", "3 3", "10 -4"), "limits", Map.of("cpuTime", "1s"))));
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.json()).hasSize(4);
        assertThat(batch.json().findValuesAsText("stdout")).containsExactly("2\n", "4\n", "6\n", "6\n");

        assertField(postJson("/api/v1/runs", user, json(Map.of("languageId", "c", "source", SUM_C,
                "limits", Map.of("cpuTime", "forever")))).problem(400), "limits.cpuTime");
        assertField(postJson("/api/v1/runs", user, json(Map.of("languageId", "c", "source", SUM_C,
                "limits", Map.of("memory", "4GB")))).problem(422), "limits.memory");
        assertField(postJson("/api/v1/runs", user, json(Map.of("languageId", "c", "source", SUM_C,
                "stdin", "1".repeat(150_000)))).problem(413), "stdin");
        assertField(postJson("/api/v1/runs/batch", user, json(Map.of("languageId", "c", "source", SUM_C,
                "stdins", java.util.Collections.nCopies(21, "1 1")))).problem(422), "stdins");
        assertField(postJson("/api/v1/runs/batch", user, json(Map.of("languageId", "c", "source", SUM_C,
                "stdins", java.util.List.of()))).problem(400), "stdins");
    }

    // ---- live events, statistics ---------------------------------------------------------------------

    @Test
    void liveEventsStreamStatusTestsAndTheFinishedSubmission() throws Exception {
        String admin = adminToken();
        long problem = sumProblem(admin);
        String user = userToken();
        String unique = SUM_C + "/* " + UUID.randomUUID() + " */\n";
        String id = submit(user, problem, "c", unique);

        java.util.List<String[]> events = readEvents("/api/v1/submissions/" + id + "/events?access_token=" + user);
        java.util.List<String> names = events.stream().map(e -> e[0]).toList();
        assertThat(names).as(names.toString()).last().isEqualTo("finished");
        assertThat(names.stream().filter("test"::equals).count()).isEqualTo(2);
        JsonNode finished = JSON.readTree(events.get(events.size() - 1)[1]);
        assertThat(finished.path("verdict").asText()).isEqualTo("AC");
        assertThat(finished.path("tests")).hasSize(2);
        JsonNode hiddenTest = null;
        for (String[] e : events) {
            if (e[0].equals("test")) {
                JsonNode t = JSON.readTree(e[1]);
                assertThat(t.path("result").path("verdict").asText()).isEqualTo("AC");
                assertThat(t.path("total").asInt()).isEqualTo(2);
                if (t.path("index").asInt() == 1) {
                    hiddenTest = t.path("result");
                }
            }
        }
        assertThat(hiddenTest).isNotNull();
        assertThat(hiddenTest.path("stdout").isNull()).isTrue();

        // already finished: one finished event at once
        java.util.List<String[]> again = readEvents("/api/v1/submissions/" + id + "/events?access_token=" + user);
        assertThat(again).hasSize(1);
        assertThat(again.get(0)[0]).isEqualTo("finished");

        String other = userToken();
        assertThat(send(request("/api/v1/submissions/" + id + "/events?access_token=" + other, null).GET()).status())
                .isEqualTo(404);
        // the query parameter is a credential on event streams only
        get("/api/v1/auth/me?access_token=" + user, null).problem(401);
    }

    /** Reads a text/event-stream to its end: {event name, data} pairs. */
    protected java.util.List<String[]> readEvents(String path) throws Exception {
        java.net.http.HttpResponse<java.util.stream.Stream<String>> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        java.util.List<String[]> events = new java.util.ArrayList<>();
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) r.body()::iterator) {
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5));
            } else if (line.isEmpty() && name != null) {
                events.add(new String[] {name, data.toString()});
                name = null;
                data.setLength(0);
            }
        }
        return events;
    }

    @Test
    void statisticsAndLeaderboardOfAProblem() {
        String admin = adminToken();
        long problem = sumProblem(admin);
        String alice = userToken();
        String bob = userToken();
        String aliceWrong = submit(alice, problem, "c", DIFF_C);
        awaitFinished(aliceWrong, alice);
        String aliceRight = submit(alice, problem, "c", SUM_C);
        awaitFinished(aliceRight, alice);
        String bobWrong = submit(bob, problem, "cpp", "#include <cstdio>\nint main(){std::puts(\"0\");}\n");
        awaitFinished(bobWrong, bob);

        JsonNode stats = get("/api/v1/problems/" + problem + "/stats", bob).json();
        assertThat(stats.path("submissions").asLong()).isEqualTo(3);
        assertThat(stats.path("judged").asLong()).isEqualTo(3);
        assertThat(stats.path("accepted").asLong()).isEqualTo(1);
        assertThat(stats.path("acceptanceRate").asDouble()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(stats.path("byVerdict").path("WA").asLong()).isEqualTo(2);
        assertThat(stats.path("byVerdict").path("AC").asLong()).isEqualTo(1);
        assertThat(stats.path("byLanguage").path("c").asLong()).isEqualTo(2);
        assertThat(stats.path("byLanguage").path("cpp").asLong()).isEqualTo(1);
        assertThat(stats.path("users").asLong()).isEqualTo(2);
        assertThat(stats.path("solvedBy").asLong()).isEqualTo(1);

        JsonNode board = get("/api/v1/problems/" + problem + "/leaderboard", bob).json();
        assertThat(board).hasSize(2);
        assertThat(board.get(0).path("rank").asInt()).isEqualTo(1);
        assertThat(board.get(0).path("submissionId").asText()).isEqualTo(aliceRight);
        assertThat(board.get(0).path("score").asDouble()).isEqualTo(2.0);
        assertThat(board.get(1).path("submissionId").asText()).isEqualTo(bobWrong);
        get("/api/v1/problems/999999/stats", bob).problem(404);

        // per account: alice tried once, then solved, in C
        String aliceName = get("/api/v1/auth/me", alice).json().path("username").asText();
        JsonNode mine = get("/api/v1/stats/users/" + aliceName, bob).json();
        assertThat(mine.path("submissions").asLong()).isEqualTo(2);
        assertThat(mine.path("accepted").asLong()).isEqualTo(1);
        assertThat(mine.path("attempted").asLong()).isEqualTo(1);
        assertThat(mine.path("solved").asLong()).isEqualTo(1);
        assertThat(mine.path("solvedProblems").get(0).asLong()).isEqualTo(problem);
        assertThat(mine.path("byVerdict").path("WA").asLong()).isEqualTo(1);
        assertThat(mine.path("byLanguage").path("c").path("submissions").asLong()).isEqualTo(2);
        assertThat(mine.path("byLanguage").path("c").path("solved").asLong()).isEqualTo(1);
        get("/api/v1/stats/users/nobody-" + UUID.randomUUID(), bob).problem(404);
    }
}
