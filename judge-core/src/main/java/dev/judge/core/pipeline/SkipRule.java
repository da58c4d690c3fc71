package dev.judge.core.pipeline;

import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Which tests of a submission are skipped (reported {@link Verdict#SKIPPED}) rather than judged. A test
 * <em>fails</em> when it ran and was not accepted. Test {@code k} is skipped when an earlier test (in test
 * order) failed and
 * <ul>
 *   <li>the submission stops on its first failure ({@link dev.judge.core.model.JudgeOptions#stopOnFirstFailure}),
 *       or</li>
 *   <li>the failed test is in test {@code k}'s group and that group stops on its first failure
 *       ({@link TestGroup#stopOnFirstFailure()}), or</li>
 *   <li>the failed test is in a group that test {@code k}'s group depends on, directly or through other groups:
 *       that group can no longer be solved, so test {@code k}'s group can earn nothing.</li>
 * </ul>
 *
 * <p>Tests run in parallel on the run slots, started in test order. What is guaranteed:
 * <ul>
 *   <li>The reported verdicts are exactly those of judging the tests one at a time in test order, skipping
 *       each test that the rules above skip when it comes up, whatever the number of slots: a test that ran
 *       while an earlier test was still running, and is skipped by that test's failure, is reported skipped.</li>
 *   <li>A test is never started once a failure that skips it is known; a test that a failure skips may still
 *       run when it started before that failure was known (at most the other slots' worth of tests).</li>
 * </ul>
 * The first holds because every failure that is itself reported skipped has an earlier failure that skips
 * at least every test it would skip; so counting every recorded failure gives the one-at-a-time answer.
 */
final class SkipRule {
    private static final int NONE = Integer.MAX_VALUE;

    private final boolean stopOnFirstFailure;
    private final int[] groupOf; // test index -> group index, or -1
    private final boolean[] groupStops;
    private final int[][] prerequisites; // group index -> every group it depends on, directly or not
    private final AtomicInteger firstFailure = new AtomicInteger(NONE);
    private final AtomicIntegerArray firstGroupFailure;

    private SkipRule(boolean stopOnFirstFailure, int[] groupOf, boolean[] groupStops, int[][] prerequisites) {
        this.stopOnFirstFailure = stopOnFirstFailure;
        this.groupOf = groupOf;
        this.groupStops = groupStops;
        this.prerequisites = prerequisites;
        this.firstGroupFailure = new AtomicIntegerArray(groupStops.length);
        for (int g = 0; g < groupStops.length; g++) {
            firstGroupFailure.set(g, NONE);
        }
    }

    /** The rule of {@code s}: without declared groups, only the submission's own stop on failure applies. */
    static SkipRule of(Submission s) {
        List<TestGroup> groups = s.groups();
        Map<String, Integer> index = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            index.put(groups.get(g).name(), g);
        }
        int[] groupOf = new int[s.tests().size()];
        for (int i = 0; i < groupOf.length; i++) {
            TestCase t = s.tests().get(i);
            groupOf[i] = groups.isEmpty() || t.group() == null ? -1 : index.get(t.group());
        }
        boolean[] stops = new boolean[groups.size()];
        int[][] prerequisites = new int[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            stops[g] = groups.get(g).stopOnFirstFailure();
            prerequisites[g] = prerequisites(groups.get(g), groups, index);
        }
        return new SkipRule(s.options().stopOnFirstFailure(), groupOf, stops, prerequisites);
    }

    private static int[] prerequisites(TestGroup group, List<TestGroup> groups, Map<String, Integer> index) {
        Set<Integer> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(group.dependsOn());
        while (!todo.isEmpty()) {
            int g = index.get(todo.pop());
            if (seen.add(g)) {
                todo.addAll(groups.get(g).dependsOn());
            }
        }
        return seen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether test {@code index} is skipped, by the failures recorded so far. */
    boolean skips(int index) {
        if (stopOnFirstFailure && firstFailure.get() < index) {
            return true;
        }
        int g = groupOf[index];
        if (g < 0) {
            return false;
        }
        if (groupStops[g] && firstGroupFailure.get(g) < index) {
            return true;
        }
        for (int d : prerequisites[g]) {
            if (firstGroupFailure.get(d) < index) {
                return true;
            }
        }
        return false;
    }

    /** Records the result of test {@code index}, which ran. */
    void ran(int index, TestResult result) {
        if (result.verdict().isAccepted() || result.verdict() instanceof Verdict.Skipped) {
            return;
        }
        firstFailure.accumulateAndGet(index, Math::min);
        int g = groupOf[index];
        if (g >= 0) {
            firstGroupFailure.accumulateAndGet(g, index, Math::min);
        }
    }
}
