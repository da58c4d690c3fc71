package dev.judge.demo.submission;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.judge.Judge;
import dev.judge.core.model.Priority;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.demo.accept.Acceptor;
import dev.judge.demo.accept.Admission;
import dev.judge.demo.auth.AuthenticatedUser;
import dev.judge.demo.problem.Problem;
import dev.judge.demo.problem.ProblemRepository;
import dev.judge.demo.problem.TestCaseRepository;
import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.web.ApiException;
import dev.judge.demo.web.FieldProblem;
import dev.judge.demo.webhook.CallbackGuard;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Accepts submissions to problems, hands them to the judge's queue, and shows them to whoever may see them. */
@Service
public class SubmissionService {
    private static final Logger log = LoggerFactory.getLogger(SubmissionService.class);
    private final Judge judge;
    private final ProblemRepository problems;
    private final TestCaseRepository tests;
    private final SubmissionRepository submissions;
    private final Admission admission;
    private final CallbackGuard callbacks;
    private final Acceptor acceptor;

    public SubmissionService(Judge judge, ProblemRepository problems, TestCaseRepository tests,
            SubmissionRepository submissions, Admission admission, CallbackGuard callbacks, Acceptor acceptor) {
        this.judge = judge;
        this.problems = problems;
        this.tests = tests;
        this.submissions = submissions;
        this.admission = admission;
        this.callbacks = callbacks;
        this.acceptor = acceptor;
    }

    public SubmissionAccepted submit(AuthenticatedUser user, SubmissionRequest request) {
        if (request.priority() != null && !user.isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "only administrators choose a queue lane",
                    List.of(new FieldProblem("priority", "leave it out: submissions go to the NORMAL lane")));
        }
        List<SourceFile> files = SubmittedSources.of(request, admission);
        if (request.callbackUrl() != null) {
            callbacks.check("callbackUrl", request.callbackUrl());
        }
        Problem problem = problems.find(request.problemId()).orElseThrow(() -> unprocessable("problemId",
                "there is no problem " + request.problemId()));
        List<TestCase> cases = tests.all(problem.id());
        if (cases.isEmpty()) {
            throw unprocessable("problemId", "problem " + problem.id() + " has no tests yet");
        }
        List<String> hidden = cases.stream().filter(TestCase::hidden).map(TestCase::id).toList();
        String id;
        try {
            Submission submission = problem.submission(request.languageId(), files, cases);
            Priority lane = request.priority() == null ? Priority.NORMAL : request.priority();
            id = acceptor.accept(submission, lane, (accepted, traceId) -> submissions.insertion(accepted, traceId,
                    user.id(), problem.id(),
                    request.languageId(), request.source(), request.sources(), hidden, cases.size(),
                    request.callbackUrl(), Instant.now()));
        } catch (InvalidSubmissionException e) {
            throw Admission.refused(e, requestField(e, request));
        }
        log.info("submission {} by {} for problem {} in {}", id, user.username(), problem.id(), request.languageId());
        return new SubmissionAccepted(id, "QUEUED");
    }

    /** The submission if {@code user} may see it (their own, or any for administrators); else 404. */
    public SubmissionRow row(String id, AuthenticatedUser user) {
        Optional<SubmissionRow> row = id.length() > 36 ? Optional.empty() : submissions.find(id);
        if (row.isEmpty() || (!user.isAdmin() && row.get().userId() != user.id())) {
            throw ApiException.notFound("there is no submission " + id);
        }
        return row.get();
    }

    public SubmissionView view(String id, AuthenticatedUser user) {
        return view(row(id, user), user);
    }

    public SubmissionView view(SubmissionRow row, AuthenticatedUser user) {
        ResultDocument live = null;
        if (!row.finished()) {
            live = judge.result(row.id()).map(ResultDocument::of).orElse(null);
        }
        return SubmissionViews.of(row, live, user.isAdmin());
    }

    /** The live state of an unfinished submission, as the judge's store has it now. */
    public Optional<SubmissionResult> current(String id) {
        return judge.result(id);
    }

    public SubmissionPage page(AuthenticatedUser user, Long problemId, String languageId, String verdict,
            String username, int page, int size) {
        if (username != null && !user.isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "only administrators filter by username",
                    List.of(new FieldProblem("username", "only administrators may filter by user")));
        }
        SubmissionFilter filter = new SubmissionFilter(user.isAdmin() ? null : user.id(), problemId, languageId,
                verdict, username);
        List<SubmissionSummary> items = submissions.page(filter, page, size).stream().map(SubmissionSummary::of)
                .toList();
        return new SubmissionPage(items, page, size, submissions.count(filter));
    }

    /**
     * The request's field the judge's refusal is about: the problem for what the problem defines, the source
     * files for theirs (a name taken by one of the problem's support files too).
     */
    private static String requestField(InvalidSubmissionException e, SubmissionRequest request) {
        String f = e.field();
        if (f.startsWith("tests") || f.startsWith("groups") || f.startsWith("io") || f.startsWith("interactor")) {
            return "problemId";
        }
        if (request.sources() != null && (f.startsWith("sources") || f.startsWith("supportFiles"))) {
            return f.startsWith("sources[") ? f : "sources";
        }
        if (f.startsWith("supportFiles")) {
            return "source";
        }
        return Admission.requestField(e);
    }

    private static ApiException unprocessable(String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "the submission cannot be judged",
                List.of(new FieldProblem(field, message)));
    }
}
