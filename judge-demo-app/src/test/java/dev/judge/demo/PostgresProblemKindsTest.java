package dev.judge.demo;

import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.PostgresServerTest;
import org.junit.jupiter.api.BeforeAll;

/**
 * A problem's kind over the API on the {@code postgres} profile, in a schema of its own. Skipped without a
 * PostgreSQL on 127.0.0.1:5432, failed instead under {@code JUDGE_REQUIRE_ALL=true}.
 */
@PostgresServerTest
class PostgresProblemKindsTest extends ProblemKindsScenarios {

    @BeforeAll
    static void needsPostgres() {
        RequiredParts.require(RequiredParts.listening(5432), "PostgreSQL on 127.0.0.1:5432 (database 'test')");
    }
}
