package dev.judge.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.store.ResultStore;
import dev.judge.core.store.StoreRules;
import dev.judge.core.store.tck.ResultStoreContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

class RedisResultStoreTest extends ResultStoreContract {
    private static LettuceConnectionFactory factory;
    private static final String PREFIX = TestRedis.randomPrefix();
    private final List<RedisJudgeStorage> opened = new ArrayList<>();

    @BeforeAll
    static void connect() {
        factory = TestRedis.machine();
    }

    @AfterAll
    static void cleanUp() {
        if (factory != null) {
            TestRedis.clean(factory, PREFIX);
            factory.destroy();
        }
    }

    private RedisJudgeStorage open(Duration retention) {
        RedisJudgeStorage s = RedisJudgeStorage.builder().connectionFactory(factory).keyPrefix(PREFIX)
                .resultRetention(retention).build();
        opened.add(s);
        return s;
    }

    @Override
    protected ResultStore createStore() {
        return open(Duration.ofDays(7)).resultStore();
    }

    @AfterEach
    void closeStorage() {
        opened.forEach(RedisJudgeStorage::close);
    }

    @Test
    void theScriptRuleAgreesWithStoreRulesForEveryPairOfStates() {
        for (Status before : Status.values()) {
            for (Status after : Status.values()) {
                for (int tests = 0; tests <= 2; tests++) {
                    String id = newId();
                    SubmissionResult first = at(id, before, 1);
                    SubmissionResult second = at(id, after, tests);
                    assertThat(store.save(first)).isTrue();
                    boolean expected = StoreRules.mayReplace(first, second);
                    assertThat(store.save(second)).as("%s then %s with %d tests", before, after, tests)
                            .isEqualTo(expected);
                    assertThat(store.find(id)).hasValue(expected ? second : first);
                }
            }
        }
    }

    @Test
    void resultsExpireAfterTheRetentionAndZeroKeepsThem() {
        ResultStore shortLived = open(Duration.ofSeconds(30)).resultStore();
        ResultStore kept = open(Duration.ZERO).resultStore();
        String a = newId();
        String b = newId();
        shortLived.save(at(a, Status.FINISHED, 1));
        kept.save(at(b, Status.RUNNING, 1));
        StringRedisTemplate t = new StringRedisTemplate(factory);
        assertThat(t.getExpire(PREFIX + "r:" + a, TimeUnit.SECONDS)).isBetween(25L, 30L);
        assertThat(t.getExpire(PREFIX + "r:" + b, TimeUnit.SECONDS)).isEqualTo(-1L);
    }

    @Test
    void listenersHearWritesOfAnotherNode() throws Exception {
        ResultStore other = open(Duration.ofDays(7)).resultStore();
        String id = newId();
        List<SubmissionResult> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch three = new CountDownLatch(3);
        try (ResultStore.Subscription s = store.subscribe(r -> {
            if (r.submissionId().equals(id)) {
                seen.add(r);
                three.countDown();
            }
        })) {
            Thread.sleep(300); // the subscription of a new storage is set up in the background
            other.save(at(id, Status.QUEUED, 0));
            other.save(at(id, Status.RUNNING, 1));
            other.save(at(id, Status.FINISHED, 2));
            other.save(at(id, Status.FINISHED, 3)); // refused, not a change
            assertThat(three.await(notificationDelay().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            Thread.sleep(300);
        }
        assertThat(seen).extracting(SubmissionResult::status)
                .containsExactly(Status.QUEUED, Status.RUNNING, Status.FINISHED);
        assertThat(seen.get(2).tests()).hasSize(2);
    }
}
