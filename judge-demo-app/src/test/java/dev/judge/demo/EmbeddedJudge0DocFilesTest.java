package dev.judge.demo;

import dev.judge.demo.support.EmbeddedServerTest;
import org.springframework.test.context.TestPropertySource;

/** Judge0's documented additional files, Multi-file program and joined streams on the embedded default. */
@EmbeddedServerTest
@TestPropertySource(properties = "judge.judge0.authz-token=" + Judge0RequestScenarios.ADMIN_USER)
class EmbeddedJudge0DocFilesTest extends Judge0DocFilesScenarios {
}
