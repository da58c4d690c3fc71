package dev.judge.redis;

import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.DeadLetter;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.queue.QueuePolicy;
import dev.judge.internal.PayloadCodec;
import dev.judge.internal.PollingJobQueue;
import dev.judge.internal.Wakeup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The job queue on Redis Streams: one stream per (lane, language) with one consumer group. A lease is the
 * entry's place in the group's pending list; its idle time is the lease's age, so a lease ends when the
 * entry has been idle for the visibility timeout, and the next claim takes it over with {@code XCLAIM}.
 * Attempts are counted in the job's hash (not by the stream's delivery counter) so they survive the
 * re-add of a released job after its backoff.
 */
final class RedisJobQueue extends PollingJobQueue {
    private static final Logger LOG = LoggerFactory.getLogger(RedisJobQueue.class);
    static final String GROUP = "judge";
    static final int DEAD_LETTER_CAP = 10_000;

    private final StringRedisTemplate redis;
    private final String prefix;
    private final String consumer;

    RedisJobQueue(StringRedisTemplate redis, String prefix, QueuePolicy policy, Duration pollInterval, Wakeup wakeup,
            String consumer) {
        super(policy, pollInterval, wakeup);
        this.redis = redis;
        this.prefix = prefix;
        this.consumer = consumer;
    }

    static String wakeChannel(String prefix) {
        return prefix + "wake";
    }

    private String key(String name) {
        return prefix + name;
    }

    private String jobKey(String id) {
        return prefix + "job:" + id;
    }

    private String streamKey(JudgeJob job) {
        return key("s:" + job.priority().ordinal() + ":" + job.languageId());
    }

    @Override
    public void enqueue(JudgeJob job) {
        Objects.requireNonNull(job, "job");
        checkOpen();
        String payload = PayloadCodec.jobToJson(job);
        call("enqueue " + job.id(), () -> redis.execute(RedisScripts.ENQUEUE,
                List.of(key("live"), jobKey(job.id()), streamKey(job), key("langs"), key("seq")),
                job.id(), payload, job.languageId(), GROUP, wakeChannel(prefix)));
        wakeClaimers();
    }

    /** One script for the whole list: one round trip, and one wake-up per language. */
    @Override
    public void enqueueAll(List<JudgeJob> jobs) {
        Objects.requireNonNull(jobs, "jobs");
        if (jobs.size() < 2) {
            super.enqueueAll(jobs);
            return;
        }
        checkOpen();
        List<String> keys = new ArrayList<>(3 + 2 * jobs.size());
        List<String> args = new ArrayList<>(2 + 3 * jobs.size());
        keys.addAll(List.of(key("live"), key("langs"), key("seq")));
        args.addAll(List.of(GROUP, wakeChannel(prefix)));
        for (JudgeJob job : jobs) {
            Objects.requireNonNull(job, "jobs must not hold null");
            keys.add(jobKey(job.id()));
            keys.add(streamKey(job));
            args.add(job.id());
            args.add(PayloadCodec.jobToJson(job));
            args.add(job.languageId());
        }
        call("enqueue " + jobs.size() + " jobs", () -> redis.execute(RedisScripts.ENQUEUE_ALL, keys, args.toArray()));
        wakeClaimers();
    }

    @Override
    protected Optional<ClaimedJob> tryClaim(List<String> languages) {
        String lease = UUID.randomUUID().toString();
        List<String> args = new ArrayList<>(7 + languages.size());
        args.addAll(List.of(prefix, GROUP, consumer,
                String.valueOf(Math.max(1, policy().visibilityTimeout().toMillis())),
                String.valueOf(policy().maxAttempts()), String.valueOf(DEAD_LETTER_CAP), lease));
        args.addAll(languages);
        @SuppressWarnings("rawtypes")
        List reply = call("claim", () -> redis.execute(RedisScripts.CLAIM,
                List.of(key("delayed"), key("live"), key("langs"), key("dead")), args.toArray()));
        if (reply == null || reply.size() != 3) {
            return Optional.empty();
        }
        JudgeJob job = PayloadCodec.jobFromJson((String) reply.get(0));
        int attempt = ((Number) reply.get(1)).intValue();
        Instant expires = Instant.ofEpochMilli(((Number) reply.get(2)).longValue());
        return Optional.of(new ClaimedJob(job, lease, attempt, expires));
    }

    @Override
    public boolean ack(ClaimedJob claimed) {
        Objects.requireNonNull(claimed, "claimed");
        String id = claimed.job().id();
        return Long.valueOf(1).equals(call("ack " + id, () -> redis.execute(RedisScripts.ACK,
                List.of(jobKey(id), key("live")), id, claimed.leaseId(), GROUP)));
    }

    @Override
    public boolean release(ClaimedJob claimed, String reason) {
        Objects.requireNonNull(claimed, "claimed");
        String id = claimed.job().id();
        Long r = call("release " + id, () -> redis.execute(RedisScripts.RELEASE,
                List.of(jobKey(id), key("live"), key("delayed"), key("dead")), id, claimed.leaseId(), GROUP,
                String.valueOf(policy().maxAttempts()), String.valueOf(policy().backoff(claimed.attempt()).toMillis()),
                reason == null ? "" : reason, String.valueOf(DEAD_LETTER_CAP)));
        return r != null && r > 0;
    }

    @Override
    public boolean extend(ClaimedJob claimed) {
        Objects.requireNonNull(claimed, "claimed");
        String id = claimed.job().id();
        return Long.valueOf(1).equals(call("extend " + id, () -> redis.execute(RedisScripts.EXTEND,
                List.of(jobKey(id)), claimed.leaseId(), GROUP, consumer)));
    }

    @Override
    public long depth() {
        Long n = call("depth", () -> redis.opsForSet().size(key("live")));
        return n == null ? 0 : n;
    }

    /** The dead-letter stream is capped (MAXLEN), so finding a job's entries reads at most that many. */
    @Override
    public boolean discardDeadLetter(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        List<MapRecord<String, Object, Object>> records = call("discardDeadLetter", () -> redis.opsForStream()
                .range(key("dead"), Range.unbounded()));
        List<RecordId> ids = new ArrayList<>();
        for (MapRecord<String, Object, Object> r : records == null ? List.<MapRecord<String, Object, Object>>of()
                : records) {
            if (jobId.equals(r.getValue().get("id"))) {
                ids.add(r.getId());
            }
        }
        if (ids.isEmpty()) {
            return false;
        }
        Long n = call("discardDeadLetter",
                () -> redis.opsForStream().delete(key("dead"), ids.toArray(RecordId[]::new)));
        return n != null && n > 0;
    }

    @Override
    protected List<DeadLetter> readDeadLetters(int limit) {
        List<MapRecord<String, Object, Object>> records = call("deadLetters", () -> redis.opsForStream()
                .reverseRange(key("dead"), Range.unbounded(), Limit.limit().count(limit)));
        List<DeadLetter> out = new ArrayList<>();
        for (MapRecord<String, Object, Object> r : records == null ? List.<MapRecord<String, Object, Object>>of() : records) {
            Map<Object, Object> f = r.getValue();
            try {
                out.add(new DeadLetter(PayloadCodec.jobFromJson((String) f.get("payload")),
                        Integer.parseInt((String) f.get("attempts")), (String) f.get("reason"),
                        Instant.ofEpochMilli(Long.parseLong((String) f.get("deadAt")))));
            } catch (RuntimeException e) {
                LOG.warn("dead letter {} is unreadable: {}", f.get("id"), e.getMessage());
            }
        }
        return out;
    }

    private <T> T call(String what, Supplier<T> op) {
        return RedisErrors.CALLS.queue(what, op);
    }
}
