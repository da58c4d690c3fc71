package dev.judge.demo.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.demo.plagiarism.DetectorTest;
import dev.judge.demo.support.EmbeddedServerTest;
import dev.judge.demo.support.Zips;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A student finds a running contest, registers on its page and watches the scoreboard take their solve without
 * reloading (the scoreboard's event stream); an administrator switches to the jury view.
 */
@EmbeddedServerTest
class ContestPageTest extends BrowserTest {
    static final String SUM_C = "#include <stdio.h>\nint main(void){long a,b;scanf(\"%ld %ld\",&a,&b);"
            + "printf(\"%ld\\n\",a+b);return 0;}\n";

    @Test
    void studentRegistersAndTheScoreboardUpdatesLive() {
        String admin = adminToken();
        long problem = createProblem(admin, "Sum " + UUID.randomUUID().toString().substring(0, 6));
        Response upload = putZip("/api/v1/problems/" + problem + "/tests?hidden=false", admin, Zips.create()
                .file("1.in", "1 2\n").file("1.out", "3\n").bytes());
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        Instant now = Instant.now();
        Response created = postJson("/api/v1/contests", admin, json(Map.of("title", "Spring Cup", "scoring", "ICPC",
                "startsAt", now.minusSeconds(600).toString(), "endsAt", now.plusSeconds(7200).toString(),
                "problems", List.of(Map.of("label", "A", "problemId", problem)))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long contest = created.json().path("id").asLong();
        String student = "student-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(postJson("/api/v1/auth/register", null,
                json(Map.of("username", student, "password", "student-password"))).status()).isEqualTo(201);

        logInThroughPage(student, "student-password");
        press("#nav-contests");
        heading("Contests");
        $("#contests a[href='#/contests/" + contest + "']").click();
        heading("Spring Cup");
        press("#register");
        await(d -> d.findElements(By.cssSelector("#scoreboard tbody tr")).size() == 1);
        assertThat($("#scoreboard tbody tr td:nth-child(2)").getText()).isEqualTo(student);
        assertThat(driver.findElements(By.id("register"))).as("registered: no button").isEmpty();

        // a solve made elsewhere (the API) reaches the open page over the stream
        String token = login(student, "student-password");
        Response sent = postJson("/api/v1/submissions", token,
                json(Map.of("problemId", problem, "languageId", "c", "source", SUM_C)));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        waiting(Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#scoreboard td.cell.solved.first")));
        assertThat($("#scoreboard tbody tr td:nth-child(3)").getText()).isEqualTo("1");
        assertThat(driver.findElement(By.id("frozen-note")).getText()).as("the freeze is an hour away").isEmpty();
        assertThat(js("return window.liveChannel")).as("the board came over the WebSocket").isEqualTo("websocket");
        await(d -> "1".equals(d.findElement(By.id("solves-chart")).getAttribute("data-solves")));
        screenshot("contest-scoreboard");

        // the problem's statistics as charts, the student's own accepted run time marked
        go("#/problems/" + problem);
        press("#show-stats");
        waiting(Duration.ofSeconds(30)).until(d -> "true".equals(d.findElement(By.id("problem-charts"))
                .getAttribute("data-drawn")));
        assertThat(driver.findElements(By.cssSelector("#problem-charts canvas"))).hasSize(3);
        assertThat($("#stats-summary").getText()).contains("1 accepted");
        assertThat($("#problem-charts").getText()).contains("yours in blue");
        js("arguments[0].scrollIntoView()", $("#problem-charts"));
        screenshot("problem-statistics");

        // a second account hands in a copy of a first one's program: the administrator's report shows the pair
        String first = userToken();
        String second = userToken();
        for (String[] entry : new String[][] {{first, DetectorTest.PYTHON}, {second, DetectorTest.PYTHON_COPY}}) {
            Response r = postJson("/api/v1/submissions", entry[0],
                    json(Map.of("problemId", problem, "languageId", "python3", "source", entry[1])));
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            awaitFinished(r.json().path("id").asText(), entry[0]);
        }

        // the administrator sees the jury view and the unfreeze button of a frozen contest
        logInThroughPage("admin", ADMIN_PASSWORD);
        go("#/contests/" + contest);
        heading("Spring Cup");
        press("#jury-view");
        await(ExpectedConditions.textToBe(By.id("jury-view"), "Public view"));
        assertThat($("#unfreeze").isDisplayed()).isTrue();

        press("#plagiarism");
        // the page moves to the report once the server answered: wait for that, not for the URL read too early
        await(ExpectedConditions.textMatches(By.cssSelector("main h1"),
                java.util.regex.Pattern.compile("Plagiarism report \\d+")));
        waiting(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("pair-table")));
        assertThat(driver.findElements(By.cssSelector("#pair-table tbody tr"))).hasSize(1);
        press("#pair-table button.compare");
        await(d -> d.findElements(By.cssSelector(".side-by-side .pane")).size() == 2);
        List<org.openqa.selenium.WebElement> panes = driver.findElements(By.cssSelector(".side-by-side .pane"));
        for (org.openqa.selenium.WebElement pane : panes) {
            assertThat(pane.findElements(By.cssSelector(".line[class*='match-']")).size())
                    .as("matching lines marked").isGreaterThan(10);
        }
        screenshot("plagiarism-side-by-side");
    }

    /** A page subscribes to a submission over STOMP with the stompjs WebJar and collects the events' types. */
    static final String WATCH_OVER_STOMP = """
            const id = arguments[0];
            const done = arguments[arguments.length - 1];
            import('/webjars/stomp__stompjs/esm6/index.js').then(({ Client }) => {
              const session = JSON.parse(localStorage.getItem('judge.session'));
              const seen = [];
              const client = new Client({
                brokerURL: `ws://${location.host}/ws`,
                connectHeaders: { Authorization: `Bearer ${session.accessToken}` },
                onConnect: () => client.subscribe(`/topic/submissions/${id}`, (message) => {
                  const event = JSON.parse(message.body);
                  seen.push(event.type);
                  if (event.type === 'finished') {
                    client.deactivate();
                    done(seen.concat([event.data.verdict]));
                  }
                }),
                onStompError: (frame) => done(['error', frame.headers.message]),
              });
              client.activate();
            }, (e) => done(['error', String(e)]));
            """;

    @Test
    void aSubmissionsProgressReachesThePageOverWebSocket() {
        String admin = adminToken();
        long problem = createProblem(admin, "Slow sum " + UUID.randomUUID().toString().substring(0, 6));
        assertThat(putZip("/api/v1/problems/" + problem + "/tests?hidden=false", admin, Zips.create()
                .file("1.in", "1 2\n").file("1.out", "3\n").file("2.in", "2 2\n").file("2.out", "4\n").bytes())
                .status()).isEqualTo(200);
        String student = "student-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(postJson("/api/v1/auth/register", null,
                json(Map.of("username", student, "password", "student-password"))).status()).isEqualTo(201);
        logInThroughPage(student, "student-password");
        // a second of wall time per test: the page subscribes before the end and sees the tests come in
        String slow = "#include <stdio.h>\n#include <unistd.h>\nint main(void){long a,b;sleep(1);"
                + "scanf(\"%ld %ld\",&a,&b);printf(\"%ld\\n\",a+b);return 0;}\n";
        Response sent = postJson("/api/v1/submissions", login(student, "student-password"),
                json(Map.of("problemId", problem, "languageId", "c", "source", slow)));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object seen = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(WATCH_OVER_STOMP,
                sent.json().path("id").asText());
        assertThat(seen).asList().as("event types over the WebSocket, then the verdict")
                .contains("test", "finished").endsWith("AC");
    }
}
