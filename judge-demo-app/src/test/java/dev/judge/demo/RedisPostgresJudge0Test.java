package dev.judge.demo;

import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.RedisPostgresServerTest;
import org.junit.jupiter.api.BeforeAll;

/** The Judge0 scenarios on {@code postgres,redis}; skipped (failed under JUDGE_REQUIRE_ALL) without them. */
@RedisPostgresServerTest
class RedisPostgresJudge0Test extends Judge0Scenarios {

    @BeforeAll
    static void needsPostgresAndRedis() {
        RequiredParts.require(RequiredParts.listening(5432), "PostgreSQL on 127.0.0.1:5432 (database 'test')");
        RequiredParts.require(RequiredParts.listening(6379), "Redis on 127.0.0.1:6379");
    }
}
