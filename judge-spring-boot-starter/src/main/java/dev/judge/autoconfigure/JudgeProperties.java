package dev.judge.autoconfigure;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.queue.QueuePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the judge under {@code judge.*}.
 *
 * @param sandbox   which sandbox runs the programs
 * @param executor  the bounded executor that runs tests in parallel
 * @param cache     the compiled-artifact cache
 * @param limits    default limits of a submission and the caps no submission may exceed
 * @param caps      size caps on what a submission may carry
 * @param languages overrides and additions to the bundled languages as {@code <id>.<field>} keys (for example
 *                  {@code judge.languages.python3.run=python3 -S main.py}); the fields are those of
 *                  {@link dev.judge.core.language.Languages}
 * @param queue     where accepted submissions wait
 * @param store     where results are kept
 * @param jdbc      the JDBC queue and store
 * @param redis     the Redis queue and store
 * @param worker    whether this node judges queued submissions
 */
@ConfigurationProperties("judge")
public record JudgeProperties(
        @DefaultValue Sandbox sandbox,
        @DefaultValue Executor executor,
        @DefaultValue Cache cache,
        @DefaultValue LimitSettings limits,
        @DefaultValue Caps caps,
        Map<String, String> languages,
        @DefaultValue Queue queue,
        @DefaultValue Store store,
        @DefaultValue Jdbc jdbc,
        @DefaultValue Redis redis,
        @DefaultValue Worker worker) {

    public JudgeProperties {
        languages = languages == null ? Map.of() : Map.copyOf(languages);
    }

    /** Which sandbox implementation to use. */
    public enum SandboxType {
        /** The native sandbox when its self-check says it can run here, else Docker when an engine answers. */
        AUTO,
        /** The Linux native sandbox ({@code judge-sandbox-native}). */
        NATIVE,
        /** The Docker sandbox ({@code judge-sandbox-docker}). */
        DOCKER
    }

    /** Where queued jobs and results live. */
    public enum Backend {
        /** In this JVM only: lost on restart, not shared between nodes. */
        MEMORY,
        /** A relational database through the application's {@code DataSource} (PostgreSQL, H2). */
        JDBC,
        /** Redis through the application's {@code RedisConnectionFactory}. */
        REDIS
    }

    /**
     * @param type             which sandbox
     * @param allowUnconfined  let the native sandbox start where some protection is missing (never in production)
     * @param toolchainPaths   host directories bound read-only into native boxes; empty keeps the sandbox's default
     * @param nativeCgroupParent where the native sandbox makes its cgroups, relative to each cgroup mount; a judge
     *                         running without root needs a place delegated to its user
     * @param dockerImage      image of the Docker sandbox's containers
     * @param dockerHost       Docker engine address; empty means the environment's default
     * @param dockerPoolSize   warm containers kept per image
     * @param dockerHostToolchain bind this host's toolchain ({@code /usr} and friends) read-only into the
     *                         containers, for an engine on this machine; {@code toolchainPaths} are bound too
     * @param dockerBuildImage build the runtime image at start when it is missing or outdated (no registry needed)
     */
    public record Sandbox(
            @DefaultValue("auto") SandboxType type,
            @DefaultValue("false") boolean allowUnconfined,
            List<String> toolchainPaths,
            @DefaultValue("judge-native") String nativeCgroupParent,
            @DefaultValue("judge-runtime:latest") String dockerImage,
            String dockerHost,
            @DefaultValue("2") int dockerPoolSize,
            @DefaultValue("true") boolean dockerHostToolchain,
            @DefaultValue("true") boolean dockerBuildImage) {
        public Sandbox {
            toolchainPaths = toolchainPaths == null ? List.of() : List.copyOf(toolchainPaths);
            dockerHost = dockerHost == null ? "" : dockerHost;
        }
    }

    /**
     * @param slots         runs at once; 0 means one per available processor
     * @param queueCapacity runs waiting for a slot before new work is refused
     */
    public record Executor(@DefaultValue("0") int slots, @DefaultValue("256") int queueCapacity) {
    }

    /** @param maxSize total size of cached compiled artifacts */
    public record Cache(@DefaultValue("256MB") DataSize maxSize) {
    }

    /**
     * Limits a submission gets where it names none, and the highest it may ask for.
     *
     * @param cpuTime    default CPU time per test
     * @param wallTime   default wall time per test
     * @param memory     default memory per test
     * @param outputSize default output cap per test
     * @param maxCpuTime largest CPU time a submission may ask for
     * @param maxWallTime largest wall time a submission may ask for
     * @param maxMemory  largest memory a submission may ask for
     * @param allowNetwork whether a submission may ask for network (off: refused; on: granted only where the
     *                   sandbox gives a run network safely, see {@code Sandbox.givesNetwork()})
     */
    public record LimitSettings(
            @DefaultValue("2s") Duration cpuTime,
            @DefaultValue("5s") Duration wallTime,
            @DefaultValue("256MB") DataSize memory,
            @DefaultValue("16MB") DataSize outputSize,
            @DefaultValue("15s") Duration maxCpuTime,
            @DefaultValue("30s") Duration maxWallTime,
            @DefaultValue("1GB") DataSize maxMemory,
            @DefaultValue("false") boolean allowNetwork) {

        /** The default limits as the core's value type. */
        public Limits defaults() {
            return Limits.defaults().withCpuTime(cpuTime).withWallTime(wallTime)
                    .withMemory(ByteSize.ofBytes(memory.toBytes())).withOutputSize(ByteSize.ofBytes(outputSize.toBytes()));
        }
    }

    /**
     * @param maxSourceSize   largest source, all files together
     * @param maxTests        most test cases in one submission
     * @param maxTestDataSize largest total of test inputs and expected outputs
     */
    public record Caps(
            @DefaultValue("64KB") DataSize maxSourceSize,
            @DefaultValue("512") int maxTests,
            @DefaultValue("256MB") DataSize maxTestDataSize) {
    }

    /**
     * @param type              the backend
     * @param visibilityTimeout how long a claimed job is leased before it is handed out again
     * @param maxAttempts       deliveries before a job is dead-lettered
     * @param initialBackoff    delay before the first retry
     * @param maxBackoff        the retry delay doubles up to this
     * @param maxDepth          jobs waiting or running at which the judge refuses new submissions
     *                          ({@code QueueFullException}); 0 means no bound
     * @param depthRefresh      how old the depth that {@code maxDepth} compares with may be; zero reads it on every
     *                          submission
     */
    public record Queue(
            @DefaultValue("memory") Backend type,
            @DefaultValue("5m") Duration visibilityTimeout,
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("1m") Duration maxBackoff,
            @DefaultValue("0") long maxDepth,
            @DefaultValue("250ms") Duration depthRefresh) {

        /** The delivery rules as the core's value type. */
        public QueuePolicy policy() {
            return new QueuePolicy(visibilityTimeout, maxAttempts, initialBackoff, maxBackoff);
        }
    }

    /**
     * @param type      the backend
     * @param retention how long finished results are kept where the backend expires them (Redis)
     */
    public record Store(@DefaultValue("memory") Backend type, @DefaultValue("7d") Duration retention) {
    }

    /**
     * @param schema       schema of the judge's tables (lower-case letters, digits, underscores)
     * @param migrate      create and migrate the tables with Flyway at start-up
     * @param pollInterval how often idle claimers and listeners look for work they were not told about
     */
    public record Jdbc(
            @DefaultValue("judge") String schema,
            @DefaultValue("true") boolean migrate,
            @DefaultValue("500ms") Duration pollInterval) {
    }

    /**
     * @param keyPrefix    start of every key and channel the judge uses
     * @param pollInterval how often idle claimers look for ended leases and backoffs
     */
    public record Redis(@DefaultValue("judge:") String keyPrefix, @DefaultValue("500ms") Duration pollInterval) {
    }

    /**
     * @param enabled      whether this node takes jobs from the queue
     * @param concurrency  jobs judged at once by this node
     * @param languages    languages this node serves; empty means every language available in the sandbox
     * @param drainTimeout how long shutdown waits for jobs in progress
     * @param progressInterval least time between two progress writes of one job, and before its first (a job
     *                     finished sooner writes only its final result); 0 (the default) writes every change
     */
    public record Worker(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("2") int concurrency,
            Set<String> languages,
            @DefaultValue("30s") Duration drainTimeout,
            @DefaultValue("0ms") Duration progressInterval) {
        public Worker {
            languages = languages == null ? Set.of() : Set.copyOf(languages);
        }
    }
}
