package dev.judge.demo.rejudge;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.QueueFullException;
import dev.judge.core.judge.Judge;
import dev.judge.core.model.Priority;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.demo.auth.AuthenticatedUser;
import dev.judge.demo.problem.Problem;
import dev.judge.demo.problem.ProblemRepository;
import dev.judge.demo.problem.TestCaseRepository;
import dev.judge.demo.submission.SubmissionRepository;
import dev.judge.demo.submission.SubmissionRow;
import dev.judge.demo.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Judges stored submissions again (after a problem's tests or checker changed) in the queue's {@link
 * Priority#LOW} lane, so new submissions go first. Each run is queued together with its row in one transaction:
 * a run that is queued is never lost, and one that is not is reported as not queued. A submission still being
 * judged is not judged again.
 */
@Service
public class RejudgeService {
    /** The most submissions one rejudge of a problem takes, oldest first. */
    static final int MAX_RUNS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(RejudgeService.class);
    private final Judge judge;
    private final RejudgeRepository rejudges;
    private final SubmissionRepository submissions;
    private final ProblemRepository problems;
    private final TestCaseRepository tests;
    private final TransactionTemplate tx;

    public RejudgeService(Judge judge, RejudgeRepository rejudges, SubmissionRepository submissions,
            ProblemRepository problems, TestCaseRepository tests, PlatformTransactionManager transactions) {
        this.judge = judge;
        this.rejudges = rejudges;
        this.submissions = submissions;
        this.problems = problems;
        this.tests = tests;
        this.tx = new TransactionTemplate(transactions);
    }

    public RejudgeView submission(String id, AuthenticatedUser admin) {
        SubmissionRow row = (id.length() > 36 ? Optional.<SubmissionRow>empty() : submissions.find(id))
                .orElseThrow(() -> ApiException.notFound("there is no submission " + id));
        if (!row.finished()) {
            throw ApiException.conflict("submission " + id + " is still being judged");
        }
        return start(admin, "submission " + id, List.of(row));
    }

    public RejudgeView problem(long problemId, AuthenticatedUser admin) {
        problems.find(problemId).orElseThrow(() -> ApiException.notFound("there is no problem " + problemId));
        List<SubmissionRow> rows = submissions.finishedOf(problemId, MAX_RUNS).stream()
                .map(submissions::find).flatMap(Optional::stream).toList();
        return start(admin, "problem " + problemId, rows);
    }

    public RejudgeView view(long id) {
        return rejudges.find(id).orElseThrow(() -> ApiException.notFound("there is no rejudge " + id));
    }

    private RejudgeView start(AuthenticatedUser admin, String scope, List<SubmissionRow> rows) {
        long id = rejudges.create(admin.id(), scope);
        List<RejudgeView.NotQueued> refused = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            SubmissionRow row = rows.get(i);
            try {
                queue(id, row);
            } catch (QueueFullException e) {
                // the queue is full: this one and every later one stay as they are
                for (SubmissionRow r : rows.subList(i, rows.size())) {
                    refused.add(new RejudgeView.NotQueued(r.id(), "the judge's queue is full: " + e.getMessage()));
                }
                break;
            } catch (InvalidSubmissionException | NotJudgeable e) {
                refused.add(new RejudgeView.NotQueued(row.id(), e.getMessage()));
            }
        }
        log.info("rejudge {} of {} by {}: {} queued, {} not", id, scope, admin.username(),
                rows.size() - refused.size(), refused.size());
        return view(id).withNotQueued(refused);
    }

    private void queue(long rejudgeId, SubmissionRow row) {
        Problem problem = problems.find(row.problemId())
                .orElseThrow(() -> new NotJudgeable("its problem " + row.problemId() + " is gone"));
        List<TestCase> cases = tests.all(problem.id());
        if (cases.isEmpty()) {
            throw new NotJudgeable("problem " + problem.id() + " has no tests");
        }
        Submission submission = problem.submission(row.languageId(), row.files(), cases);
        tx.executeWithoutResult(status -> {
            String judgeId = judge.submit(submission, Priority.LOW);
            rejudges.addRun(rejudgeId, judgeId, row.id(), row.result() == null ? null : row.result().verdict(),
                    row.result() == null ? null : row.result().score());
        });
    }

    /** A stored submission that cannot be judged again as it stands. */
    private static final class NotJudgeable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotJudgeable(String message) {
            super(message, null, false, false);
        }
    }
}
