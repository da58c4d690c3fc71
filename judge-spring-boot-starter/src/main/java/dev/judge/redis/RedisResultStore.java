package dev.judge.redis;

import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.store.ResultListener;
import dev.judge.core.store.ResultStore;
import dev.judge.internal.PayloadCodec;
import dev.judge.internal.ResultListeners;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Results as one hash per submission ({@code rank}, {@code json}) that expires after the retention. The
 * forward-only rule runs in a script, which also publishes each stored change (writer node, space, JSON) so
 * other nodes' listeners get it without a read. Pub/sub is at-most-once: a listener whose connection is down
 * misses changes, and {@link #find} has the current state.
 */
final class RedisResultStore implements ResultStore {
    private static final String FINAL_RANK = String.valueOf(Status.FINISHED.ordinal());

    private final StringRedisTemplate redis;
    private final String prefix;
    private final String origin;
    private final Duration retention;
    private final ResultListeners listeners;

    RedisResultStore(StringRedisTemplate redis, String prefix, String origin, Duration retention) {
        this.redis = redis;
        this.prefix = prefix;
        this.origin = origin;
        this.listeners = new ResultListeners(origin);
        this.retention = retention;
    }

    static String channel(String prefix) {
        return prefix + "results";
    }

    private String key(String id) {
        return prefix + "r:" + id;
    }

    @Override
    public boolean save(SubmissionResult result) {
        Objects.requireNonNull(result, "result");
        String json = PayloadCodec.resultToJson(result);
        Long stored = call("save " + result.submissionId(), () -> redis.execute(RedisScripts.SAVE_RESULT,
                List.of(key(result.submissionId())), String.valueOf(result.status().ordinal()), json, FINAL_RANK,
                String.valueOf(retention.toMillis()), channel(prefix), origin));
        boolean changed = Long.valueOf(1).equals(stored);
        if (changed) {
            listeners.dispatch(result);
        }
        return changed;
    }

    /** One script for the whole list: one round trip. */
    @Override
    public void saveAll(List<SubmissionResult> results) {
        Objects.requireNonNull(results, "results");
        if (results.size() < 2) {
            ResultStore.super.saveAll(results);
            return;
        }
        List<String> keys = new ArrayList<>(results.size());
        List<String> args = new ArrayList<>(4 + 2 * results.size());
        args.addAll(List.of(FINAL_RANK, String.valueOf(retention.toMillis()), channel(prefix), origin));
        for (SubmissionResult result : results) {
            Objects.requireNonNull(result, "results must not hold null");
            keys.add(key(result.submissionId()));
            args.add(String.valueOf(result.status().ordinal()));
            args.add(PayloadCodec.resultToJson(result));
        }
        List<?> stored = call("save " + results.size() + " results",
                () -> redis.execute(RedisScripts.SAVE_RESULTS, keys, args.toArray()));
        for (int i = 0; i < results.size(); i++) {
            if (stored != null && Long.valueOf(1).equals(stored.get(i))) {
                listeners.dispatch(results.get(i));
            }
        }
    }

    @Override
    public Optional<SubmissionResult> find(String submissionId) {
        Objects.requireNonNull(submissionId, "submissionId");
        Object json = call("find " + submissionId, () -> redis.opsForHash().get(key(submissionId), "json"));
        return json == null ? Optional.empty() : Optional.of(PayloadCodec.resultFromJson((String) json));
    }

    @Override
    public boolean delete(String submissionId) {
        Objects.requireNonNull(submissionId, "submissionId");
        return Boolean.TRUE.equals(call("delete " + submissionId, () -> redis.delete(key(submissionId))));
    }

    @Override
    public Subscription subscribe(ResultListener listener) {
        return listeners.add(listener);
    }

    /** A change published by any node: {@code origin + ' ' + json}. */
    void onPublished(String message) {
        String json = listeners.restOfNotice(message);
        if (json != null) {
            listeners.dispatchJson(json, "a result notification");
        }
    }

    private <T> T call(String what, Supplier<T> op) {
        return RedisErrors.CALLS.store(what, op);
    }
}
