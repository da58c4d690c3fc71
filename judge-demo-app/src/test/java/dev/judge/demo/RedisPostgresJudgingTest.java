package dev.judge.demo;

import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.RedisPostgresServerTest;
import org.junit.jupiter.api.BeforeAll;

/**
 * The judging scenarios on {@code postgres,redis}: submissions in PostgreSQL, the judge's queue and results in
 * Redis. Skipped without PostgreSQL on 5432 and Redis on 6379, failed instead under {@code JUDGE_REQUIRE_ALL=true}.
 */
@RedisPostgresServerTest
class RedisPostgresJudgingTest extends WebhookAndLimitScenarios {

    @BeforeAll
    static void needsPostgresAndRedis() {
        RequiredParts.require(RequiredParts.listening(5432), "PostgreSQL on 127.0.0.1:5432 (database 'test')");
        RequiredParts.require(RequiredParts.listening(6379), "Redis on 127.0.0.1:6379");
    }
}
