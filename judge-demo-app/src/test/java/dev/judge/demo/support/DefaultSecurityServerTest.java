package dev.judge.demo.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The server on its embedded default as the README starts it: no Judge0 token configured (so one is generated
 * in the data dir), rate limits off and a short judge queue, so a flood of requests reaches the request parsing
 * and leaves little judging work behind. Every class with this annotation shares one running server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        ServerSupport.ADMIN_PASSWORD_PROPERTY,
        "judge.demo.rate-limit.enabled=false",
        "judge.demo.max-queue-depth=8",
        "judge.demo.caps.max-request-body=64KB",
        "judge.demo.caps.max-archive-size=256KB"})
@ContextConfiguration(initializers = TempDataDir.class)
public @interface DefaultSecurityServerTest {
}
