package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.demo.plagiarism.DetectorTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A scripted contest over real HTTP with real judging: registration, the ICPC scoreboard (penalty, compile errors
 * free, first to solve), the freeze and its lifting, the live scoreboard stream, and rejudges that list verdict
 * changes; run on the embedded default and on PostgreSQL.
 */
abstract class ContestScenarios extends JudgingSupport {

    private long contest(String admin, String scoring, Instant start, Instant end, int freezeMinutes, long... problems) {
        List<Map<String, Object>> entries = new java.util.ArrayList<>();
        for (int i = 0; i < problems.length; i++) {
            entries.add(Map.of("label", String.valueOf((char) ('A' + i)), "problemId", problems[i]));
        }
        Response r = postJson("/api/v1/contests", admin, json(Map.of("title", "Round " + start, "scoring", scoring,
                "startsAt", start.toString(), "endsAt", end.toString(), "freezeMinutes", freezeMinutes,
                "problems", entries)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private void register(String token, long contest) {
        Response r = postJson("/api/v1/contests/" + contest + "/registrations", token, "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("registered").asBoolean()).isTrue();
    }

    private static JsonNode row(JsonNode board, String user) {
        for (JsonNode r : board.path("rows")) {
            if (r.path("username").asText().equals(user)) {
                return r;
            }
        }
        throw new AssertionError(user + " is not on " + board);
    }

    private static JsonNode cell(JsonNode board, String user, String label) {
        for (JsonNode c : row(board, user).path("cells")) {
            if (c.path("label").asText().equals(label)) {
                return c;
            }
        }
        throw new AssertionError(label);
    }

    private String name(String token) {
        return get("/api/v1/auth/me", token).json().path("username").asText();
    }

    @Test
    void anIcpcContestIsScoredOverHttpAndItsFreezeHidesUntilLifted() throws Exception {
        String admin = adminToken();
        long a = sumProblem(admin);
        long b = sumProblem(admin);
        Instant now = Instant.now();
        long open = contest(admin, "ICPC", now.minusSeconds(1800), now.plusSeconds(1800), 0, a, b);
        // the same problems, frozen since 15 minutes ago: everything submitted now is hidden from the public
        long frozen = contest(admin, "ICPC", now.minusSeconds(1800), now.plusSeconds(1800), 45, a, b);
        String alice = userToken();
        String bob = userToken();
        String carl = userToken(); // not registered: not on the boards
        for (long c : new long[] {open, frozen}) {
            register(alice, c);
            register(bob, c);
        }
        awaitFinished(submit(bob, a, "c", SUM_C), bob);
        awaitFinished(submit(alice, a, "c", DIFF_C), alice);
        awaitFinished(submit(alice, a, "c", SUM_C), alice);
        awaitFinished(submit(alice, b, "c", BROKEN_C), alice);
        awaitFinished(submit(carl, a, "c", SUM_C), carl);

        JsonNode board = get("/api/v1/contests/" + open + "/scoreboard", alice).json();
        assertThat(board.path("frozen").asBoolean()).isFalse();
        assertThat(board.path("rows")).hasSize(2);
        String bobName = name(bob);
        String aliceName = name(alice);
        assertThat(board.path("rows").get(0).path("username").asText()).isEqualTo(bobName);
        JsonNode aliceA = cell(board, aliceName, "A");
        assertThat(aliceA.path("solved").asBoolean()).isTrue();
        assertThat(aliceA.path("tries").asInt()).isEqualTo(1);
        assertThat(row(board, aliceName).path("penalty").asLong()).isEqualTo(aliceA.path("minute").asLong() + 20);
        assertThat(cell(board, aliceName, "B").path("tries").asInt()).as("a compile error is free").isZero();
        assertThat(cell(board, bobName, "A").path("firstToSolve").asBoolean()).isTrue();
        assertThat(aliceA.path("firstToSolve").asBoolean()).isFalse();

        JsonNode hidden = get("/api/v1/contests/" + frozen + "/scoreboard", alice).json();
        assertThat(hidden.path("frozen").asBoolean()).isTrue();
        assertThat(cell(hidden, aliceName, "A").path("solved").asBoolean()).isFalse();
        assertThat(cell(hidden, aliceName, "A").path("pending").asInt()).isEqualTo(2);
        get("/api/v1/contests/" + frozen + "/scoreboard?view=jury", alice).problem(403);
        JsonNode jury = get("/api/v1/contests/" + frozen + "/scoreboard?view=jury", admin).json();
        assertThat(cell(jury, aliceName, "A").path("solved").asBoolean()).isTrue();
        postJson("/api/v1/contests/" + frozen + "/unfreeze", alice, "{}").problem(403);
        Response lifted = postJson("/api/v1/contests/" + frozen + "/unfreeze", admin, "{}");
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
        JsonNode revealed = get("/api/v1/contests/" + frozen + "/scoreboard", alice).json();
        assertThat(revealed.path("frozen").asBoolean()).isFalse();
        assertThat(revealed.path("rows")).isEqualTo(jury.path("rows"));
    }

    @Test
    void theLiveScoreboardSendsTheBoardAndThenEveryChange() throws Exception {
        String admin = adminToken();
        long a = sumProblem(admin);
        Instant now = Instant.now();
        long c = contest(admin, "IOI", now.minusSeconds(60), now.plusSeconds(3600), 0, a);
        String alice = userToken();
        register(alice, c);
        BlockingQueue<String> boards = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                uri("/api/v1/contests/" + c + "/scoreboard/events?access_token=" + alice)).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> stream.body().filter(l -> l.startsWith("data:"))
                .forEach(l -> boards.add(l.substring(5))));
        reader.setDaemon(true);
        reader.start();
        try {
            JsonNode first = JSON.readTree(boards.poll(30, TimeUnit.SECONDS));
            assertThat(cell(first, name(alice), "A").path("score").asDouble()).isZero();
            awaitFinished(submit(alice, a, "c", SUM_C), alice);
            // A board may also go out while the submission is still pending (the change that queued it): read
            // boards until the solve shows, each within the deadline.
            double score = 0;
            String next;
            while (score != 2.0 && (next = boards.poll(30, TimeUnit.SECONDS)) != null) {
                score = cell(JSON.readTree(next), name(alice), "A").path("score").asDouble();
            }
            assertThat(score).as("score on the last board after the solve").isEqualTo(2.0);
        } finally {
            stream.body().close();
        }
    }

    @Test
    void contestsRefuseBadInputAndLateRegistration() {
        String admin = adminToken();
        long a = sumProblem(admin);
        Instant now = Instant.now();
        postJson("/api/v1/contests", admin, json(Map.of("title", "Backwards", "scoring", "ICPC",
                "startsAt", now.toString(), "endsAt", now.minusSeconds(1).toString(),
                "problems", List.of(Map.of("label", "A", "problemId", a))))).problem(400);
        postJson("/api/v1/contests", admin, json(Map.of("title", "Twice", "scoring", "ICPC",
                "startsAt", now.toString(), "endsAt", now.plusSeconds(60).toString(),
                "problems", List.of(Map.of("label", "A", "problemId", a), Map.of("label", "a", "problemId", a + 1)))))
                .problem(400);
        postJson("/api/v1/contests", admin, json(Map.of("title", "Ghost", "scoring", "IOI",
                "startsAt", now.toString(), "endsAt", now.plusSeconds(60).toString(),
                "problems", List.of(Map.of("label", "A", "problemId", 987_654_321L))))).problem(422);
        postJson("/api/v1/contests", admin, "{\"title\": \"Odd\", \"scoring\": \"CHESS\"}").problem(400);
        String user = userToken();
        postJson("/api/v1/contests", user, json(Map.of("title", "Mine", "scoring", "ICPC",
                "startsAt", now.toString(), "endsAt", now.plusSeconds(60).toString(),
                "problems", List.of(Map.of("label", "A", "problemId", a))))).problem(403);
        long past = contest(admin, "ICPC", now.minusSeconds(7200), now.minusSeconds(3600), 0, a);
        postJson("/api/v1/contests/" + past + "/registrations", user, "{}").problem(409);
        get("/api/v1/contests/987654321", user).problem(404);
        get("/api/v1/contests/" + past + "/scoreboard?view=everything", user).problem(400);
    }

    @Test
    void aRejudgeOfAProblemListsTheVerdictsThatChanged() {
        String admin = adminToken();
        long p = sumProblem(admin);
        String user = userToken();
        String sum = submit(user, p, "c", SUM_C);
        String diff = submit(user, p, "c", DIFF_C);
        assertThat(awaitFinished(sum, user).path("verdict").asText()).isEqualTo("AC");
        assertThat(awaitFinished(diff, user).path("verdict").asText()).isEqualTo("WA");
        // the tests change: now a difference is asked for
        putTest(admin, p, "1", "5 3\n", "2\n", false);
        putTest(admin, p, "2", "40 2\n", "38\n", true);

        postJson("/api/v1/problems/" + p + "/rejudge", user, "{}").problem(403);
        Response started = postJson("/api/v1/problems/" + p + "/rejudge", admin, "{}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("runs").asInt()).isEqualTo(2);
        assertThat(started.json().path("notQueued")).isEmpty();
        JsonNode done = awaitRejudge(admin, started.json().path("id").asLong());
        assertThat(done.path("changed").asInt()).isEqualTo(2);
        for (JsonNode item : done.path("items")) {
            boolean wasSum = item.path("submissionId").asText().equals(sum);
            assertThat(item.path("oldVerdict").asText()).isEqualTo(wasSum ? "AC" : "WA");
            assertThat(item.path("newVerdict").asText()).isEqualTo(wasSum ? "WA" : "AC");
            assertThat(item.path("changed").asBoolean()).isTrue();
        }
        // the submissions carry their new results
        assertThat(get("/api/v1/submissions/" + sum, user).json().path("verdict").asText()).isEqualTo("WA");
        assertThat(get("/api/v1/submissions/" + diff, user).json().path("verdict").asText()).isEqualTo("AC");

        // judged again with nothing changed: listed, not changed
        Response again = postJson("/api/v1/submissions/" + diff + "/rejudge", admin, "{}");
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        JsonNode same = awaitRejudge(admin, again.json().path("id").asLong());
        assertThat(same.path("runs").asInt()).isEqualTo(1);
        assertThat(same.path("changed").asInt()).isZero();
        assertThat(same.path("items").get(0).path("changed").asBoolean()).isFalse();
        postJson("/api/v1/submissions/no-such-submission/rejudge", admin, "{}").problem(404);
        get("/api/v1/rejudges/987654321", admin).problem(404);
    }

    @Test
    void aPlagiarismReportOfAContestFindsThePlantedCopyAndNotTheIndependentSolution() {
        String admin = adminToken();
        long p = sumProblem(admin);
        Instant now = Instant.now();
        long c = contest(admin, "ICPC", now.minusSeconds(60), now.plusSeconds(3600), 0, p);
        String ada = userToken();
        String bob = userToken();
        String cyd = userToken();
        awaitFinished(submit(ada, p, "python3", DetectorTest.PYTHON), ada);
        awaitFinished(submit(bob, p, "python3", DetectorTest.PYTHON_COPY), bob);
        awaitFinished(submit(cyd, p, "python3", INDEPENDENT_PY), cyd);

        postJson("/api/v1/contests/" + c + "/plagiarism", ada, "{}").problem(403);
        Response started = postJson("/api/v1/contests/" + c + "/plagiarism", admin, "{}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long id = started.json().path("id").asLong();
        JsonNode report;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            report = get("/api/v1/plagiarism/" + id, admin).json();
            assertThat(System.nanoTime()).as("report %s", report).isLessThan(deadline);
        } while (report.path("status").asText().equals("RUNNING") && sleeping());
        assertThat(report.path("status").asText()).as("%s", report).isEqualTo("DONE");
        assertThat(report.path("documents").asInt()).isEqualTo(3);
        JsonNode pairs = report.path("pairs");
        assertThat(pairs).as("only the copy: %s", pairs).hasSize(1);
        JsonNode top = pairs.get(0);
        assertThat(java.util.Set.of(top.path("a").path("username").asText(), top.path("b").path("username").asText()))
                .containsExactlyInAnyOrder(name(ada), name(bob));
        assertThat(top.path("similarity").asDouble()).isGreaterThan(0.7);
        assertThat(top.path("regions")).isNotEmpty();
        get("/api/v1/plagiarism/987654321", admin).problem(404);
    }

    /** Shortest paths again, by someone else: Bellman-Ford over an edge list. */
    static final String INDEPENDENT_PY = """
            import sys
            def main():
                it = iter(map(int, sys.stdin.buffer.read().split()))
                n = next(it); m = next(it)
                edges = []
                for _ in range(m):
                    a = next(it); b = next(it); w = next(it)
                    edges += [(a, b, w), (b, a, w)]
                INF = float('inf')
                dist = [INF] * (n + 1)
                dist[1] = 0
                for _ in range(n - 1):
                    changed = False
                    for a, b, w in edges:
                        if dist[a] + w < dist[b]:
                            dist[b] = dist[a] + w
                            changed = True
                    if not changed:
                        break
                sys.stdout.write(' '.join('-1' if d == INF else str(d) for d in dist[1:]) + '\\n')
            main()
            """;

    private static boolean sleeping() {
        sleep(100);
        return true;
    }

    @Test
    void anAdministratorChoosesTheQueueLaneOfASubmission() {
        String admin = adminToken();
        long p = sumProblem(admin);
        for (String lane : List.of("HIGH", "LOW")) {
            Response r = postJson("/api/v1/submissions", admin, json(Map.of("problemId", p, "languageId", "c",
                    "source", SUM_C, "priority", lane)));
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            assertThat(awaitFinished(r.json().path("id").asText(), admin).path("verdict").asText()).isEqualTo("AC");
        }
        String user = userToken();
        JsonNode refused = postJson("/api/v1/submissions", user, json(Map.of("problemId", p, "languageId", "c",
                "source", SUM_C, "priority", "HIGH"))).problem(403);
        assertThat(refused.path("errors").get(0).path("field").asText()).isEqualTo("priority");
        postJson("/api/v1/submissions", admin, json(Map.of("problemId", p, "languageId", "c", "source", SUM_C,
                "priority", "URGENT"))).problem(400);
    }

    @org.springframework.beans.factory.annotation.Autowired
    private dev.judge.core.queue.JobQueue queue;

    /**
     * Makes a dead letter of submission {@code id}'s job: the same id, in a language no worker serves, claimed and
     * failed here until the queue gives up on it.
     */
    private void killJob(String id) throws InterruptedException {
        String lane = "dead-" + UUID.randomUUID().toString().substring(0, 8);
        queue.enqueue(new dev.judge.core.queue.JudgeJob(id, dev.judge.core.model.Submission.of(lane, "int main(){}",
                List.of(dev.judge.core.model.TestCase.of("1", "", ""))), dev.judge.core.model.Priority.NORMAL,
                Instant.now()));
        while (queue.deadLetters(100).stream().noneMatch(d -> d.job().id().equals(id))) {
            dev.judge.core.queue.ClaimedJob c = queue.claim(java.util.Set.of(lane), Duration.ofSeconds(10))
                    .orElseThrow(() -> new AssertionError("the job came back neither to a claim nor as dead"));
            queue.release(c, "the worker died (test)");
        }
    }

    @Test
    void administratorsListRetryAndDiscardDeadLetters() throws Exception {
        String admin = adminToken();
        long p = sumProblem(admin);
        String user = userToken();
        String first = submit(user, p, "c", SUM_C);
        String second = submit(user, p, "c", SUM_C);
        awaitFinished(first, user);
        awaitFinished(second, user);
        killJob(first);
        killJob(second);

        get("/api/v1/admin/dead-letters", user).problem(403);
        JsonNode letters = get("/api/v1/admin/dead-letters", admin).json();
        JsonNode letter = null;
        for (JsonNode l : letters) {
            if (l.path("jobId").asText().equals(first)) {
                letter = l;
            }
        }
        assertThat(letter).as("%s", letters).isNotNull();
        assertThat(letter.path("attempts").asInt()).isEqualTo(3);
        assertThat(letter.path("reason").asText()).isEqualTo("the worker died (test)");
        assertThat(letter.path("api").asText()).isEqualTo("NATIVE");
        assertThat(letter.path("username").asText()).isEqualTo(name(user));
        assertThat(letter.path("problemId").asLong()).isEqualTo(p);

        Response retried = postJson("/api/v1/admin/dead-letters/" + first + "/retry", admin, "{}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        JsonNode run = awaitRejudge(admin, retried.json().path("id").asLong());
        assertThat(run.path("items").get(0).path("submissionId").asText()).isEqualTo(first);
        assertThat(run.path("items").get(0).path("newVerdict").asText()).isEqualTo("AC");

        assertThat(delete("/api/v1/admin/dead-letters/" + second, admin).status()).isEqualTo(204);
        delete("/api/v1/admin/dead-letters/" + second, admin).problem(404);
        JsonNode left = get("/api/v1/admin/dead-letters?limit=1000", admin).json();
        for (JsonNode l : left) {
            assertThat(l.path("jobId").asText()).isNotIn(first, second);
        }
    }

    private JsonNode awaitRejudge(String admin, long id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode r = get("/api/v1/rejudges/" + id, admin).json();
            if (r.path("finished").asInt() == r.path("runs").asInt()) {
                return r;
            }
            assertThat(System.nanoTime()).as("rejudge %s: %s", id, r).isLessThan(deadline);
            sleep(50);
        }
    }
}
