package dev.judge.demo;

import dev.judge.demo.support.EmbeddedServerTest;
import org.springframework.test.context.TestPropertySource;

/** Judge0's request fields and submissions index on the embedded default. */
@EmbeddedServerTest
@TestPropertySource(properties = {"judge.judge0.authz-token=" + Judge0RequestScenarios.ADMIN_USER,
        "judge.judge0.allow-enable-network=true", "judge.limits.allow-network=true"})
class EmbeddedJudge0RequestTest extends Judge0RequestScenarios {
}
