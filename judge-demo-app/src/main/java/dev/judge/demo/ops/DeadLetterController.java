package dev.judge.demo.ops;

import dev.judge.core.queue.DeadLetter;
import dev.judge.core.queue.JobQueue;
import dev.judge.demo.auth.AuthenticatedUser;
import dev.judge.demo.rejudge.RejudgeService;
import dev.judge.demo.rejudge.RejudgeView;
import dev.judge.demo.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters for administrators: listed with their submissions, retried (a native submission is judged again
 * as a rejudge, under a new judge id, since its own id has its IE result for good) or discarded.
 */
@RestController
@Validated
@Tag(name = "operations", description = "Dead-letter jobs (ADMIN)")
public class DeadLetterController {
    private final ObjectProvider<JobQueue> queue;
    private final JdbcClient jdbc;
    private final RejudgeService rejudges;

    DeadLetterController(ObjectProvider<JobQueue> queue, JdbcClient jdbc, RejudgeService rejudges) {
        this.queue = queue;
        this.jdbc = jdbc;
        this.rejudges = rejudges;
    }

    @GetMapping("/api/v1/admin/dead-letters")
    @Operation(summary = "The latest dead letters, newest first, with their submissions (ADMIN)")
    public List<DeadLetterView> list(@RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        return queue().deadLetters(limit).stream().map(this::view).toList();
    }

    @PostMapping("/api/v1/admin/dead-letters/{jobId}/retry")
    @Operation(summary = "Judge a dead letter's native submission again (a rejudge) and discard the letter (ADMIN)")
    public ResponseEntity<RejudgeView> retry(@PathVariable String jobId,
            @AuthenticationPrincipal AuthenticatedUser user) {
        DeadLetterView dead = find(jobId);
        if (!"NATIVE".equals(dead.api())) {
            throw ApiException.conflict("job " + jobId + " is a Judge0 submission: clients submit those again");
        }
        RejudgeView started = rejudges.submission(jobId, user);
        queue().discardDeadLetter(jobId);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(started);
    }

    @DeleteMapping("/api/v1/admin/dead-letters/{jobId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Discard a dead letter; its submission keeps its IE result (ADMIN)")
    public void discard(@PathVariable String jobId) {
        if (!queue().discardDeadLetter(jobId)) {
            throw ApiException.notFound("there is no dead letter of job " + jobId);
        }
    }

    private DeadLetterView find(String jobId) {
        return queue().deadLetters(1000).stream().filter(d -> d.job().id().equals(jobId)).findFirst()
                .map(this::view).orElseThrow(() -> ApiException.notFound("there is no dead letter of job " + jobId));
    }

    private JobQueue queue() {
        JobQueue q = queue.getIfAvailable();
        if (q == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "this node has no job queue");
        }
        return q;
    }

    private DeadLetterView view(DeadLetter d) {
        Optional<Map<String, Object>> row = jdbc.sql("select s.api, u.username, s.problem_id from submissions s"
                        + " left join users u on u.id = s.user_id where s.id = ?")
                .param(d.job().id()).query().listOfRows().stream().findFirst();
        return new DeadLetterView(d.job().id(), d.job().languageId(), d.job().priority().name(), d.attempts(),
                d.reason(), d.deadAt(), row.map(r -> (String) r.get("api")).orElse(null),
                row.map(r -> (String) r.get("username")).orElse(null),
                row.map(r -> r.get("problem_id")).map(v -> ((Number) v).longValue()).orElse(null));
    }
}
