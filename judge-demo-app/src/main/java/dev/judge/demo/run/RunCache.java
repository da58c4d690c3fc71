package dev.judge.demo.run;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.judge.core.model.Limits;
import dev.judge.core.model.RunResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Results of runs by what decides them: the SHA-256 of language, source, input and limits. A result is reused
 * within {@link RunCacheProperties#ttl()}, bounded by the bytes of its texts; an internal error is never kept (the
 * next run may succeed). The run's timings are the first run's: a program near its time limit keeps its verdict for
 * the cache's lifetime rather than flipping between identical requests.
 */
@Component
class RunCache {
    private final Cache<String, RunResult> results;

    RunCache(RunCacheProperties properties) {
        this.results = properties.enabled()
                ? Caffeine.newBuilder().maximumWeight(properties.maxSize().toBytes())
                        .weigher((String key, RunResult r) -> weight(r))
                        .expireAfterWrite(properties.ttl()).build()
                : null;
    }

    /** A result: the cached one ({@code cached} true) or the one {@code run} makes, kept unless an internal error. */
    Outcome get(String language, String source, String stdin, Limits limits, Supplier<RunResult> run) {
        if (results == null) {
            return new Outcome(run.get(), false);
        }
        String key = key(language, source, stdin, limits);
        Optional<RunResult> hit = Optional.ofNullable(results.getIfPresent(key));
        if (hit.isPresent()) {
            return new Outcome(hit.get(), true);
        }
        RunResult made = run.get();
        if (!"IE".equals(made.verdict().code())) {
            results.put(key, made);
        }
        return new Outcome(made, false);
    }

    long size() {
        return results == null ? 0 : results.estimatedSize();
    }

    void cleanUp() {
        if (results != null) {
            results.cleanUp();
        }
    }

    /** A run's result and whether it came from the cache. */
    record Outcome(RunResult result, boolean cached) {
    }

    private static int weight(RunResult r) {
        long chars = 256L + r.stdout().length() + r.stderr().length() + r.compileOutput().length()
                + r.message().length();
        return (int) Math.min(Integer.MAX_VALUE, chars * 2);
    }

    static String key(String language, String source, String stdin, Limits limits) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {language, source, stdin, limits.toString()}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
