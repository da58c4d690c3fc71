package dev.judge.demo.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The server on the {@code postgres} profile (PostgreSQL on 127.0.0.1:5432, database {@code test}) in a
 * schema of its own, over real HTTP. Same caps as {@link EmbeddedServerTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        ServerSupport.ADMIN_PASSWORD_PROPERTY,
        "judge.demo.jwt-secret=a-test-only-hmac-secret-of-at-least-32-bytes",
        "judge.demo.caps.max-request-body=256KB",
        "judge.demo.caps.max-archive-size=1MB",
        "judge.demo.caps.max-test-data=4MB",
        "judge.demo.caps.max-test-file=2MB",
        "judge.demo.caps.max-archive-entries=50",
        "judge.demo.caps.max-compression-ratio=100",
        "judge.demo.caps.max-tests=20",
        "judge.demo.caps.max-stdin=100KB",
        "judge.demo.webhook-allow=127.0.0.1",
        "judge.demo.webhook-backoff=100ms",
        "judge.demo.rate-limit.user-capacity=40",
        "judge.judge0.auth-token=j0-token-a, j0-token-b",
        "judge.demo.webhook-secret=webhook-secret-for-tests"})
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = {TempDataDir.class, RandomSchema.class})
public @interface PostgresServerTest {
}
