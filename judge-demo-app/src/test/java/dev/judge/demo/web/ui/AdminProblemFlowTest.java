package dev.judge.demo.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.demo.support.EmbeddedServerTest;
import dev.judge.demo.support.Zips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** An administrator creates a problem, sees the server's field errors, uploads a zip of tests and edits it. */
@EmbeddedServerTest
class AdminProblemFlowTest extends BrowserTest {
    private static final String STATEMENT = """
            # Sum

            Read two integers `a` and `b` and print **a + b**.

            - 1 ≤ a, b ≤ 10^9

            ```
            1 2
            ```

            <img src="x" onerror="window.injected = 1"> <script>window.injected = 2</script>
            [click](javascript:window.injected=3)
            """;

    @Test
    void createProblemUploadTestsAndEdit() throws IOException {
        String title = "Sum " + UUID.randomUUID().toString().substring(0, 6);
        logInThroughPage("admin", ADMIN_PASSWORD);
        $("#nav-new-problem").click();
        heading("New problem");

        $("#problem-title").sendKeys(title);
        $("#problem-statement").sendKeys(STATEMENT);
        $("#limit-cpuTime").sendKeys("fast");
        $("#limit-memory").sendKeys("64MB");
        new Select($("#comparator-type")).selectByValue("floats");
        $("#comparator-abs").sendKeys("0.001");
        $("#problem-save").click();

        WebElement fieldError = $("#limit-cpuTime-error");
        assertThat(fieldError.getText()).contains("is not a duration: 'fast'");
        assertThat($("#limit-cpuTime").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat($("#problem-error .error").getText()).startsWith("Could not save the problem:");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).as("focus goes to the first bad field")
                .isEqualTo("limit-cpuTime");
        screenshot("admin-field-error");

        $("#limit-cpuTime").clear();
        $("#limit-cpuTime").sendKeys("1500ms");
        $("#preview-button").click();
        assertThat($("#statement-preview .markdown h1").getText()).isEqualTo("Sum");
        $("#problem-save").click();

        await(d -> d.getCurrentUrl().matches(".*#/admin/problems/\\d+$"));
        long id = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/", ""));
        assertThat($("#flash").getText()).isEqualTo("Created problem #" + id + " “" + title + "”. Now upload its tests.");
        heading("Edit: " + title);
        assertThat($("#tests-count").getText()).isEqualTo("No tests yet.");

        JsonNode created = get("/api/v1/problems/" + id, adminToken()).json();
        assertThat(created.path("title").asText()).isEqualTo(title);
        assertThat(created.path("limits").path("cpuTime").asText()).isEqualTo("1500ms");
        assertThat(created.path("limits").path("memory").asText()).isEqualTo("64MiB");
        assertThat(created.path("comparator").path("type").asText()).isEqualTo("floats");
        assertThat(created.path("comparator").path("absoluteTolerance").asDouble()).isEqualTo(0.001);

        // a file that is not a zip: the server's refusal, readable
        Path notZip = Files.createTempFile("not-a-zip-", ".zip");
        Files.writeString(notZip, "this is not an archive", StandardCharsets.UTF_8);
        $("#tests-file").sendKeys(notZip.toAbsolutePath().toString());
        $("#tests-upload").click();
        WebElement uploadError = $("#upload-error .error");
        assertThat(uploadError.getText()).startsWith("Could not upload the tests:");
        assertThat(uploadError.getText().length()).isGreaterThan("Could not upload the tests: ".length() + 5);

        // a zip of three tests, shown to students
        Path zip = Files.createTempFile("tests-", ".zip");
        Files.write(zip, Zips.create()
                .file("1.in", "1 2\n").file("1.out", "3\n")
                .file("2.in", "40 2\n").file("2.out", "42\n")
                .file("3.in", "1000000000 1000000000\n").file("3.ans", "2000000000\n")
                .bytes());
        $("#tests-hidden").click();
        $("#tests-file").sendKeys(zip.toAbsolutePath().toString());
        $("#tests-upload").click();
        await(ExpectedConditions.attributeToBe(By.id("tests-count"), "data-count", "3"));
        List<String> names = driver.findElements(By.cssSelector("#tests-table tbody tr td:first-child")).stream()
                .map(WebElement::getText).toList();
        assertThat(names).containsExactly("1", "2", "3");
        assertThat(driver.findElements(By.cssSelector("#tests-table tbody tr td:nth-child(4)")))
                .extracting(WebElement::getText).containsOnly("public");
        assertThat($("#flash").getText()).isEqualTo("Uploaded 3 tests.");
        screenshot("admin-tests-uploaded");
        assertThat(get("/api/v1/problems/" + id, adminToken()).json().path("testCount").asInt()).isEqualTo(3);

        // edit: a new title, the tests stay
        $("#problem-title").clear();
        $("#problem-title").sendKeys(title + " (edited)");
        $("#problem-save").click();
        await(ExpectedConditions.textToBe(By.id("flash"), "Saved “" + title + " (edited)”."));
        JsonNode edited = get("/api/v1/problems/" + id, adminToken()).json();
        assertThat(edited.path("title").asText()).isEqualTo(title + " (edited)");
        assertThat(edited.path("testCount").asInt()).isEqualTo(3);
        assertThat(edited.path("limits").path("cpuTime").asText()).isEqualTo("1500ms");

        // the problem as students see it: statement rendered, nothing injected
        $("#nav-problems").click();
        heading("Problems");
        visible(By.linkText(title + " (edited)")).click();
        heading(title + " (edited)");
        WebElement statement = $(".statement .markdown");
        assertThat(statement.findElement(By.tagName("h1")).getText()).isEqualTo("Sum");
        assertThat(statement.findElement(By.tagName("strong")).getText()).isEqualTo("a + b");
        assertThat(statement.findElement(By.cssSelector("pre code")).getText()).isEqualTo("1 2");
        assertThat(statement.findElements(By.cssSelector("script, [onerror]"))).isEmpty();
        assertThat(statement.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
        assertThat(js("return window.injected === undefined")).isEqualTo(true);
        assertThat($(".limits").getText()).contains("1500ms").contains("64MiB").contains("floats").contains("3 (3 public)");
        screenshot("admin-problem-page");

        // the editor by keyboard: Tab indents inside it, Escape hands the focus on to the next control
        js("document.querySelector('.CodeMirror').CodeMirror.setValue('')");
        $(".CodeMirror").click();
        new Actions(driver).sendKeys(Keys.TAB).sendKeys("x").perform();
        assertThat(js("return document.querySelector('.CodeMirror').CodeMirror.getValue()")).isEqualTo("    x");
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        WebElement next = driver.switchTo().activeElement();
        String expected = $("#submit").isEnabled() ? "submit" : "stdin";
        assertThat(next.getAttribute("id")).as("focus after Escape").isEqualTo(expected);
    }

    @Test
    void aKattisOutputValidatorKeepsItsProtocolAndFlagsThroughAnEdit() {
        String title = "Validated " + UUID.randomUUID().toString().substring(0, 6);
        logInThroughPage("admin", ADMIN_PASSWORD);
        $("#nav-new-problem").click();
        heading("New problem");
        $("#problem-title").sendKeys(title);
        new Select($("#comparator-type")).selectByValue("checker");
        $("#checker-language").clear();
        $("#checker-language").sendKeys("c");
        $("#checker-name").clear();
        $("#checker-name").sendKeys("validator.c");
        $("#checker-source").sendKeys("int main(void) { return 42; }");
        new Select($("#checker-protocol")).selectByValue("kattis");
        $("#checker-arguments").sendKeys("float_tolerance 1e-6");
        $("#problem-save").click();

        await(d -> d.getCurrentUrl().matches(".*#/admin/problems/\\d+$"));
        long id = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/", ""));
        JsonNode created = get("/api/v1/problems/" + id, adminToken()).json().path("comparator");
        assertThat(created.path("protocol").asText()).isEqualTo("kattis");
        assertThat(created.path("arguments").asText()).isEqualTo("float_tolerance 1e-6");

        heading("Edit: " + title);
        assertThat(new Select($("#checker-protocol")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("kattis");
        $("#problem-title").clear();
        $("#problem-title").sendKeys(title + " (edited)");
        $("#problem-save").click();
        await(ExpectedConditions.textToBe(By.id("flash"), "Saved “" + title + " (edited)”."));
        JsonNode edited = get("/api/v1/problems/" + id, adminToken()).json().path("comparator");
        assertThat(edited.path("protocol").asText()).isEqualTo("kattis");
        assertThat(edited.path("arguments").asText()).isEqualTo("float_tolerance 1e-6");
    }
}
