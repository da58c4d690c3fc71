package dev.judge.demo.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.demo.support.EmbeddedServerTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Logging in and registering, by keyboard alone and at a phone's width. */
@EmbeddedServerTest
class LoginAndLayoutTest extends BrowserTest {

    @Test
    void keyboardOnlyLogin() {
        openFresh("");
        heading("Log in");
        assertThat(focusedId()).as("focus starts on the view's heading").isEmpty();
        assertThat(driver.switchTo().activeElement().getTagName()).isEqualTo("h1");

        keys(Keys.TAB);
        assertThat(focusedId()).isEqualTo("login-username");
        assertThat(outlineOfFocused()).as("focus is visible").isNotEqualTo("none");
        keys("admin", Keys.TAB);
        assertThat(focusedId()).isEqualTo("login-password");
        keys(ADMIN_PASSWORD, Keys.TAB);
        assertThat(focusedId()).isEqualTo("login-submit");
        new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(focusedId()).isEqualTo("login-password");
        keys(Keys.ENTER);

        heading("Problems");
        assertThat($("#who-name").getText()).isEqualTo("admin (admin)");
        assertThat(driver.switchTo().activeElement().getTagName()).as("focus moves to the new view").isEqualTo("h1");
        assertThat($("#nav-new-problem").isDisplayed()).isTrue();
        screenshot("login-keyboard-done");
    }

    @Test
    void wrongPasswordIsAReadableMessage() {
        openFresh("#/login");
        $("#login-username").sendKeys("admin");
        $("#login-password").sendKeys("not-the-password");
        $("#login-submit").click();
        WebElement error = $("#login-form .error");
        assertThat(error.getText()).isEqualTo("Could not log in: wrong username or password");
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        assertThat(driver.findElements(By.cssSelector("#nav:not([hidden])"))).isEmpty();
    }

    @Test
    void registeringShowsFieldErrorsThenLogsTheNewAccountIn() {
        openFresh("#/login");
        $("#register-username").sendKeys("x!");
        $("#register-password").sendKeys("short");
        $("#register-submit").click();
        WebElement error = $("#register-form .error");
        assertThat(error.getText()).startsWith("Could not create the account:");
        assertThat(error.findElements(By.tagName("li"))).extracting(WebElement::getText)
                .anyMatch(t -> t.startsWith("username:"))
                .anyMatch(t -> t.startsWith("password:"));
        assertThat($("#register-password").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat($("#register-password-error").getText()).contains("size must be between 8 and 72");
        screenshot("register-field-errors");

        String name = "student-" + UUID.randomUUID().toString().substring(0, 6);
        $("#register-username").clear();
        $("#register-username").sendKeys(name);
        $("#register-password").clear();
        $("#register-password").sendKeys("a-long-enough-password");
        $("#register-submit").click();
        heading("Problems");
        assertThat($("#who-name").getText()).isEqualTo(name);
        assertThat(driver.findElement(By.id("nav-new-problem")).isDisplayed()).as("no admin links").isFalse();
        assertThat($("#flash").getText()).isEqualTo("Logged in as " + name + ".");

        $("#logout").click();
        heading("Log in");
        assertThat(js("return localStorage.getItem('judge.session')")).isNull();
    }

    @Test
    void fitsAPhoneScreen() {
        createProblem(adminToken(), "A problem with a rather long title that has to wrap on a phone screen");
        try {
            phone(390, 844);
            openFresh("#/login");
            heading("Log in");
            assertThat(horizontalOverflow()).as("no sideways scrolling on the login view").isLessThanOrEqualTo(0);
            screenshot("phone-login");

            logInThroughPage("admin", ADMIN_PASSWORD);
            heading("Problems");
            await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#problem-list li")));
            assertThat(horizontalOverflow()).as("no sideways scrolling on the problem list").isLessThanOrEqualTo(0);
            screenshot("phone-problems");

            $("#problem-list li .problem-link").click();
            await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".statement .markdown")));
            assertThat(horizontalOverflow()).as("no sideways scrolling on a problem").isLessThanOrEqualTo(0);
            WebElement statement = $(".problem");
            WebElement editorCard = $("#submit-form");
            assertThat(editorCard.getLocation().getY()).as("the editor stacks under the statement")
                    .isGreaterThan(statement.getLocation().getY() + statement.getSize().getHeight() - 1);
            screenshot("phone-problem");
        } finally {
            desktop();
        }
    }

    /** Types into whatever has the focus, as a keyboard would. */
    private void keys(CharSequence... keys) {
        for (CharSequence k : keys) {
            new Actions(driver).sendKeys(k).perform();
        }
    }

    private String focusedId() {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    private String outlineOfFocused() {
        return (String) js("return getComputedStyle(document.activeElement).outlineStyle");
    }
}
