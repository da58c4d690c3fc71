package dev.judge.demo.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.EmbeddedServerTest;
import dev.judge.demo.support.Zips;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A student submits an accepted and a wrong solution and watches the tests come in, runs the code on their
 * own input and finds both submissions again; an administrator filters everyone's submissions.
 */
@EmbeddedServerTest
class SubmitAndWatchFlowTest extends BrowserTest {
    static final String LANGUAGE = "python3";
    static final String SUM = "a, b = map(int, input().split())\nprint(a + b)\n";
    static final String DIFF = "a, b = map(int, input().split())\nprint(a - b)\n";
    static final String BROKEN = "def main(:\n    pass\n";

    /** Records the live events the page receives, to show they came over the event stream. */
    static final String RECORD_EVENTS = """
            window.liveEvents = [];
            const Original = window.EventSource;
            window.EventSource = function (url) {
              const source = new Original(url);
              for (const type of ['status', 'test', 'finished']) {
                source.addEventListener(type, () => window.liveEvents.push(type));
              }
              return source;
            };
            """;

    @Test
    void studentSubmitsWatchesAndRuns() {
        String admin = adminToken();
        Response languages = get("/api/v1/languages", admin);
        assertThat(languages.status()).as("GET /api/v1/languages: %s", languages.body()).isEqualTo(200);
        JsonNode python = null;
        for (JsonNode l : languages.json()) {
            if (l.path("id").asText().equals(LANGUAGE)) {
                python = l;
            }
        }
        assertThat(python).as("the server lists %s", LANGUAGE).isNotNull();
        RequiredParts.require(python.path("available").asBoolean(),
                LANGUAGE + " judged by the server (" + python.path("reason").asText() + ")");

        long problem = createProblem(admin, "Sum " + UUID.randomUUID().toString().substring(0, 6));
        Response upload = putZip("/api/v1/problems/" + problem + "/tests?hidden=false", admin, Zips.create()
                .file("1.in", "1 2\n").file("1.out", "3\n")
                .file("2.in", "40 2\n").file("2.out", "42\n")
                .file("3.in", "5 5\n").file("3.out", "10\n")
                .bytes());
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        String student = "student-" + UUID.randomUUID().toString().substring(0, 6);
        Response registered = postJson("/api/v1/auth/register", null,
                json(Map.of("username", student, "password", "student-password")));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);

        logInThroughPage(student, "student-password");
        $("#problem-list li[data-problem-id='" + problem + "'] .problem-link").click();
        await(ExpectedConditions.textToBe(By.cssSelector(".statement .markdown p"), "Add two numbers."));

        // the languages as the server lists them, the unavailable ones disabled
        await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#language option")));
        List<WebElement> options = driver.findElements(By.cssSelector("#language option"));
        assertThat(options).hasSize(languages.json().size());
        for (int i = 0; i < options.size(); i++) {
            JsonNode l = languages.json().get(i);
            assertThat(options.get(i).getAttribute("value")).isEqualTo(l.path("id").asText());
            assertThat(options.get(i).isEnabled()).as("option %s enabled", l.path("id").asText())
                    .isEqualTo(l.path("available").asBoolean());
        }
        new Select($("#language")).selectByValue(LANGUAGE);
        js(RECORD_EVENTS);

        // accepted
        setSource(SUM);
        WebElement accepted = submitAndWaitForTheResult();
        List<WebElement> rows = accepted.findElements(By.cssSelector("tr.test"));
        assertThat(rows).hasSize(3);
        for (WebElement row : rows) {
            assertThat(row.getAttribute("data-verdict")).isEqualTo("AC");
            assertThat(row.getAttribute("class")).contains("ok");
            assertThat(row.findElement(By.cssSelector("td:nth-child(3)")).getText()).matches("\\d+ ms|\\d+\\.\\d\\d s");
            assertThat(row.findElement(By.cssSelector("td:nth-child(5)")).getText()).matches("[\\d.]+ (KiB|MiB|GiB)");
        }
        assertThat(rows).extracting(r -> r.getAttribute("data-test-id")).containsExactly("1", "2", "3");
        assertThat(accepted.findElement(By.cssSelector(".summary .badge")).getAttribute("data-verdict")).isEqualTo("AC");
        assertThat(accepted.findElement(By.cssSelector(".progress-text")).getText()).isEqualTo("3 of 3 tests");
        assertThat(liveEvents()).as("events received over the stream").contains("finished");
        js("arguments[0].scrollIntoView()", accepted);
        screenshot("student-accepted");

        // wrong answer: red rows
        setSource(DIFF);
        WebElement wrong = submitAndWaitForTheResult();
        assertThat(wrong.findElement(By.cssSelector(".summary .badge")).getAttribute("data-verdict")).isEqualTo("WA");
        List<String> verdicts = wrong.findElements(By.cssSelector("tr.test")).stream()
                .map(r -> r.getAttribute("data-verdict")).toList();
        assertThat(verdicts).contains("WA");
        assertThat(wrong.findElements(By.cssSelector("tr.test.bad"))).isNotEmpty();
        js("arguments[0].scrollIntoView()", wrong);
        screenshot("student-wrong-answer");

        // a compilation error is shown in full (python3 byte-compiles before running)
        setSource(BROKEN);
        WebElement broken = submitAndWaitForTheResult();
        String verdict = broken.findElement(By.cssSelector(".summary .badge")).getAttribute("data-verdict");
        if (verdict.equals("CE")) {
            assertThat(broken.findElement(By.cssSelector(".compile-output")).getText()).contains("SyntaxError");
        } else {
            assertThat(verdict).isEqualTo("RE");
        }

        // past submissions of this problem, newest first
        await(d -> d.findElements(By.cssSelector("#history-table tbody tr")).size() == 3);
        List<String> history = driver.findElements(By.cssSelector("#history-table tbody tr")).stream()
                .map(r -> r.getAttribute("data-verdict")).toList();
        assertThat(history).containsExactly(verdict, "WA", "AC");
        // made within the same minute, their ids share the leading (millisecond) digits; the ids shown differ
        List<WebElement> historyRows = driver.findElements(By.cssSelector("#history-table tbody tr"));
        List<String> shown = historyRows.stream().map(r -> r.findElement(By.cssSelector("td a")).getText()).toList();
        assertThat(shown).doesNotHaveDuplicates();
        for (WebElement row : historyRows) {
            String id = row.getAttribute("data-submission-id");
            assertThat(id.replace("-", "")).endsWith(row.findElement(By.cssSelector("td a")).getText());
        }

        // run with custom input
        setSource(SUM);
        $("#stdin").sendKeys("20 22");
        press("#run");
        WebElement stdout = waiting(Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(By.id("run-stdout")));
        assertThat(stdout.getText()).isEqualTo("42");
        assertThat($("#run-result .badge").getAttribute("data-verdict")).isEqualTo("AC");
        js("arguments[0].scrollIntoView()", $("#run-form"));
        screenshot("student-custom-run");

        // everyone's submissions, filtered, for the administrator
        logInThroughPage("admin", ADMIN_PASSWORD);
        go("#/submissions?username=" + student + "&verdict=WA");
        heading("All submissions");
        await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#submissions-table tbody tr")));
        List<WebElement> filtered = driver.findElements(By.cssSelector("#submissions-table tbody tr"));
        assertThat(filtered).hasSize(1);
        assertThat(filtered.get(0).getAttribute("data-verdict")).isEqualTo("WA");
        assertThat(filtered.get(0).getText()).contains(student).contains(LANGUAGE);
        assertThat(new Select($("#filter-verdict")).getFirstSelectedOption().getAttribute("value")).isEqualTo("WA");
        screenshot("admin-submissions-filtered");
    }

    @Test
    void aFinishedSubmissionShowsItsGroupScores() {
        String admin = adminToken();
        boolean available = false;
        for (JsonNode l : get("/api/v1/languages", admin).json()) {
            available |= l.path("id").asText().equals(LANGUAGE) && l.path("available").asBoolean();
        }
        RequiredParts.require(available, LANGUAGE + " judged by the server");
        Response created = postJson("/api/v1/problems", admin, json(Map.of("title", "Groups", "statement", "Double it.",
                "groups", List.of(Map.of("name", "small", "points", 40),
                        Map.of("name", "large", "points", 60, "scoring", "sum", "dependsOn", List.of("small"))))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long problem = created.json().path("id").asLong();
        String[][] tests = {{"1", "small", "2", "4"}, {"2", "large", "50", "100"}, {"3", "large", "500", "1000"}};
        for (String[] t : tests) {
            Response put = putJson("/api/v1/problems/" + problem + "/tests/" + t[0], admin, json(Map.of(
                    "input", t[2] + "\n", "expectedOutput", t[3] + "\n", "group", t[1], "hidden", false)));
            assertThat(put.status()).as(put.body()).isBetween(200, 201);
        }
        // doubles its number, wrongly above 100: small solved, half of large
        Response submitted = postJson("/api/v1/submissions", admin, json(Map.of("problemId", problem,
                "languageId", LANGUAGE, "source", "n = int(input())\nprint(n if n > 100 else 2 * n)\n")));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String id = submitted.json().path("id").asText();

        logInThroughPage("admin", ADMIN_PASSWORD);
        go("#/submissions/" + id);
        WebElement shown = waiting(Duration.ofSeconds(90)).until(d -> d.findElements(
                By.cssSelector(".submission[data-finished='true']")).stream().findFirst().orElse(null));
        List<WebElement> groups = shown.findElements(By.cssSelector("table.groups tr.group"));
        assertThat(groups).extracting(g -> g.getAttribute("data-group")).containsExactly("small", "large");
        assertThat(groups).extracting(g -> g.getAttribute("data-verdict")).containsExactly("AC", "WA");
        assertThat(groups).extracting(g -> g.findElement(By.cssSelector(".group-score")).getText())
                .containsExactly("40 / 40", "30 / 60");
        assertThat(shown.findElement(By.cssSelector(".summary .score")).getText()).isEqualTo("score 70 / 100");
        js("arguments[0].scrollIntoView()", shown);
        screenshot("submission-group-scores");
    }

    private void setSource(String source) {
        js("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0])", source);
    }

    /**
     * Submits the editor's source and waits for the new submission to finish on the page. The submission shown
     * before is noted before the click: a fast server may show the new one before the click returns.
     */
    private WebElement submitAndWaitForTheResult() {
        String before = (String) js("const s = document.querySelector('#result .submission');"
                + " return s ? s.dataset.submissionId : null");
        press("#submit");
        try {
            return waiting(Duration.ofSeconds(90)).until(d -> {
                WebElement s = d.findElements(By.cssSelector("#result .submission")).stream().findFirst().orElse(null);
                return s != null && !s.getAttribute("data-submission-id").equals(before)
                        && "true".equals(s.getAttribute("data-finished")) ? s : null;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("student-submission-not-finished");
            throw new AssertionError("the submission did not finish on the page; it shows: "
                    + driver.findElement(By.id("result")).getText() + "; submit error: '"
                    + driver.findElement(By.id("submit-error")).getText() + "'; live events: " + liveEvents(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> liveEvents() {
        Object events = js("return window.liveEvents || []");
        return new ArrayList<>((List<String>) events);
    }
}
