package dev.judge.demo;

import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.RedisPostgresServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.TestPropertySource;

/** Judge0's request fields and submissions index on {@code postgres,redis}; skipped (failed under JUDGE_REQUIRE_ALL) without them. */
@RedisPostgresServerTest
@TestPropertySource(properties = {"judge.judge0.authz-token=" + Judge0RequestScenarios.ADMIN_USER,
        "judge.judge0.allow-enable-network=true", "judge.limits.allow-network=true"})
class RedisPostgresJudge0RequestTest extends Judge0RequestScenarios {

    @BeforeAll
    static void needsPostgresAndRedis() {
        RequiredParts.require(RequiredParts.listening(5432), "PostgreSQL on 127.0.0.1:5432 (database 'test')");
        RequiredParts.require(RequiredParts.listening(6379), "Redis on 127.0.0.1:6379");
    }
}
