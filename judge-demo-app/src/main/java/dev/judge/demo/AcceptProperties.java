package dev.judge.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How submissions are accepted ({@code judge.demo.accept.*}).
 *
 * @param batchSize    most submissions written in one transaction by the group commit (1 writes each alone)
 * @param writers      threads of the group commit, each writing its own batches in its own transaction. One suits
 *                     every profile: a group's writes are a few round trips whatever its size (one JDBC batch or
 *                     Redis script per kind), so one writer makes bigger groups; at 1000/s two or four writers
 *                     used more CPU per submission and had the longer tail on H2, PostgreSQL and Redis alike
 */
@ConfigurationProperties("judge.demo.accept")
public record AcceptProperties(
        @DefaultValue("64") int batchSize,
        @DefaultValue("1") int writers) {

    public AcceptProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("judge.demo.accept.batch-size must be at least 1, was " + batchSize);
        }
        if (writers < 1) {
            throw new IllegalArgumentException("judge.demo.accept.writers must be at least 1, was " + writers);
        }
    }
}
