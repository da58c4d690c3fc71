package dev.judge.core.queue.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.JudgeOptions;
import dev.judge.core.model.Limits;
import dev.judge.core.model.Priority;
import dev.judge.core.model.TraceContext;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Status;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.Verdict;
import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.DeadLetter;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.queue.QueuePolicy;
import dev.judge.core.store.ResultStore;
import dev.judge.core.store.ResultStores;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link JobQueue} implementation passes. An implementation's test extends this class and
 * implements {@link #createQueue(QueuePolicy)}.
 *
 * <p><b>Every queue handed out must be fresh</b>: empty of jobs and dead letters and shared with no other
 * queue the contract creates. Implementations backed by a shared service (PostgreSQL, Redis) do this by giving
 * each queue a random namespace (table prefix, stream key, ...), so earlier or parallel runs against the same
 * broker neither need cleaning nor disturb the counts and orderings checked here. Job ids are random too.
 *
 * <p>Timings are short (leases of {@link #shortVisibility()}, backoffs of a few hundred milliseconds) so the
 * contract runs quickly. Upper bounds add {@link #slack()}; a backend that polls or talks over the network
 * overrides it (and may lengthen {@link #shortVisibility()}) instead of weakening any check.
 */
public abstract class JobQueueContract {

    private final List<JobQueue> opened = Collections.synchronizedList(new ArrayList<>());

    /**
     * A fresh queue applying {@code policy}: it holds no jobs and no dead letters, and shares none with any other
     * queue returned by this method (use a random namespace when backed by a shared service). Closed after each
     * test.
     */
    protected abstract JobQueue createQueue(QueuePolicy policy) throws Exception;

    /**
     * How much later than ideal a timed event may be observed: a wake-up after an enqueue, a redelivery after
     * a lease ends, a job after its backoff. Raise it for backends that poll or sit across a network.
     */
    protected Duration slack() {
        return Duration.ofMillis(1500);
    }

    /** The lease used by tests that wait for a lease to end. */
    protected Duration shortVisibility() {
        return Duration.ofMillis(400);
    }

    /**
     * The result store {@link JobQueue#complete} writes into in these tests: by default one in memory; an adapter
     * whose queue completes jobs in one transaction with a store of its own storage returns that store.
     */
    protected ResultStore resultStoreOf(JobQueue queue) {
        return ResultStores.inMemory();
    }

    @AfterEach
    void closeQueues() {
        synchronized (opened) {
            for (JobQueue q : opened) {
                q.close();
            }
            opened.clear();
        }
    }

    /** A fresh queue, closed after the test. */
    protected final JobQueue open(QueuePolicy policy) throws Exception {
        JobQueue q = createQueue(policy);
        opened.add(q);
        return q;
    }

    /** Leases long enough that nothing is redelivered during a test. */
    protected static QueuePolicy longLeases() {
        return new QueuePolicy(Duration.ofSeconds(60), 3, Duration.ofMillis(100), Duration.ofMillis(100));
    }

    /** Short leases: a job not acked comes back after {@link #shortVisibility()}. */
    protected final QueuePolicy shortLeases(int maxAttempts) {
        return new QueuePolicy(shortVisibility(), maxAttempts, Duration.ofMillis(100), Duration.ofMillis(100));
    }

    protected static String newId() {
        return "tck-" + UUID.randomUUID();
    }

    protected static Submission submission(String languageId) {
        return Submission.of(languageId, "print(1)", List.of(TestCase.of("1", "", "1\n")));
    }

    protected static JudgeJob job(String languageId, Priority priority) {
        return new JudgeJob(newId(), submission(languageId), priority, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    protected static JudgeJob job() {
        return job("python", Priority.NORMAL);
    }

    private static final Set<String> ALL = Set.of();

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private Duration plusSlack(Duration d) {
        return d.plus(slack());
    }

    // ---------------------------------------------------------------- enqueue and claim

    @Test
    void claimReturnsAnEnqueuedJobWithAttemptOneAndALease() throws Exception {
        JobQueue q = open(longLeases());
        JudgeJob job = job();
        q.enqueue(job);
        assertThat(q.depth()).isEqualTo(1);

        Instant before = Instant.now();
        Optional<ClaimedJob> claimed = q.claim(ALL, Duration.ofSeconds(1));
        Instant after = Instant.now();

        assertThat(claimed).hasValueSatisfying(c -> {
            assertThat(c.job()).isEqualTo(job);
            assertThat(c.attempt()).isEqualTo(1);
            assertThat(c.leaseId()).isNotBlank();
            // Brokers keep their own clock: allow the slack either side.
            assertThat(c.leaseExpiresAt())
                    .isAfterOrEqualTo(before.plus(longLeases().visibilityTimeout()).minus(slack()))
                    .isBeforeOrEqualTo(after.plus(longLeases().visibilityTimeout()).plus(slack()));
        });
        assertThat(q.depth()).as("a leased job still counts").isEqualTo(1);
        assertThat(q.claim(ALL, Duration.ZERO)).as("a leased job is invisible").isEmpty();
    }

    @Test
    void aClaimedJobCarriesTheTraceItWasSubmittedIn() throws Exception {
        JobQueue q = open(longLeases());
        TraceContext trace = TraceContext.of(Map.of("traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate", "judge=1"));
        JudgeJob job = new JudgeJob(newId(), submission("c"), Priority.NORMAL,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), trace);
        q.enqueueAll(List.of(job));
        assertThat(q.claim(ALL, Duration.ofSeconds(1)).orElseThrow().job().trace()).isEqualTo(trace);
    }

    @Test
    void enqueueAllAcceptsEveryJobAndTheyAreClaimedInOrder() throws Exception {
        JobQueue q = open(longLeases());
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<JudgeJob> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(new JudgeJob(newId(), submission("python"), Priority.NORMAL, at.plusMillis(i)));
        }
        q.enqueueAll(jobs);
        assertThat(q.depth()).isEqualTo(5);
        List<JudgeJob> claimed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            claimed.add(q.claim(ALL, Duration.ofSeconds(1)).orElseThrow().job());
        }
        assertThat(claimed).containsExactlyElementsOf(jobs);
        assertThat(q.claim(ALL, Duration.ZERO)).isEmpty();
    }

    @Test
    void enqueueAllKeepsEachJobsLaneAndLanguage() throws Exception {
        JobQueue q = open(longLeases());
        JudgeJob normalC = job("c", Priority.NORMAL);
        JudgeJob normalPython = job("python", Priority.NORMAL);
        JudgeJob highPython = job("python", Priority.HIGH);
        JudgeJob lowC = job("c", Priority.LOW);
        q.enqueueAll(List.of(normalC, normalPython, highPython, lowC));
        assertThat(q.depth()).isEqualTo(4);
        assertThat(q.claim(Set.of("c"), Duration.ofSeconds(1)).orElseThrow().job()).isEqualTo(normalC);
        assertThat(q.claim(ALL, Duration.ofSeconds(1)).orElseThrow().job()).isEqualTo(highPython);
        assertThat(q.claim(ALL, Duration.ofSeconds(1)).orElseThrow().job()).isEqualTo(normalPython);
        assertThat(q.claim(Set.of("python"), Duration.ZERO)).isEmpty();
        assertThat(q.claim(ALL, Duration.ofSeconds(1)).orElseThrow().job()).isEqualTo(lowC);
    }

    @Test
    void enqueueAllIgnoresLiveIdsLikeEnqueue() throws Exception {
        JobQueue q = open(longLeases());
        JudgeJob live = job();
        q.enqueue(live);
        JudgeJob again = new JudgeJob(live.id(), submission("c"), Priority.HIGH, live.enqueuedAt().plusSeconds(1));
        JudgeJob fresh = job();
        q.enqueueAll(List.of(again, fresh));
        assertThat(q.depth()).isEqualTo(2);
        assertThat(q.claim(ALL, Duration.ofSeconds(1)).orElseThrow().job()).isEqualTo(live);
        assertThat(q.claim(ALL, Duration.ofSeconds(1)).orElseThrow().job()).isEqualTo(fresh);
    }

    @Test
    void enqueueAllWakesAWaitingClaimer() throws Exception {
        JobQueue q = open(longLeases());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<ClaimedJob>> claim = pool.submit(() -> q.claim(ALL, Duration.ofSeconds(30)));
            Thread.sleep(200);
            JudgeJob a = job();
            long start = System.nanoTime();
            q.enqueueAll(List.of(a, job()));
            assertThat(claim.get(30, TimeUnit.SECONDS)).hasValueSatisfying(c -> assertThat(c.job()).isEqualTo(a));
            assertThat(since(start)).isLessThan(slack());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void policyIsTheOneGiven() throws Exception {
        QueuePolicy p = new QueuePolicy(Duration.ofSeconds(7), 4, Duration.ofMillis(300), Duration.ofSeconds(2));
        assertThat(open(p).policy()).isEqualTo(p);
    }

    @Test
    void claimOnAnEmptyQueueWithZeroWaitReturnsAtOnce() throws Exception {
        JobQueue q = open(longLeases());
        long start = System.nanoTime();
        assertThat(q.claim(ALL, Duration.ZERO)).isEmpty();
        assertThat(since(start)).isLessThan(slack());
        assertThat(q.depth()).isZero();
    }

    @Test
    void claimOnAnEmptyQueueWaitsAboutMaxWait() throws Exception {
        JobQueue q = open(longLeases());
        Duration wait = Duration.ofMillis(500);
        long start = System.nanoTime();
        assertThat(q.claim(ALL, wait)).isEmpty();
        Duration took = since(start);
        assertThat(took).isGreaterThanOrEqualTo(wait.multipliedBy(8).dividedBy(10)).isLessThan(plusSlack(wait));
    }

    @Test
    void aWaitingClaimWakesUpWhenAJobIsEnqueued() throws Exception {
        JobQueue q = open(longLeases());
        JudgeJob job = job();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch claiming = new CountDownLatch(1);
            Future<Optional<ClaimedJob>> claim = pool.submit(() -> {
                claiming.countDown();
                return q.claim(ALL, Duration.ofSeconds(30));
            });
            claiming.await();
            Thread.sleep(200); // let the claim start waiting
            long enqueued = System.nanoTime();
            q.enqueue(job);
            Optional<ClaimedJob> got = claim.get(30, TimeUnit.SECONDS);
            assertThat(since(enqueued)).isLessThan(slack());
            assertThat(got).hasValueSatisfying(c -> assertThat(c.job().id()).isEqualTo(job.id()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWaitingClaimEndsWhenItsThreadIsInterrupted() throws Exception {
        JobQueue q = open(longLeases());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                q.claim(ALL, Duration.ofSeconds(30));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        Thread.sleep(200);
        t.interrupt();
        t.join(plusSlack(Duration.ofMillis(500)).toMillis());
        assertThat(t.isAlive()).as("claim still waiting after interrupt").isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void jobsOfOneLaneComeOutOldestFirst() throws Exception {
        JobQueue q = open(longLeases());
        List<String> ids = new ArrayList<>();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> languages = List.of("python", "c", "c", "java", "python", "python", "c", "java");
        for (int i = 0; i < languages.size(); i++) {
            JudgeJob j = new JudgeJob(newId(), submission(languages.get(i)), Priority.NORMAL, t0.plusMillis(i));
            ids.add(j.id());
            q.enqueue(j);
        }
        // The order holds across languages, for a worker serving all and for one serving several.
        List<String> firstFour = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            firstFour.add(q.claim(ALL, Duration.ZERO).orElseThrow().job().id());
        }
        assertThat(firstFour).containsExactlyElementsOf(ids.subList(0, 4));
        assertThat(claimAllIds(q, Set.of("c", "python"))).containsExactlyElementsOf(ids.subList(4, 7));
        assertThat(claimAllIds(q, ALL)).containsExactly(ids.get(7));
    }

    @Test
    void higherLanesComeFirst() throws Exception {
        JobQueue q = open(longLeases());
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JudgeJob low1 = new JudgeJob(newId(), submission("c"), Priority.LOW, t0);
        JudgeJob normal1 = new JudgeJob(newId(), submission("c"), Priority.NORMAL, t0.plusMillis(1));
        JudgeJob high1 = new JudgeJob(newId(), submission("c"), Priority.HIGH, t0.plusMillis(2));
        JudgeJob low2 = new JudgeJob(newId(), submission("c"), Priority.LOW, t0.plusMillis(3));
        JudgeJob high2 = new JudgeJob(newId(), submission("c"), Priority.HIGH, t0.plusMillis(4));
        JudgeJob normal2 = new JudgeJob(newId(), submission("c"), Priority.NORMAL, t0.plusMillis(5));
        for (JudgeJob j : List.of(low1, normal1, high1, low2, high2, normal2)) {
            q.enqueue(j);
        }
        assertThat(claimAllIds(q, ALL)).containsExactly(
                high1.id(), high2.id(), normal1.id(), normal2.id(), low1.id(), low2.id());
    }

    private static List<String> claimAllIds(JobQueue q, Set<String> languages) throws InterruptedException {
        List<String> out = new ArrayList<>();
        Optional<ClaimedJob> c;
        while ((c = q.claim(languages, Duration.ZERO)).isPresent()) {
            out.add(c.get().job().id());
        }
        return out;
    }

    @Test
    void workersGetOnlyTheLanguagesTheyServe() throws Exception {
        JobQueue q = open(longLeases());
        JudgeJob python = job("python", Priority.HIGH);
        JudgeJob c = job("c", Priority.NORMAL);
        JudgeJob java = job("java", Priority.LOW);
        q.enqueue(python);
        q.enqueue(c);
        q.enqueue(java);

        // A job of another language at the head of the queue does not block the ones behind it.
        assertThat(q.claim(Set.of("c"), Duration.ZERO)).hasValueSatisfying(j -> assertThat(j.job()).isEqualTo(c));
        assertThat(q.claim(Set.of("c"), Duration.ZERO)).isEmpty();
        assertThat(q.claim(Set.of("c", "java"), Duration.ZERO))
                .hasValueSatisfying(j -> assertThat(j.job()).isEqualTo(java));
        assertThat(q.claim(Set.of("rust"), Duration.ZERO)).isEmpty();
        assertThat(q.claim(ALL, Duration.ZERO)).hasValueSatisfying(j -> assertThat(j.job()).isEqualTo(python));
    }

    @Test
    void aWaitingClaimSkipsOtherLanguagesAndTakesTheNextMatchingJob() throws Exception {
        JobQueue q = open(longLeases());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<ClaimedJob>> claim = pool.submit(() -> q.claim(Set.of("c"), Duration.ofMillis(1500)));
            Thread.sleep(200);
            q.enqueue(job("python", Priority.HIGH));
            JudgeJob c = job("c", Priority.LOW);
            Thread.sleep(300);
            q.enqueue(c);
            assertThat(claim.get(30, TimeUnit.SECONDS))
                    .hasValueSatisfying(j -> assertThat(j.job().id()).isEqualTo(c.id()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void enqueueingALiveIdAgainIsIgnored() throws Exception {
        JobQueue q = open(longLeases());
        JudgeJob first = job("python", Priority.NORMAL);
        JudgeJob again = new JudgeJob(first.id(), submission("c"), Priority.HIGH, first.enqueuedAt().plusSeconds(1));
        q.enqueue(first);
        q.enqueue(again);
        assertThat(q.depth()).isEqualTo(1);

        ClaimedJob claimed = q.claim(ALL, Duration.ZERO).orElseThrow();
        assertThat(claimed.job()).isEqualTo(first);
        q.enqueue(again); // leased is live too
        assertThat(q.depth()).isEqualTo(1);
        assertThat(q.claim(ALL, Duration.ZERO)).isEmpty();

        // Once done, the id may be judged again (a rejudge).
        assertThat(q.ack(claimed)).isTrue();
        q.enqueue(again);
        assertThat(q.claim(ALL, Duration.ZERO)).hasValueSatisfying(c -> {
            assertThat(c.job()).isEqualTo(again);
            assertThat(c.attempt()).isEqualTo(1);
        });
    }

    // ---------------------------------------------------------------- ack, leases, retries

    @Test
    void ackRemovesTheJobForGood() throws Exception {
        JobQueue q = open(shortLeases(3));
        JudgeJob job = job();
        q.enqueue(job);
        ClaimedJob claimed = q.claim(ALL, Duration.ZERO).orElseThrow();
        assertThat(q.ack(claimed)).isTrue();
        assertThat(q.depth()).isZero();
        assertThat(q.claim(ALL, plusSlack(shortVisibility()))).as("an acked job is never redelivered").isEmpty();
        assertThat(q.ack(claimed)).as("acking twice").isFalse();
        assertThat(q.deadLetters(10)).isEmpty();
    }

    @Test
    void completeStoresTheResultAndAcksTheJob() throws Exception {
        JobQueue q = open(shortLeases(3));
        ResultStore store = resultStoreOf(q);
        JudgeJob job = job();
        q.enqueue(job);
        ClaimedJob claimed = q.claim(ALL, Duration.ZERO).orElseThrow();
        assertThat(q.complete(claimed, finished(job.id()), store)).isTrue();
        assertThat(store.find(job.id())).map(SubmissionResult::verdict).contains(new Verdict.Accepted());
        assertThat(q.depth()).isZero();
        assertThat(q.claim(ALL, plusSlack(shortVisibility()))).as("a completed job is never redelivered").isEmpty();
        assertThat(q.complete(claimed, finished(job.id()), store)).as("completing twice").isFalse();
    }

    @Test
    void completeOnAStaleLeaseStoresTheResultButLeavesTheJobToItsNewLease() throws Exception {
        JobQueue q = open(shortLeases(3));
        ResultStore store = resultStoreOf(q);
        JudgeJob job = job();
        ClaimedJob[] leases = claimTwice(q, job);
        ClaimedJob first = leases[0];
        ClaimedJob second = leases[1];
        assertThat(q.complete(first, finished(job.id()), store)).as("the first lease ran out").isFalse();
        assertThat(store.find(job.id())).map(SubmissionResult::isFinished).contains(true);
        assertThat(q.depth()).as("still leased to the second claim").isEqualTo(1);
        assertThat(q.complete(second, finished(job.id()), store)).isTrue();
        assertThat(q.depth()).isZero();
    }

    @Test
    void completeAndClaimCompletesTheJobAndLeasesTheNextOneOfItsLanguages() throws Exception {
        JobQueue q = open(shortLeases(3));
        ResultStore store = resultStoreOf(q);
        JudgeJob first = job("c", Priority.NORMAL);
        q.enqueue(first);
        ClaimedJob claimed = q.claim(Set.of("c"), Duration.ZERO).orElseThrow();
        JudgeJob python = job("python", Priority.HIGH);
        JudgeJob second = job("c", Priority.LOW);
        q.enqueue(python);
        q.enqueue(second);

        JobQueue.Completion done = q.completeAndClaim(claimed, finished(first.id()), store, Set.of("c"));
        assertThat(done.acked()).isTrue();
        assertThat(store.find(first.id())).map(SubmissionResult::verdict).contains(new Verdict.Accepted());
        assertThat(done.next()).hasValueSatisfying(next -> {
            assertThat(next.job()).isEqualTo(second);
            assertThat(next.attempt()).isEqualTo(1);
        });
        assertThat(q.claim(Set.of("c"), Duration.ZERO)).as("the next job is leased").isEmpty();
        assertThat(q.depth()).as("the next job and the python one").isEqualTo(2);

        JobQueue.Completion last = q.completeAndClaim(done.next().orElseThrow(), finished(second.id()), store,
                Set.of("c"));
        assertThat(last.acked()).isTrue();
        assertThat(last.next()).as("no job of its language is left").isEmpty();
        assertThat(q.claim(ALL, Duration.ZERO)).hasValueSatisfying(j -> assertThat(j.job()).isEqualTo(python));
    }

    @Test
    void aJobClaimedOnCompletionIsLeasedLikeAnyClaim() throws Exception {
        JobQueue q = open(shortLeases(3));
        ResultStore store = resultStoreOf(q);
        JudgeJob first = job();
        JudgeJob next = job();
        q.enqueue(first);
        ClaimedJob claimed = q.claim(ALL, Duration.ZERO).orElseThrow();
        q.enqueue(next);
        ClaimedJob leased = q.completeAndClaim(claimed, finished(first.id()), store, ALL).next().orElseThrow();
        assertThat(leased.job()).isEqualTo(next);
        // never acked: it comes back once its lease ends, as the next attempt
        assertThat(q.claim(ALL, plusSlack(shortVisibility()).plus(slack()))).hasValueSatisfying(again -> {
            assertThat(again.job()).isEqualTo(next);
            assertThat(again.attempt()).isEqualTo(2);
        });
        assertThat(q.ack(leased)).as("the first lease is stale").isFalse();
    }

    @Test
    void completeAndClaimOnAStaleLeaseStoresTheResultAndStillClaims() throws Exception {
        JobQueue q = open(shortLeases(3));
        ResultStore store = resultStoreOf(q);
        JudgeJob job = job();
        ClaimedJob[] leases = claimTwice(q, job);
        JudgeJob other = job();
        q.enqueue(other);
        JobQueue.Completion done = q.completeAndClaim(leases[0], finished(job.id()), store, ALL);
        assertThat(done.acked()).as("the first lease ran out").isFalse();
        assertThat(store.find(job.id())).map(SubmissionResult::isFinished).contains(true);
        assertThat(done.next()).hasValueSatisfying(n -> assertThat(n.job()).isEqualTo(other));
        assertThat(q.complete(leases[1], finished(job.id()), store)).isTrue();
    }

    /** Enqueues {@code job} and claims it twice: the first lease runs out, the second is attempt 2. */
    private ClaimedJob[] claimTwice(JobQueue q, JudgeJob job) throws InterruptedException {
        q.enqueue(job);
        ClaimedJob first = q.claim(ALL, Duration.ZERO).orElseThrow();
        ClaimedJob second = q.claim(ALL, plusSlack(shortVisibility()).plus(slack())).orElseThrow();
        assertThat(second.attempt()).isEqualTo(2);
        return new ClaimedJob[] {first, second};
    }

    private static SubmissionResult finished(String id) {
        return new SubmissionResult(id, Status.FINISHED, "", List.of(), new Verdict.Accepted(), 1, 1, Instant.now());
    }

    @Test
    void anUnackedJobComesBackAfterTheVisibilityTimeoutWithTheNextAttempt() throws Exception {
        JobQueue q = open(shortLeases(3));
        JudgeJob job = job();
        q.enqueue(job);
        long start = System.nanoTime();
        ClaimedJob first = q.claim(ALL, Duration.ZERO).orElseThrow();
        assertThat(q.claim(ALL, Duration.ZERO)).isEmpty();

        ClaimedJob second = q.claim(ALL, plusSlack(shortVisibility()).plus(slack())).orElseThrow();
        // The waiting claim notices the lease ending by itself, with no enqueue to wake it.
        assertThat(since(start)).isGreaterThanOrEqualTo(shortVisibility().multipliedBy(8).dividedBy(10))
                .isLessThan(plusSlack(shortVisibility()));
        assertThat(second.job()).isEqualTo(job);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.leaseId()).isNotEqualTo(first.leaseId());
        assertThat(q.depth()).isEqualTo(1);

        // The first worker's lease is stale now: it can neither finish, give back nor keep the job.
        assertThat(q.extend(first)).isFalse();
        assertThat(q.release(first, "late")).isFalse();
        assertThat(q.ack(first)).isFalse();
        assertThat(q.claim(ALL, Duration.ZERO)).as("the stale calls did not free the job").isEmpty();

        assertThat(q.ack(second)).isTrue();
        assertThat(q.depth()).isZero();
    }

    @Test
    void extendingALeaseKeepsTheJobInvisiblePastTheOriginalTimeout() throws Exception {
        // A longer lease than shortVisibility: this test must not lose a race against a busy machine.
        Duration lease = Duration.ofMillis(Math.max(2000, shortVisibility().toMillis()));
        JobQueue q = open(new QueuePolicy(lease, 3, Duration.ofMillis(100), Duration.ofMillis(100)));
        q.enqueue(job());
        long start = System.nanoTime();
        ClaimedJob claimed = q.claim(ALL, Duration.ZERO).orElseThrow();

        Thread.sleep(lease.toMillis() / 2);
        assertThat(q.extend(claimed)).isTrue();
        // Past the original end of the lease, before the extended one ends.
        long untilPastOriginal = lease.toMillis() * 5 / 4 - since(start).toMillis();
        Thread.sleep(Math.max(0, untilPastOriginal));
        assertThat(q.claim(ALL, Duration.ZERO)).as("claimed while its lease was extended").isEmpty();

        assertThat(q.extend(claimed)).as("the lease is still the same one").isTrue();
        assertThat(q.ack(claimed)).isTrue();
        assertThat(q.depth()).isZero();
    }

    @Test
    void anExtendedLeaseStillEnds() throws Exception {
        JobQueue q = open(shortLeases(3));
        JudgeJob job = job();
        q.enqueue(job);
        ClaimedJob claimed = q.claim(ALL, Duration.ZERO).orElseThrow();
        assertThat(q.extend(claimed)).isTrue();
        ClaimedJob again = q.claim(ALL, plusSlack(shortVisibility()).plus(slack())).orElseThrow();
        assertThat(again.job().id()).isEqualTo(job.id());
        assertThat(again.attempt()).isEqualTo(2);
    }

    @Test
    void aReleasedJobComesBackOnlyAfterTheBackoff() throws Exception {
        Duration backoff = Duration.ofMillis(600);
        JobQueue q = open(new QueuePolicy(Duration.ofSeconds(60), 3, backoff, backoff.multipliedBy(4)));
        JudgeJob job = job();
        q.enqueue(job);
        ClaimedJob first = q.claim(ALL, Duration.ZERO).orElseThrow();

        long released = System.nanoTime();
        assertThat(q.release(first, "sandbox failed")).isTrue();
        assertThat(q.depth()).as("a job waiting out its backoff still counts").isEqualTo(1);
        assertThat(q.claim(ALL, Duration.ZERO)).as("visible before its backoff").isEmpty();

        ClaimedJob second = q.claim(ALL, plusSlack(backoff).plus(slack())).orElseThrow();
        assertThat(since(released)).isGreaterThanOrEqualTo(backoff.multipliedBy(8).dividedBy(10))
                .isLessThan(plusSlack(backoff));
        assertThat(second.job()).isEqualTo(job);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.leaseId()).isNotEqualTo(first.leaseId());
        assertThat(q.ack(first)).as("the released lease is stale once the job is claimed again").isFalse();

        // The second failure waits twice as long (the policy's backoff(2)).
        long releasedAgain = System.nanoTime();
        assertThat(q.release(second, "sandbox failed again")).isTrue();
        ClaimedJob third = q.claim(ALL, plusSlack(backoff.multipliedBy(2)).plus(slack())).orElseThrow();
        assertThat(since(releasedAgain)).isGreaterThanOrEqualTo(backoff.multipliedBy(2).multipliedBy(8).dividedBy(10))
                .isLessThan(plusSlack(backoff.multipliedBy(2)));
        assertThat(third.attempt()).isEqualTo(3);
        assertThat(q.ack(third)).isTrue();
    }

    @Test
    void aJobReleasedOnItsLastAttemptGoesToTheDeadLettersNewestFirst() throws Exception {
        JobQueue q = open(new QueuePolicy(Duration.ofSeconds(60), 2, Duration.ofMillis(100), Duration.ofMillis(100)));
        JudgeJob older = job("c", Priority.NORMAL);
        JudgeJob newer = job("c", Priority.NORMAL);
        JudgeJob healthy = job("c", Priority.LOW);

        Instant before = Instant.now();
        // One at a time: while a job waits out its backoff another visible one would be claimed instead.
        q.enqueue(older);
        failTwice(q, older, "boom older");
        q.enqueue(newer);
        failTwice(q, newer, "boom newer");
        Instant after = Instant.now();
        q.enqueue(healthy);

        assertThat(q.depth()).as("dead jobs are not counted").isEqualTo(1);
        assertThat(q.claim(ALL, Duration.ofMillis(400))).hasValueSatisfying(c -> {
            assertThat(c.job()).isEqualTo(healthy);
            assertThat(c.attempt()).isEqualTo(1);
        });
        assertThat(q.claim(ALL, Duration.ofMillis(300))).as("dead jobs are not delivered").isEmpty();

        List<DeadLetter> dead = q.deadLetters(10);
        assertThat(dead).extracting(d -> d.job().id()).containsExactly(newer.id(), older.id());
        assertThat(dead.get(0).job()).isEqualTo(newer);
        assertThat(dead.get(0).attempts()).isEqualTo(2);
        assertThat(dead.get(0).reason()).isEqualTo("boom newer");
        assertThat(dead.get(1).reason()).isEqualTo("boom older");
        assertThat(dead.get(0).deadAt()).isBetween(before.minus(slack()), after.plus(slack()));
        assertThat(q.deadLetters(1)).extracting(d -> d.job().id()).containsExactly(newer.id());

        assertThat(q.discardDeadLetter(newer.id())).as("an administrator dealt with it").isTrue();
        assertThat(q.discardDeadLetter(newer.id())).as("only once").isFalse();
        assertThat(q.discardDeadLetter(healthy.id())).as("not dead").isFalse();
        assertThat(q.deadLetters(10)).extracting(d -> d.job().id()).containsExactly(older.id());
        assertThat(q.claim(ALL, Duration.ofMillis(200))).as("a discarded job stays given up on").isEmpty();
    }

    private void failTwice(JobQueue q, JudgeJob job, String reason) throws InterruptedException {
        for (int attempt = 1; attempt <= 2; attempt++) {
            ClaimedJob c = q.claim(Set.of("c"), plusSlack(Duration.ofMillis(100))).orElseThrow();
            assertThat(c.job().id()).isEqualTo(job.id());
            assertThat(c.attempt()).isEqualTo(attempt);
            assertThat(q.release(c, reason)).isTrue();
        }
    }

    @Test
    void aJobWhoseLeaseEndsOnItsLastAttemptGoesToTheDeadLetters() throws Exception {
        // A job that keeps killing its worker must not circulate for ever.
        JobQueue q = open(shortLeases(2));
        JudgeJob job = job();
        q.enqueue(job);
        ClaimedJob first = q.claim(ALL, Duration.ZERO).orElseThrow();
        ClaimedJob second = q.claim(ALL, plusSlack(shortVisibility()).plus(slack())).orElseThrow();
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(first.leaseId()).isNotEqualTo(second.leaseId());

        assertThat(q.claim(ALL, plusSlack(shortVisibility()))).as("delivered more than maxAttempts times").isEmpty();
        assertThat(q.depth()).isZero();
        assertThat(q.deadLetters(10)).singleElement().satisfies(d -> {
            assertThat(d.job()).isEqualTo(job);
            assertThat(d.attempts()).isEqualTo(2);
        });
        assertThat(q.ack(second)).as("an expired lease on a dead job").isFalse();
    }

    @Test
    void aDeadJobMayBeEnqueuedAgain() throws Exception {
        JobQueue q = open(new QueuePolicy(Duration.ofSeconds(60), 1, Duration.ZERO, Duration.ZERO));
        JudgeJob job = job();
        q.enqueue(job);
        assertThat(q.release(q.claim(ALL, Duration.ZERO).orElseThrow(), "broken")).isTrue();
        assertThat(q.depth()).isZero();
        assertThat(q.deadLetters(10)).hasSize(1);

        q.enqueue(job);
        assertThat(q.depth()).isEqualTo(1);
        assertThat(q.claim(ALL, Duration.ZERO)).hasValueSatisfying(c -> {
            assertThat(c.job()).isEqualTo(job);
            assertThat(c.attempt()).isEqualTo(1);
        });
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentClaimersEachGetEveryJobExactlyOnce() throws Exception {
        JobQueue q = open(longLeases());
        int jobs = 200;
        int claimers = 4;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(newId());
        }
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        AtomicInteger acked = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(claimers + 1);
        CountDownLatch start = new CountDownLatch(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).plus(slack().multipliedBy(10)).toNanos();
        try {
            List<Future<?>> running = new ArrayList<>();
            // Half the jobs are there before the claimers start, half arrive while they claim.
            for (int i = 0; i < jobs / 2; i++) {
                q.enqueue(new JudgeJob(ids.get(i), submission("c"), Priority.values()[i % 3], Instant.now()));
            }
            running.add(pool.submit(() -> {
                start.await();
                for (int i = jobs / 2; i < jobs; i++) {
                    q.enqueue(new JudgeJob(ids.get(i), submission("c"), Priority.values()[i % 3], Instant.now()));
                }
                return null;
            }));
            for (int w = 0; w < claimers; w++) {
                running.add(pool.submit(() -> {
                    start.await();
                    while (acked.get() < jobs && System.nanoTime() < deadline) {
                        Optional<ClaimedJob> c = q.claim(ALL, Duration.ofMillis(100));
                        if (c.isPresent()) {
                            deliveries.computeIfAbsent(c.get().job().id(), k -> new AtomicInteger()).incrementAndGet();
                            assertThat(c.get().attempt()).isEqualTo(1);
                            if (q.ack(c.get())) {
                                acked.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(acked).hasValue(jobs);
        assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        Map<String, Integer> twice = new HashMap<>();
        deliveries.forEach((id, n) -> {
            if (n.get() != 1) {
                twice.put(id, n.get());
            }
        });
        assertThat(twice).as("delivered more than once").isEmpty();
        assertThat(q.depth()).isZero();
    }

    // ---------------------------------------------------------------- the job itself

    @Test
    void theSubmissionComesBackIntact() throws Exception {
        JobQueue q = open(longLeases());
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        StringBuilder big = new StringBuilder();
        while (big.length() < 100_000) {
            big.append("int x").append(big.length()).append(" = 1; // héllo ✓ 😀\n");
        }
        Limits limits = Limits.defaults().withCpuTime(Duration.ofMillis(1500)).withWallTime(Duration.ofSeconds(7))
                .withMemory(ByteSize.ofMiB(300)).withProcesses(8).withOutputSize(ByteSize.ofKiB(640))
                .withFileSize(ByteSize.ofBytes(12345)).withStack(ByteSize.ofMiB(8)).withOpenFiles(128)
                .withNetwork(true);
        List<TestCase> tests = List.of(
                TestCase.of("plain", "1 2\n", "3\n"),
                new TestCase("binary", binary, binary.clone(), 2.5, "group-a", true),
                new TestCase("no-check", new byte[0], null, 0, null, false),
                TestCase.of("unicode", "héllo ✓ 😀\r\n\t", "Ω\n").inGroup("group-a").withWeight(0.125));
        List<SourceFile> sources = List.of(SourceFile.main(big.toString()),
                new SourceFile("util.h", "#define X 1\n"), new SourceFile("data.txt", ""));
        List<ComparatorSpec> comparators = List.of(ComparatorSpec.exact(), ComparatorSpec.lines(),
                ComparatorSpec.tokens(), ComparatorSpec.floats(1e-6, 1e-9), ComparatorSpec.floats(0.5, 0),
                ComparatorSpec.unorderedLines(), ComparatorSpec.caseInsensitive(),
                new ComparatorSpec.Checker("cpp", List.of(SourceFile.main("#include <testlib.h>\nint main(){}\n"),
                        new SourceFile("testlib.h", "// checker library\n"))));

        Map<String, JudgeJob> sent = new HashMap<>();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int i = 0;
        for (ComparatorSpec comparator : comparators) {
            Submission s = new Submission("c++17", sources, tests, limits, comparator, new JudgeOptions(i % 2 == 0));
            JudgeJob j = new JudgeJob(newId(), s, Priority.values()[i % 3], t0.plusMillis(i));
            sent.put(j.id(), j);
            q.enqueue(j);
            i++;
        }
        Map<String, JudgeJob> received = new HashMap<>();
        Optional<ClaimedJob> c;
        while ((c = q.claim(ALL, Duration.ZERO)).isPresent()) {
            received.put(c.get().job().id(), c.get().job());
        }
        assertThat(received).hasSameSizeAs(sent);
        sent.forEach((id, j) -> {
            JudgeJob back = received.get(id);
            assertThat(back).as(id).isNotNull();
            assertThat(back.submission()).isEqualTo(j.submission());
            assertThat(back.priority()).isEqualTo(j.priority());
            assertThat(back.enqueuedAt()).isEqualTo(j.enqueuedAt());
            assertThat(back).isEqualTo(j);
        });
        JudgeJob any = received.values().iterator().next();
        assertThat(any.submission().tests().get(1).input()).isEqualTo(binary);
        assertThat(any.submission().sources().get(0).name()).as("the main file stays unnamed").isNull();
    }

    // ---------------------------------------------------------------- arguments

    @Test
    void refusesMissingOrNonsenseArguments() throws Exception {
        JobQueue q = open(longLeases());
        assertThatThrownBy(() -> q.enqueue(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("job");
        assertThatThrownBy(() -> q.claim(null, Duration.ZERO)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("languages");
        assertThatThrownBy(() -> q.claim(ALL, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("maxWait");
        assertThatThrownBy(() -> q.claim(ALL, Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxWait");
        assertThatThrownBy(() -> q.ack(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.extend(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.release(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.deadLetters(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThat(q.deadLetters(0)).isEmpty();
        ResultStore store = resultStoreOf(q);
        JudgeJob job = job();
        q.enqueue(job);
        ClaimedJob claimed = q.claim(ALL, Duration.ZERO).orElseThrow();
        assertThatThrownBy(() -> q.completeAndClaim(null, finished(job.id()), store, ALL))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.completeAndClaim(claimed, finished(job.id()), store, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("languages");
    }
}
