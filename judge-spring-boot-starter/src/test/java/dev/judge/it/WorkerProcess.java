package dev.judge.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.QueuePolicy;
import dev.judge.core.store.ResultListener;
import dev.judge.core.store.ResultStore;
import dev.judge.core.worker.Worker;
import dev.judge.jdbc.JdbcJudgeStorage;
import dev.judge.redis.RedisJudgeStorage;
import io.lettuce.core.ClientOptions;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A worker node in a process of its own, for the crash tests: runs a {@link Worker} with the {@link SumPipeline}
 * on the JDBC or Redis adapters until it is killed or its parent goes away (stdin closes).
 *
 * <p>Arguments: {@code jdbc <url> <user> <schema>} or {@code redis <port> <prefix>}, then the concurrency and a
 * journal file. Each final result this process stores (save returned true) is appended to the journal as
 * {@code FINAL <id> <pid>}, so the test can count them across processes.
 */
public final class WorkerProcess {
    /** The policy the crash tests use on every node: leases short enough that a killed worker's jobs return soon. */
    public static final QueuePolicy POLICY = new QueuePolicy(Duration.ofSeconds(3), 10, Duration.ofMillis(200),
            Duration.ofSeconds(1));

    private WorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        int i = 0;
        String backend = args[i++];
        JobQueue queue;
        ResultStore store;
        AutoCloseable storage;
        if (backend.equals("jdbc")) {
            String url = args[i++];
            String user = args[i++];
            String schema = args[i++];
            JdbcJudgeStorage s = JdbcJudgeStorage.builder().dataSource(pool(url, user, 12)).schema(schema)
                    .policy(POLICY).pollInterval(Duration.ofMillis(100)).migrate(false).build();
            queue = s.jobQueue();
            store = s.resultStore();
            storage = s;
        } else {
            int port = Integer.parseInt(args[i++]);
            String prefix = args[i++];
            RedisJudgeStorage s = RedisJudgeStorage.builder().connectionFactory(redis(port)).keyPrefix(prefix)
                    .policy(POLICY).pollInterval(Duration.ofMillis(100)).build();
            queue = s.jobQueue();
            store = s.resultStore();
            storage = s;
        }
        int concurrency = Integer.parseInt(args[i++]);
        OutputStream journal = new FileOutputStream(args[i++], true);
        Worker worker = Worker.builder().queue(queue).store(new JournalingStore(store, journal))
                .pipeline(new SumPipeline()).concurrency(concurrency).claimWait(Duration.ofMillis(500))
                .leaseExtension(Duration.ofSeconds(1)).drainTimeout(Duration.ZERO).build();
        worker.start();
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        // The parent holds our stdin: when it goes away, so do we.
        while (System.in.read() >= 0) {
            // nothing to read; wait for end of stream
        }
        worker.close();
        storage.close();
        System.exit(0);
    }

    static HikariDataSource pool(String url, String user, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(0);
        c.setConnectionTimeout(3_000);
        return new HikariDataSource(c);
    }

    static LettuceConnectionFactory redis(int port) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(Duration.ofSeconds(2))
                .clientOptions(ClientOptions.builder().autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
                .build();
        LettuceConnectionFactory f = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                client);
        f.afterPropertiesSet();
        if (!f.isRunning()) {
            f.start();
        }
        return f;
    }

    /** Appends a line for each final result this process stored. */
    private record JournalingStore(ResultStore store, OutputStream journal) implements ResultStore {
        @Override
        public boolean save(SubmissionResult result) {
            boolean stored = store.save(result);
            if (stored && result.isFinished()) {
                byte[] line = ("FINAL " + result.submissionId() + " " + ProcessHandle.current().pid() + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                synchronized (journal) {
                    try {
                        journal.write(line); // one append per line: lines of several processes do not interleave
                        journal.flush();
                    } catch (IOException e) {
                        throw new IllegalStateException("journal", e);
                    }
                }
            }
            return stored;
        }

        @Override
        public Optional<SubmissionResult> find(String submissionId) {
            return store.find(submissionId);
        }

        @Override
        public Subscription subscribe(ResultListener listener) {
            return store.subscribe(listener);
        }

        @Override
        public boolean delete(String submissionId) {
            return store.delete(submissionId);
        }
    }
}
