package dev.judge.demo.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The embedded default with small limits of its own, so the 429 paths can be reached without disturbing the other
 * classes' budgets: three judging requests per client address an hour, 127.0.0.1 a trusted proxy, a judge of one
 * slot with a waiting line of one, and a Retry-After of 7 s. The Judge0 API is open (no auth token). The judge takes
 * at most three tests per submission ({@code judge.caps.max-tests}), and the server's problem caps are left to follow.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        ServerSupport.ADMIN_PASSWORD_PROPERTY,
        "judge.demo.rate-limit.ip-capacity=3",
        "judge.demo.rate-limit.user-capacity=1000",
        "judge.demo.rate-limit.period=1h",
        "judge.demo.rate-limit.trusted-proxies=127.0.0.1",
        "judge.demo.retry-after=7s",
        "judge.executor.slots=1",
        "judge.executor.queue-capacity=1",
        // the saturation test sends one quick run again and again: each must reach the judge, not the run cache
        "judge.demo.run-cache.enabled=false",
        "judge.caps.max-tests=3",
        "judge.judge0.open=true"})
@ContextConfiguration(initializers = TempDataDir.class)
public @interface LimitsServerTest {
}
