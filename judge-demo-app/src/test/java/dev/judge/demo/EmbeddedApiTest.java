package dev.judge.demo;

import dev.judge.demo.support.EmbeddedServerTest;

/** The API scenarios on the embedded default: H2 file database in a temporary data dir. */
@EmbeddedServerTest
class EmbeddedApiTest extends ApiScenarios {
}
