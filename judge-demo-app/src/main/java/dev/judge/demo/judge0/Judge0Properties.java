package dev.judge.demo.judge0;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Judge0-compatible API ({@code judge.judge0.*}).
 *
 * @param authToken    accepted {@code X-Auth-Token} values, comma-separated; unset or empty leaves the API open
 *                     (as Judge0's default)
 * @param maxBatchSize most submissions of one batch
 * @param waitTimeout  how long {@code wait=true} waits before answering with the state at that moment
 */
@ConfigurationProperties("judge.judge0")
public record Judge0Properties(String authToken, @DefaultValue("20") int maxBatchSize,
        @DefaultValue("30s") Duration waitTimeout) {

    public List<String> tokens() {
        return authToken == null ? List.of()
                : Arrays.stream(authToken.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
