package dev.judge.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.judge.autoconfigure.jdbc.JudgeJdbcAutoConfiguration;
import dev.judge.autoconfigure.redis.JudgeRedisAutoConfiguration;
import dev.judge.core.judge.Judge;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.Verdict;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.store.ResultStore;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.jdbc.JdbcJudgeStorage;
import dev.judge.redis.RedisJudgeStorage;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinitionCustomizer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/** The JDBC and Redis adapters chosen by {@code judge.queue.type}/{@code judge.store.type}, and when they back off. */
class JudgeStorageBackendsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JudgeSandboxAutoConfiguration.class,
                    JudgeJdbcAutoConfiguration.class, JudgeRedisAutoConfiguration.class,
                    JudgeStorageAutoConfiguration.class, JudgeAutoConfiguration.class))
            .withBean(Sandbox.class, TestSandbox::create);

    private static String schema() {
        return "ctx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    // The test owns the pool: the context must not close it before the test drops its schema.
    private static BeanDefinitionCustomizer keepOpen() {
        return definition -> definition.setDestroyMethodName("");
    }

    private static HikariDataSource h2() {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:mem:" + schema() + ";DB_CLOSE_DELAY=-1");
        c.setMaximumPoolSize(4);
        return new HikariDataSource(c);
    }

    private static HikariDataSource postgres() {
        RequiredParts.require(RequiredParts.listening(5432), "PostgreSQL on 127.0.0.1:5432");
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
        c.setUsername("postgres");
        c.setMaximumPoolSize(4);
        return new HikariDataSource(c);
    }

    @Test
    void jdbcQueueAndStoreJudgeASubmissionOnH2() {
        try (HikariDataSource ds = h2()) {
            runner.withBean(DataSource.class, () -> ds, keepOpen())
                    .withPropertyValues("judge.queue.type=jdbc", "judge.store.type=jdbc", "judge.jdbc.schema=" + schema())
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(JdbcJudgeStorage.class);
                        assertThat(context.getBean(JobQueue.class).getClass().getName()).contains("Jdbc");
                        assertThat(context.getBean(ResultStore.class).getClass().getName()).contains("Jdbc");
                        assertAccepted(context.getBean(Judge.class));
                    });
        }
    }

    @Test
    void jdbcQueueAndStoreJudgeASubmissionOnPostgres() {
        String schema = schema();
        try (HikariDataSource ds = postgres()) {
            try {
                runner.withBean(DataSource.class, () -> ds, keepOpen())
                        .withPropertyValues("judge.queue.type=jdbc", "judge.store.type=jdbc", "judge.jdbc.schema=" + schema)
                        .run(context -> {
                            assertThat(context).hasNotFailed();
                            assertAccepted(context.getBean(Judge.class));
                        });
            } finally {
                new JdbcTemplate(ds).execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void redisQueueAndStoreJudgeASubmission() {
        RequiredParts.require(RequiredParts.listening(6379), "Redis on 127.0.0.1:6379");
        LettuceConnectionFactory redis = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
        redis.afterPropertiesSet();
        redis.start();
        try {
            runner.withBean(RedisConnectionFactory.class, () -> redis)
                    .withPropertyValues("judge.queue.type=redis", "judge.store.type=redis",
                            "judge.redis.key-prefix=judge-ctx:" + UUID.randomUUID() + ":")
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(RedisJudgeStorage.class);
                        assertThat(context.getBean(JobQueue.class).getClass().getName()).contains("Redis");
                        assertAccepted(context.getBean(Judge.class));
                    });
        } finally {
            redis.destroy();
        }
    }

    @Test
    void memoryStaysTheDefaultEvenWithADataSource() {
        try (HikariDataSource ds = h2()) {
            runner.withBean(DataSource.class, () -> ds, keepOpen()).run(context -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(JdbcJudgeStorage.class);
                assertThat(context.getBean(JobQueue.class).getClass().getName()).contains("InMemory");
            });
        }
    }

    @Test
    void eitherTypeAloneBuildsTheStorageForThatPartOnly() {
        try (HikariDataSource ds = h2()) {
            runner.withBean(DataSource.class, () -> ds, keepOpen())
                    .withPropertyValues("judge.store.type=JDBC", "judge.jdbc.schema=" + schema())
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(JdbcJudgeStorage.class);
                        assertThat(context.getBean(JobQueue.class).getClass().getName()).contains("InMemory");
                        assertThat(context.getBean(ResultStore.class).getClass().getName()).contains("Jdbc");
                    });
            runner.withBean(DataSource.class, () -> ds, keepOpen())
                    .withPropertyValues("judge.queue.type=jdbc", "judge.jdbc.schema=" + schema())
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(JdbcJudgeStorage.class);
                        assertThat(context.getBean(JobQueue.class).getClass().getName()).contains("Jdbc");
                        assertThat(context.getBean(ResultStore.class).getClass().getName()).contains("InMemory");
                    });
        }
    }

    @Test
    void redisStaysUnusedWithAConnectionFactoryButAnotherType() {
        LettuceConnectionFactory redis = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
        runner.withBean(RedisConnectionFactory.class, () -> redis)
                .withPropertyValues("judge.queue.type=memory", "judge.store.type=memory")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisJudgeStorage.class));
    }

    @Test
    void jdbcBacksOffWithoutSpringJdbcOrADataSource() {
        runner.withPropertyValues("judge.queue.type=jdbc", "judge.store.type=jdbc")
                .run(context -> assertThat(context).doesNotHaveBean(JdbcJudgeStorage.class)
                        .doesNotHaveBean(JobQueue.class).doesNotHaveBean(ResultStore.class));
        try (HikariDataSource ds = h2()) {
            runner.withBean(DataSource.class, () -> ds, keepOpen())
                    .withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
                    .withPropertyValues("judge.queue.type=jdbc", "judge.store.type=jdbc")
                    .run(context -> assertThat(context).doesNotHaveBean(JdbcJudgeStorage.class)
                            .doesNotHaveBean(JobQueue.class));
        }
    }

    @Test
    void redisBacksOffWithoutSpringDataRedisOrAConnectionFactory() {
        runner.withPropertyValues("judge.queue.type=redis")
                .run(context -> assertThat(context).doesNotHaveBean(RedisJudgeStorage.class)
                        .doesNotHaveBean(JobQueue.class));
        runner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
                .withPropertyValues("judge.queue.type=redis")
                .run(context -> assertThat(context).doesNotHaveBean(RedisJudgeStorage.class));
    }

    private static void assertAccepted(Judge judge) throws InterruptedException {
        String id = judge.submit(Submission.of("python3", "print(sum(map(int, input().split())))",
                List.of(TestCase.of("1", "1 2\n", "3\n"), TestCase.of("2", "40 2\n", "42\n"))));
        SubmissionResult r = JudgeAutoConfigurationTest.awaitFinished(judge, id);
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.tests()).hasSize(2);
    }
}
