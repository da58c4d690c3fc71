package dev.judge.demo.judge0;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The Judge0 API is closed unless configured open: a token is generated, kept, and shown once. */
class Judge0TokensTest {
    @TempDir
    Path dataDir;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(Judge0Tokens.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    private static Judge0Properties properties(String authToken, boolean open) {
        return new Judge0Properties(authToken, open, 20, Duration.ofSeconds(30), false, "m");
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void withoutATokenOneIsGeneratedKeptAndLoggedOnlyTheFirstTime() throws Exception {
        List<String> first = Judge0Tokens.resolve(properties(null, false), dataDir);
        assertThat(first).hasSize(1);
        String token = first.get(0);
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);
        Path file = dataDir.resolve("judge0-token");
        assertThat(Files.readString(file)).isEqualTo(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(messages()).singleElement().satisfies(m -> assertThat(m).contains(token)
                .contains("judge.judge0.auth-token").contains("X-Auth-Token"));
        assertThat(logs.list.get(0).getLevel()).isEqualTo(Level.WARN);

        logs.list.clear();
        assertThat(Judge0Tokens.resolve(properties("", false), dataDir)).containsExactly(token);
        assertThat(messages()).singleElement().satisfies(m -> assertThat(m).doesNotContain(token)
                .contains(file.toAbsolutePath().toString()));
    }

    @Test
    void configuredTokensAreUsedAndNothingIsWritten() {
        assertThat(Judge0Tokens.resolve(properties("a, b ,", false), dataDir)).containsExactly("a", "b");
        assertThat(dataDir.resolve("judge0-token")).doesNotExist();
    }

    @Test
    void anOpenApiHasNoTokenAndWarnsAtEveryStart() {
        for (int start = 0; start < 2; start++) {
            assertThat(Judge0Tokens.resolve(properties("ignored", true), dataDir)).isEmpty();
        }
        assertThat(logs.list).hasSize(2).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("OPEN").contains("judge.judge0.open");
        });
        assertThat(dataDir.resolve("judge0-token")).doesNotExist();
    }
}
