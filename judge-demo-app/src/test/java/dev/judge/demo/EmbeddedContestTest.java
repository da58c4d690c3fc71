package dev.judge.demo;

import dev.judge.demo.support.EmbeddedServerTest;

/** Contests, scoreboards and rejudges on the embedded default (H2). */
@EmbeddedServerTest
class EmbeddedContestTest extends ContestScenarios {
}
