package dev.judge.demo.judge0;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Judge0-compatible API ({@code judge.judge0.*}).
 *
 * @param authToken          accepted {@code X-Auth-Token} values, comma-separated; unset: one is generated at the
 *                           first start and kept in {@code <data-dir>/judge0-token}
 * @param open               {@code true} serves the API without any token, as Judge0 ships (a warning is logged
 *                           at every start); {@code authToken} is then ignored
 * @param maxBatchSize       most submissions of one batch
 * @param waitTimeout        how long {@code wait=true} waits before answering with the state at that moment
 * @param maintenanceMode    Judge0's {@code MAINTENANCE_MODE}: creating and deleting submissions answer 503
 * @param maintenanceMessage Judge0's {@code MAINTENANCE_MESSAGE}, the {@code error} of those 503 answers
 */
@ConfigurationProperties("judge.judge0")
public record Judge0Properties(String authToken, @DefaultValue("false") boolean open,
        @DefaultValue("20") int maxBatchSize, @DefaultValue("30s") Duration waitTimeout,
        @DefaultValue("false") boolean maintenanceMode,
        @DefaultValue("Judge0 is currently in maintenance.") String maintenanceMessage) {

    public List<String> tokens() {
        return authToken == null ? List.of()
                : Arrays.stream(authToken.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
