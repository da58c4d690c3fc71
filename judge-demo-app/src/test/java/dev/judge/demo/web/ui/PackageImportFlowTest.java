package dev.judge.demo.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.EmbeddedServerTest;
import dev.judge.demo.support.Zips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An administrator imports a problem package through the page: a broken one shows the server's refusal naming the
 * file; a good one shows the verification table (expected against obtained verdict per example submission, a
 * failing accepted one flagged) and the import report, and verifies again on demand.
 */
@EmbeddedServerTest
class PackageImportFlowTest extends BrowserTest {
    private static final String SUM_C = "#include <stdio.h>\nint main(void){long a,b;scanf(\"%ld %ld\",&a,&b);"
            + "printf(\"%ld\\n\",a+b);return 0;}\n";

    @Test
    void importAPackageAndReadItsVerification() throws IOException {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox runs the package's programs)");
        logInThroughPage("admin", ADMIN_PASSWORD);
        $("#nav-import-package").click();
        heading("Import a problem package");

        Path broken = Files.createTempFile("broken-", ".zip");
        Files.write(broken, Zips.create().file("problem.yaml", "name: Broken\n").file("data/secret/1.in", "1 2\n").bytes());
        $("#package-file").sendKeys(broken.toAbsolutePath().toString());
        $("#package-import").click();
        assertThat($("#package-error .error").getText()).contains("The package was not imported")
                .contains("data/secret/1.in");

        Path good = Files.createTempFile("sum-", ".zip");
        Files.write(good, Zips.create()
                .file("problem.yaml", "name: Sum through the page\n")
                .file("data/sample/1.in", "1 2\n").file("data/sample/1.ans", "3\n")
                .file("data/secret/1.in", "5 6\n").file("data/secret/1.ans", "11\n")
                .file("submissions/accepted/sum.c", SUM_C)
                .file("submissions/accepted/zero.c", "#include <stdio.h>\nint main(void){puts(\"0\");return 0;}\n")
                .bytes());
        $("#package-file").sendKeys(good.toAbsolutePath().toString());
        $("#package-import").click();
        WebElement table = await(ExpectedConditions.visibilityOfElementLocated(By.id("verification-table")));
        List<String> rows = table.findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).contains("submissions/accepted/sum.c").contains("AC").contains("as expected");
        assertThat(rows.get(1)).contains("submissions/accepted/zero.c").contains("WA").contains("NOT as expected");
        assertThat($("#verification-flag").getText()).contains("Flagged");
        assertThat($("#package-summary").getText()).contains("KATTIS_LEGACY").contains("time limit 1000 ms")
                .contains("derived");
        assertThat(driver.findElements(By.cssSelector("#report-table tbody tr")).stream().map(WebElement::getText))
                .anyMatch(t -> t.contains("IMPORTED") && t.contains("problem.yaml") && t.contains("Sum through the page"));
        screenshot("package-imported");

        driver.executeScript("document.getElementById('verification-table').dataset.stale = '1'");
        $("#verify-again").click();
        await(d -> d.findElements(By.cssSelector("#verification-table[data-stale]")).isEmpty()
                && !d.findElements(By.id("verification-table")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#verification-table tbody tr"))).hasSize(2);
    }
}
