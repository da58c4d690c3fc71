package dev.judge.demo.run;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.judge.Judge;
import dev.judge.core.model.Limits;
import dev.judge.demo.DemoProperties;
import dev.judge.demo.accept.Admission;
import dev.judge.demo.problem.LimitsDto;
import dev.judge.demo.web.ApiException;
import dev.judge.demo.web.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Synchronous runs on custom input. A batch starts its runs together: the judge's artifact cache compiles the
 * source once and the other runs wait for that compile; the judge's slots bound how many run at once. Every run goes
 * through the {@link RunCache}.
 */
@Service
public class RunService implements DisposableBean {
    private final Judge judge;
    private final Admission admission;
    private final DemoProperties properties;
    private final RunCache cache;
    private final ExecutorService batch = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "batch-run");
        t.setDaemon(true);
        return t;
    });

    public RunService(Judge judge, Admission admission, DemoProperties properties, RunCache cache) {
        this.judge = judge;
        this.cache = cache;
        this.admission = admission;
        this.properties = properties;
    }

    public RunView run(RunRequest request) {
        admission.checkSource("source", request.source());
        admission.checkStdin("stdin", request.stdin());
        Limits limits = limits(request.limits());
        return RunView.of(runOne(request.languageId(), request.source(), request.stdin(), limits, "stdin"));
    }

    public List<RunView> batch(BatchRunRequest request) {
        admission.checkSource("source", request.source());
        int max = properties.caps().maxBatchRuns();
        if (request.stdins().size() > max) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "too many inputs",
                    List.of(new FieldProblem("stdins", "must hold at most " + max + " inputs")));
        }
        for (int i = 0; i < request.stdins().size(); i++) {
            admission.checkStdin("stdins[" + i + "]", request.stdins().get(i));
        }
        Limits limits = limits(request.limits());
        List<CompletableFuture<RunView>> futures = new ArrayList<>();
        for (int i = 0; i < request.stdins().size(); i++) {
            String stdin = request.stdins().get(i);
            String field = "stdins[" + i + "]";
            futures.add(CompletableFuture.supplyAsync(() -> RunView.of(
                    runOne(request.languageId(), request.source(), stdin, limits, field)), batch));
        }
        List<RunView> results = new ArrayList<>();
        for (CompletableFuture<RunView> f : futures) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        return results;
    }

    private RunCache.Outcome runOne(String language, String source, String stdin, Limits limits, String stdinField) {
        String input = stdin == null ? "" : stdin;
        try {
            return cache.get(language, source, input, limits, () -> judge.run(language, source, input, limits));
        } catch (InvalidSubmissionException e) {
            String field = e.field().equals("stdin") ? stdinField : Admission.requestField(e);
            throw Admission.refused(e, field);
        }
    }

    private static Limits limits(LimitsDto dto) {
        return dto == null ? Limits.defaults() : dto.toLimits();
    }

    @Override
    public void destroy() {
        batch.shutdownNow();
    }
}
