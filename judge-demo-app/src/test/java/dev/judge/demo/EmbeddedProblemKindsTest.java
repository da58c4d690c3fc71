package dev.judge.demo;

import dev.judge.demo.support.EmbeddedServerTest;

/** A problem's kind over the API on the embedded default (H2). */
@EmbeddedServerTest
class EmbeddedProblemKindsTest extends ProblemKindsScenarios {
}
