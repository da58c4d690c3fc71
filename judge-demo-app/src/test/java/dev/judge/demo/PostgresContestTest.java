package dev.judge.demo;

import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.PostgresServerTest;
import org.junit.jupiter.api.BeforeAll;

/** Contests, scoreboards and rejudges on the {@code postgres} profile, in a schema of their own. */
@PostgresServerTest
class PostgresContestTest extends ContestScenarios {

    @BeforeAll
    static void needsPostgres() {
        RequiredParts.require(RequiredParts.listening(5432), "PostgreSQL on 127.0.0.1:5432 (database 'test')");
    }
}
