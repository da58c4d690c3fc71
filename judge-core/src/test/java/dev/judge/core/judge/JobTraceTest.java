package dev.judge.core.judge;

import static dev.judge.core.judge.JudgeQueueTest.awaitFinished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.model.Priority;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TraceContext;
import dev.judge.core.pipeline.JudgeObserver;
import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JobQueues;
import dev.judge.core.store.ResultStores;
import dev.judge.core.testsupport.FakeSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A queued job carries its submitter's trace to the worker, which judges it inside that trace. */
class JobTraceTest {
    private static final TraceContext SUBMITTER = TraceContext.of(Map.of("traceparent",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

    /**
     * Traces by a thread-local "current trace", as a tracer does: the submitter's thread has one, the worker sets
     * the job's for the judging, and {@link #carry} passes it to the slot threads; every phase records what trace
     * it ran in.
     */
    private static final class ThreadTraces implements JudgeObserver {
        final ThreadLocal<TraceContext> current = ThreadLocal.withInitial(() -> TraceContext.NONE);
        final Map<String, TraceContext> jobs = new ConcurrentHashMap<>();
        final List<String> phases = new CopyOnWriteArrayList<>();

        @Override
        public TraceContext currentTrace() {
            return current.get();
        }

        @Override
        public void judgeJob(String jobId, String languageId, TraceContext trace, Instant enqueuedAt, Runnable work) {
            jobs.put(jobId, trace);
            current.set(trace);
            try {
                work.run();
            } finally {
                current.remove();
            }
        }

        @Override
        public <T> Callable<T> carry(Callable<T> task) {
            TraceContext here = current.get();
            return () -> {
                current.set(here);
                try {
                    return task.call();
                } finally {
                    current.remove();
                }
            };
        }

        @Override
        public <T> T observe(Phase phase, String languageId, Supplier<T> work) {
            phases.add(phase + " " + current.get().traceId().orElse("none"));
            return work.get();
        }
    }

    private static Submission twoTests() {
        return twoTests("int main(){}");
    }

    private static Submission twoTests(String source) {
        return Submission.of("cpp", source, List.of(TestCase.of("1", "a", "a"), TestCase.of("2", "b", "b")));
    }

    @Test
    void theWorkerJudgesAJobInTheTraceItWasSubmittedIn() throws Exception {
        ThreadTraces traces = new ThreadTraces();
        try (JobQueue queue = JobQueues.inMemory();
                Judge judge = Judge.builder().sandbox(echo()).runSlots(2).jobQueue(queue)
                        .resultStore(ResultStores.inMemory()).observer(traces).worker(true).build()) {
            traces.current.set(SUBMITTER);
            String traced = judge.submit(twoTests());
            traces.current.remove();
            String untraced = judge.submit(twoTests("int main(){return 0;}")); // compiled apart: not a cache hit
            awaitFinished(judge, traced);
            awaitFinished(judge, untraced);
            assertThat(traces.jobs).containsEntry(traced, SUBMITTER).containsEntry(untraced, TraceContext.NONE);
            String id = SUBMITTER.traceId().orElseThrow();
            // compile on the worker's thread, runs and checks on the slots, the store back on the worker's thread
            assertThat(traces.phases).filteredOn(p -> p.endsWith(id))
                    .containsExactlyInAnyOrder("RUN " + id, "RUN " + id, "CHECK " + id, "CHECK " + id,
                            "COMPILE " + id, "STORE " + id);
        }
    }

    @Test
    void explicitTracesTravelWithTheirSubmissions() throws Exception {
        ThreadTraces traces = new ThreadTraces();
        try (JobQueue queue = JobQueues.inMemory();
                Judge judge = Judge.builder().sandbox(echo()).runSlots(2).jobQueue(queue)
                        .resultStore(ResultStores.inMemory()).observer(traces).build()) {
            traces.current.set(TraceContext.of(Map.of("traceparent",
                    "00-11111111111111111111111111111111-00f067aa0ba902b7-01")));
            List<String> ids = judge.submitAll(List.of(twoTests(), twoTests()), List.of(SUBMITTER, TraceContext.NONE));
            Optional<ClaimedJob> first = queue.claim(Set.of(), Duration.ZERO);
            Optional<ClaimedJob> second = queue.claim(Set.of(), Duration.ZERO);
            Map<String, TraceContext> byId = Map.of(first.orElseThrow().job().id(), first.get().job().trace(),
                    second.orElseThrow().job().id(), second.get().job().trace());
            assertThat(byId).containsEntry(ids.get(0), SUBMITTER).containsEntry(ids.get(1), TraceContext.NONE);

            assertThatThrownBy(() -> judge.submitAll(List.of(twoTests()), List.of()))
                    .isInstanceOf(InvalidSubmissionException.class).hasMessageContaining("traces");
            assertThatThrownBy(() -> judge.submit(twoTests(), Priority.LOW, null))
                    .isInstanceOf(InvalidSubmissionException.class).hasMessageContaining("trace");
        }
    }

    @Test
    void anObserverThatFailsToReadTheTraceDoesNotFailTheSubmission() throws Exception {
        JudgeObserver broken = new JudgeObserver() {
            @Override
            public TraceContext currentTrace() {
                throw new IllegalStateException("tracer down");
            }
        };
        try (JobQueue queue = JobQueues.inMemory();
                Judge judge = Judge.builder().sandbox(echo()).runSlots(2).jobQueue(queue)
                        .resultStore(ResultStores.inMemory()).observer(broken).worker(true).build()) {
            assertThat(awaitFinished(judge, judge.submit(twoTests())).isFinished()).isTrue();
        }
    }

    private static FakeSandbox echo() {
        return FakeSandbox.programs(r -> FakeSandbox.exited(0, new String(r.stdin(), StandardCharsets.UTF_8)));
    }
}
