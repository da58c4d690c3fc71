package dev.judge.demo.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The result cache of {@code POST /api/v1/runs} ({@code judge.demo.run-cache.*}): a run with the same language,
 * source, input and limits as one finished lately answers with that result instead of running again.
 *
 * @param enabled  whether runs are cached at all
 * @param maxSize  the most bytes of results kept (outputs, error output, compiler output); least recently used go
 * @param ttl      how long a result is reused after it was made
 */
@ConfigurationProperties("judge.demo.run-cache")
public record RunCacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("64MB") DataSize maxSize,
        @DefaultValue("10m") Duration ttl) {
}
