package dev.judge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The ResultStore TCK plus what only a shared database store has: other nodes and the SQL form of the rule. */
abstract class JdbcResultStoreTestBase extends ResultStoreContract {
    private final List<JdbcJudgeStorage> opened = new ArrayList<>();

    abstract HikariDataSource dataSource();

    abstract String schema();

    JdbcJudgeStorage open() {
        JdbcJudgeStorage storage = JdbcJudgeStorage.builder().dataSource(dataSource()).schema(schema())
                .pollInterval(Duration.ofMillis(100)).build();
        opened.add(storage);
        return storage;
    }

    @Override
    protected ResultStore createStore() {
        return open().resultStore();
    }

    @AfterEach
    void closeStorage() {
        opened.forEach(JdbcJudgeStorage::close);
    }

    @Test
    void theSqlRuleAgreesWithStoreRulesForEveryPairOfStates() {
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
    void listenersHearWritesOfAnotherNodeOnceEach() throws Exception {
        ResultStore other = open().resultStore();
        String id = newId();
        List<SubmissionResult> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch three = new CountDownLatch(3);
        try (ResultStore.Subscription s = store.subscribe(r -> {
            if (r.submissionId().equals(id)) {
                seen.add(r);
                three.countDown();
            }
        })) {
            Thread.sleep(300); // let the subscription's dispatcher take its starting point
            other.save(at(id, Status.QUEUED, 0));
            Thread.sleep(400);
            other.save(at(id, Status.RUNNING, 1));
            Thread.sleep(400);
            other.save(at(id, Status.FINISHED, 2));
            other.save(at(id, Status.FINISHED, 3)); // refused, not a change
            assertThat(three.await(notificationDelay().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            Thread.sleep(2500); // the poller re-reads recent rows; none may come twice
        }
        assertThat(seen).extracting(SubmissionResult::status)
                .containsExactly(Status.QUEUED, Status.RUNNING, Status.FINISHED);
        assertThat(seen.get(2).tests()).hasSize(2);
    }

    /**
     * More changes than one poll reads at a time (its pages are 500 rows), committed together so that one poll
     * finds them all, arrive each once.
     */
    @Test
    void listenersHearEveryWriteOfABusyOtherNode() throws Exception {
        ResultStore other = open().resultStore();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            ids.add(newId());
        }
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(ids.size());
        try (ResultStore.Subscription s = store.subscribe(r -> {
            seen.add(r.submissionId());
            all.countDown();
        })) {
            Thread.sleep(300); // let the subscription's dispatcher take its starting point
            new TransactionTemplate(new DataSourceTransactionManager(dataSource())).executeWithoutResult(
                    status -> other.saveAll(ids.stream().map(id -> at(id, Status.QUEUED, 0)).toList()));
            assertThat(all.await(notificationDelay().toMillis() + 10_000, TimeUnit.MILLISECONDS)).isTrue();
            Thread.sleep(2500); // the poller re-reads recent rows; none may come twice
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
    }
}
