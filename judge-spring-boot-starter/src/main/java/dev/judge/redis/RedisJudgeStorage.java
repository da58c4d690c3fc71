package dev.judge.redis;

import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.QueuePolicy;
import dev.judge.internal.AdapterRules;
import dev.judge.core.store.ResultStore;
import dev.judge.internal.Wakeup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The job queue and result store on Redis 6.2 or newer (streams with a consumer group, sorted sets, pub/sub,
 * Lua scripts). Every key starts with the {@linkplain Builder#keyPrefix(String) key prefix}, so several
 * judges can share one Redis; on a Redis Cluster the prefix must carry a hash tag (for example
 * {@code {judge}:}) because the scripts reach keys they derive from it.
 *
 * <p>Durability is Redis's: with the default snapshotting a Redis restart loses the jobs accepted since the
 * last snapshot. Run Redis with {@code appendonly yes} and {@code appendfsync always} for a queue that keeps
 * every accepted job across broker restarts (or {@code everysec} to risk about a second).
 *
 * <p>The connection factory should fail fast while Redis is down (with Lettuce:
 * {@code ClientOptions.disconnectedBehavior(REJECT_COMMANDS)} and a command timeout of a few seconds), so
 * producers get a retriable {@link dev.judge.core.queue.QueueException} instead of waiting.
 *
 * <p>The newest 10,000 dead letters are kept. {@link Builder#build()} needs Redis reachable (it subscribes to
 * the wake-up and result channels).
 */
public final class RedisJudgeStorage implements AutoCloseable {
    private final RedisJobQueue queue;
    private final RedisResultStore store;
    private final RedisMessageListenerContainer container;
    private final ExecutorService listenerThread;

    private RedisJudgeStorage(Builder b) {
        StringRedisTemplate redis = new StringRedisTemplate(b.connectionFactory);
        redis.afterPropertiesSet();
        Wakeup wakeup = new Wakeup();
        String node = UUID.randomUUID().toString();
        queue = new RedisJobQueue(redis, b.prefix, b.policy, b.pollInterval, wakeup, consumerName());
        store = new RedisResultStore(redis, b.prefix, node, b.resultRetention);

        // One thread delivers messages, so listeners see one submission's changes in the order they were made.
        listenerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "judge-redis-listen-" + b.prefix);
            t.setDaemon(true);
            return t;
        });
        container = new RedisMessageListenerContainer();
        container.setConnectionFactory(b.connectionFactory);
        container.setTaskExecutor(listenerThread);
        container.setRecoveryInterval(1_000);
        container.addMessageListener((message, pattern) -> wakeup.signal(),
                new ChannelTopic(RedisJobQueue.wakeChannel(b.prefix)));
        container.addMessageListener((message, pattern) -> store.onPublished(
                new String(message.getBody(), StandardCharsets.UTF_8)), new ChannelTopic(RedisResultStore.channel(b.prefix)));
        container.afterPropertiesSet();
        try {
            container.start();
        } catch (RuntimeException e) {
            listenerThread.shutdownNow();
            throw new IllegalStateException("cannot subscribe to Redis: " + e.getMessage(), e);
        }
    }

    private static String consumerName() {
        // A stable name per host keeps the consumer groups from collecting one consumer per process start;
        // leases are tracked per claim, not per consumer.
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "judge" : host;
    }

    /** Starts a configuration; only the connection factory is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The job queue; shared by every caller of this storage. */
    public JobQueue jobQueue() {
        return queue;
    }

    /** The result store; shared by every caller of this storage. */
    public ResultStore resultStore() {
        return store;
    }

    /** Stops listening; does not close the connection factory. */
    @Override
    public void close() {
        queue.close();
        store.close();
        try {
            container.stop();
            container.destroy();
        } catch (Exception e) {
            // Closing: nothing left to do about a listener that did not stop cleanly.
        } finally {
            listenerThread.shutdownNow();
        }
    }

    /** Configuration of a {@link RedisJudgeStorage}. */
    public static final class Builder {
        private RedisConnectionFactory connectionFactory;
        private String prefix = "judge:";
        private QueuePolicy policy = QueuePolicy.defaults();
        private Duration pollInterval = Duration.ofMillis(500);
        private Duration resultRetention = Duration.ofDays(7);

        private Builder() {
        }

        /** The Redis connection factory; required. */
        public Builder connectionFactory(RedisConnectionFactory connectionFactory) {
            this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
            return this;
        }

        /** Start of every key and channel, default {@code judge:}; at most 100 characters, no whitespace. */
        public Builder keyPrefix(String prefix) {
            Objects.requireNonNull(prefix, "keyPrefix");
            if (prefix.isEmpty() || prefix.length() > 100 || prefix.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("keyPrefix must be 1 to 100 characters without whitespace, was '"
                        + prefix + "'");
            }
            this.prefix = prefix;
            return this;
        }

        /** Lease, attempts and backoff of the queue; default {@link QueuePolicy#defaults()}. */
        public Builder policy(QueuePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How often idle claimers look for ended leases and backoffs; default 500 ms. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = AdapterRules.pollInterval(pollInterval);
            return this;
        }

        /** How long a result is kept after its last change, default 7 days; zero keeps results for ever. */
        public Builder resultRetention(Duration retention) {
            Objects.requireNonNull(retention, "resultRetention");
            if (retention.isNegative()) {
                throw new IllegalArgumentException("resultRetention must not be negative, was " + retention);
            }
            this.resultRetention = retention;
            return this;
        }

        /**
         * Creates the storage and subscribes to its channels.
         *
         * @throws IllegalStateException when the connection factory is missing or Redis cannot be reached
         */
        public RedisJudgeStorage build() {
            if (connectionFactory == null) {
                throw new IllegalStateException("connectionFactory is required");
            }
            return new RedisJudgeStorage(this);
        }
    }
}
