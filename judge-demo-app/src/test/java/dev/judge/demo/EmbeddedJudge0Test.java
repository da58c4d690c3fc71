package dev.judge.demo;

import dev.judge.demo.support.EmbeddedServerTest;

/** The Judge0 scenarios on the embedded default. */
@EmbeddedServerTest
class EmbeddedJudge0Test extends Judge0Scenarios {
}
