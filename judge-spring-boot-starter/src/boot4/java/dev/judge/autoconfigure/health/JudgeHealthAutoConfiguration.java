package dev.judge.autoconfigure.health;

import dev.judge.core.queue.JobQueue;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.store.ResultStore;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Health of the sandbox, the queue and the result store, as {@code judgeSandbox}, {@code judgeQueue} and
 * {@code judgeStore}. This copy is written against Spring Boot 4's health API.
 */
// After the judge's beans, named rather than referenced: the sandbox auto-configuration offers this package's
// SandboxHealthDetails, and a reference back would tie the two packages in a cycle.
@AutoConfiguration(afterName = "dev.judge.autoconfigure.JudgeAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
public class JudgeHealthAutoConfiguration {

    @Bean
    @ConditionalOnBean(Sandbox.class)
    @ConditionalOnMissingBean(name = "judgeSandboxHealthIndicator")
    public HealthIndicator judgeSandboxHealthIndicator(Sandbox sandbox,
            ObjectProvider<SandboxHealthDetails> details) {
        List<SandboxHealthDetails> extra = details.orderedStream().toList();
        return () -> toHealth(HealthChecks.sandbox(sandbox, extra));
    }

    @Bean
    @ConditionalOnBean(JobQueue.class)
    @ConditionalOnMissingBean(name = "judgeQueueHealthIndicator")
    public HealthIndicator judgeQueueHealthIndicator(JobQueue queue) {
        return () -> toHealth(HealthChecks.queue(queue));
    }

    @Bean
    @ConditionalOnBean(ResultStore.class)
    @ConditionalOnMissingBean(name = "judgeStoreHealthIndicator")
    public HealthIndicator judgeStoreHealthIndicator(ResultStore store) {
        return () -> toHealth(HealthChecks.store(store));
    }

    private static Health toHealth(ComponentHealth h) {
        return (h.up() ? Health.up() : Health.down()).withDetails(h.details()).build();
    }
}
