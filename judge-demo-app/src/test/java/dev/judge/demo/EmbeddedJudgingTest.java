package dev.judge.demo;

import dev.judge.demo.support.EmbeddedServerTest;

/** The judging scenarios on the embedded default: H2 file database, judge queue and results in H2. */
@EmbeddedServerTest
class EmbeddedJudgingTest extends WebhookAndLimitScenarios {
}
