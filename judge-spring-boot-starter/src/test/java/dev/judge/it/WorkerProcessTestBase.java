package dev.judge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.Priority;
import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.store.ResultStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker nodes in processes of their own on one queue and store: killed with SIGKILL mid-job, restarted, and
 * scaled from one process to two. The test JVM accepts the jobs and checks the results; it never judges.
 */
public abstract class WorkerProcessTestBase {
    private static final int CONCURRENCY = 4;

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private int started;

    /** Arguments naming the backend and the namespace, as {@link WorkerProcess} reads them. */
    protected abstract List<String> backendArgs();

    /** The queue of this test's namespace, for the accepting side. */
    protected abstract JobQueue queue();

    /** The store of this test's namespace, for the accepting side. */
    protected abstract ResultStore store();

    /** Short name of the backend for the figures. */
    protected abstract String backendName();

    @AfterEach
    void killProcesses() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
    }

    @Test
    void aWorkerKilledInTheMiddleOfAJobLeavesItToAnotherThatStoresItsResultOnce() throws Exception {
        Path journal = dir.resolve("journal");
        JudgeJob job = accept("slow-" + UUID.randomUUID(), SumPipeline.submission(42, true, 4000));
        Process first = startWorker(journal);
        awaitStatus(job.id(), Status.RUNNING, Duration.ofSeconds(20));
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no drain, no release

        Process second = startWorker(journal);
        SubmissionResult result = awaitStatus(job.id(), Status.FINISHED, Duration.ofSeconds(30));
        assertThat(result.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(result.compileOutput()).isEqualTo("judged by pid " + second.pid());
        awaitDepthZero(Duration.ofSeconds(10)); // acked only after the journal line is written
        assertThat(finals(journal)).containsOnlyKeys(job.id());
        assertThat(finals(journal).get(job.id())).containsExactly(second.pid());
        assertThat(queue().deadLetters(10)).isEmpty();
    }

    @Test
    void aThousandJobsOnTwoWorkersKilledAtRandomAreAllJudgedAndStoredOnce() throws Exception {
        Path journal = dir.resolve("journal");
        Process[] workers = {startWorker(journal), startWorker(journal)};
        int n = 1000;
        Map<String, Boolean> jobs = new HashMap<>();
        for (int i = 0; i < n; i++) {
            boolean correct = i % 10 != 0;
            jobs.put(accept("batch-" + i + "-" + UUID.randomUUID(), SumPipeline.submission(i, correct, 100)).id(),
                    correct);
        }
        Random random = new Random();
        int kills = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        long start = System.nanoTime();
        while (kills < 3 && queue().depth() > 0) {
            Thread.sleep(500 + random.nextInt(1000));
            int victim = random.nextInt(2);
            workers[victim].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            kills++;
            workers[victim] = startWorker(journal);
        }
        while (queue().depth() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(kills).as("kills while jobs were waiting").isEqualTo(3);
        assertThat(queue().depth()).isZero();

        Map<String, List<Long>> finals = finals(journal);
        int journaled = 0;
        for (Map.Entry<String, Boolean> e : jobs.entrySet()) {
            Optional<SubmissionResult> r = store().find(e.getKey());
            assertThat(r).as("result of %s", e.getKey()).hasValueSatisfying(res -> {
                assertThat(res.status()).isEqualTo(Status.FINISHED);
                assertThat(res.verdict()).isEqualTo(e.getValue() ? Verdict.ACCEPTED : Verdict.WRONG_ANSWER);
                assertThat(res.tests()).hasSize(3);
            });
            List<Long> writers = finals.getOrDefault(e.getKey(), List.of());
            assertThat(writers).as("final writes of %s", e.getKey()).hasSizeLessThanOrEqualTo(1);
            if (!writers.isEmpty()) {
                journaled++;
                assertThat(r.get().compileOutput()).isEqualTo("judged by pid " + writers.get(0));
            }
        }
        // A final write is missing from the journal only when its process died between the write and the line.
        assertThat(journaled).isGreaterThanOrEqualTo(n - kills * CONCURRENCY);
        assertThat(finals.keySet()).isSubsetOf(jobs.keySet());
        assertThat(queue().deadLetters(10)).isEmpty();
        System.out.printf("%s: %d jobs, 2 worker processes, %d SIGKILLs, %d processes started, %d ms: 0 lost, "
                + "0 duplicated%n", backendName(), n, kills, started, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void twoWorkerProcessesFinishABatchFasterThanOne() throws Exception {
        Path journal = dir.resolve("journal");
        Process one = startWorker(journal);
        Duration alone = runBatch("one", 120);
        one.getOutputStream().close(); // asks it to stop
        one.waitFor(15, TimeUnit.SECONDS);

        startWorker(journal);
        startWorker(journal);
        Duration both = runBatch("two", 120);

        String line = String.format("%s: 120 jobs of 200 ms, %d slots per process: 1 process %d ms, 2 processes %d ms",
                backendName(), CONCURRENCY, alone.toMillis(), both.toMillis());
        System.out.println(line);
        Files.writeString(Path.of("target", "queue-scaling.txt"), line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertThat(both).isLessThan(alone.multipliedBy(8).dividedBy(10));
    }

    private Duration runBatch(String name, int n) throws Exception {
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(accept(name + "-" + i + "-" + UUID.randomUUID(), SumPipeline.submission(i, true, 200)).id());
        }
        awaitDepthZero(Duration.ofSeconds(60));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        for (String id : ids) {
            assertThat(store().find(id)).hasValueSatisfying(r -> assertThat(r.isFinished()).isTrue());
        }
        return took;
    }

    private JudgeJob accept(String id, dev.judge.core.model.Submission submission) {
        store().save(SubmissionResult.queued(id, Instant.now()));
        JudgeJob job = new JudgeJob(id, submission, Priority.NORMAL, Instant.now());
        queue().enqueue(job);
        return job;
    }

    private SubmissionResult awaitStatus(String id, Status status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SubmissionResult> r = store().find(id);
            if (r.isPresent() && r.get().status().compareTo(status) >= 0) {
                return r.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(id + " did not reach " + status + " within " + timeout + ": " + store().find(id));
    }

    private void awaitDepthZero(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queue().depth() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("queue not empty after " + timeout + ": " + queue().depth());
            }
            Thread.sleep(50);
        }
    }

    /** Final writes per job id, by process id, from the journal the workers append to. */
    private static Map<String, List<Long>> finals(Path journal) throws IOException {
        Map<String, List<Long>> out = new HashMap<>();
        if (!Files.exists(journal)) {
            return out;
        }
        for (String line : Files.readAllLines(journal)) {
            String[] f = line.split(" ");
            if (f.length == 3 && f[0].equals("FINAL")) {
                out.computeIfAbsent(f[1], k -> new ArrayList<>()).add(Long.parseLong(f[2]));
            }
        }
        return out;
    }

    /** Starts a worker process and waits until it is claiming. */
    protected Process startWorker(Path journal) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName()));
        cmd.addAll(backendArgs());
        cmd.add(String.valueOf(CONCURRENCY));
        cmd.add(journal.toString());
        Path log = dir.resolve("worker-" + (++started) + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        processes.add(p);
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                        ready.complete(true);
                    }
                    Files.writeString(log, line + System.lineSeparator(), StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                ready.completeExceptionally(new UncheckedIOException(e));
            }
            ready.complete(false);
        }, "worker-output-" + started);
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.get(60, TimeUnit.SECONDS)) {
                throw new AssertionError("worker process exited before it was ready:\n" + Files.readString(log));
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("worker process did not get ready: " + e, e);
        }
        return p;
    }
}
