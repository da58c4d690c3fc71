package dev.judge.demo.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The server on its embedded default (H2 file database) in a temporary data dir, over real HTTP. Every class
 * with this annotation shares one running server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        ServerSupport.ADMIN_PASSWORD_PROPERTY,
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
        "judge.demo.webhook-secret=webhook-secret-for-tests",
        // Boot's test support turns metrics export off; the server's Prometheus endpoint is under test.
        "management.prometheus.metrics.export.enabled=true"})
@ContextConfiguration(initializers = TempDataDir.class)
public @interface EmbeddedServerTest {
}
