package dev.judge.demo.plagiarism;

import dev.judge.demo.contest.Contest;
import dev.judge.demo.contest.ContestRepository;
import dev.judge.demo.problem.ProblemRepository;
import dev.judge.demo.web.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Runs plagiarism reports in the background, one at a time on a thread of their own: per problem, the latest
 * (accepted, else judged) submission of each account is fingerprinted and paired ({@link Detector}); the pairs of
 * all the report's problems are ranked together. A report is stored RUNNING first, so one a node did not finish
 * (it stopped) is run again when a node starts.
 */
@Service
public class PlagiarismService implements DisposableBean {
    /** The most pairs a report keeps. */
    static final int MAX_PAIRS = 200;
    private static final Logger log = LoggerFactory.getLogger(PlagiarismService.class);
    private final PlagiarismRepository reports;
    private final ProblemRepository problems;
    private final ContestRepository contests;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "plagiarism");
        t.setDaemon(true);
        return t;
    });

    public PlagiarismService(PlagiarismRepository reports, ProblemRepository problems, ContestRepository contests) {
        this.reports = reports;
        this.problems = problems;
        this.contests = contests;
    }

    public PlagiarismReport forProblem(long problemId) {
        problems.find(problemId).orElseThrow(() -> ApiException.notFound("there is no problem " + problemId));
        return start("problem " + problemId, List.of(problemId));
    }

    public PlagiarismReport forContest(long contestId) {
        Contest c = contests.find(contestId)
                .orElseThrow(() -> ApiException.notFound("there is no contest " + contestId));
        return start("contest " + contestId, c.problems().stream().map(Contest.ContestProblem::problemId).toList());
    }

    public PlagiarismReport report(long id) {
        return reports.find(id).orElseThrow(() -> ApiException.notFound("there is no plagiarism report " + id));
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        for (PlagiarismRepository.Running r : reports.running()) {
            log.info("plagiarism report {} was not finished; running it again", r.id());
            worker.execute(() -> run(r.id(), r.problemIds()));
        }
    }

    private PlagiarismReport start(String scope, List<Long> problemIds) {
        long id = reports.create(scope, problemIds);
        worker.execute(() -> run(id, problemIds));
        return report(id);
    }

    private void run(long id, List<Long> problemIds) {
        try {
            List<SimilarPair> pairs = new ArrayList<>();
            int documents = 0;
            for (long problem : problemIds) {
                List<Document> docs = reports.documents(List.of(problem));
                documents += docs.size();
                pairs.addAll(Detector.pairs(docs, MAX_PAIRS));
            }
            pairs.sort(Comparator.comparingDouble(SimilarPair::similarity).reversed()
                    .thenComparing(Comparator.comparingInt(SimilarPair::shared).reversed()));
            reports.done(id, documents, pairs.size() > MAX_PAIRS ? pairs.subList(0, MAX_PAIRS) : pairs);
            log.info("plagiarism report {}: {} submissions, {} pairs", id, documents,
                    Math.min(pairs.size(), MAX_PAIRS));
        } catch (RuntimeException e) {
            log.warn("plagiarism report {} failed", id, e);
            reports.failed(id, e.toString());
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
