package dev.judge.demo.stats;

import dev.judge.demo.auth.AuthenticatedUser;
import dev.judge.demo.problem.ProblemService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import dev.judge.demo.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Per-problem statistics and leaderboard, and per-account statistics, for every account. */
@RestController
@Validated
@Tag(name = "problems")
public class ProblemStatsController {
    private final ProblemService problems;
    private final ProblemStatsRepository stats;

    public ProblemStatsController(ProblemService problems, ProblemStatsRepository stats) {
        this.problems = problems;
        this.stats = stats;
    }

    @GetMapping("/api/v1/problems/{id}/stats")
    @Operation(summary = "Counts by verdict and language, acceptance rate")
    public ProblemStats stats(@PathVariable long id) {
        problems.requireProblem(id);
        return stats.stats(id);
    }

    @GetMapping("/api/v1/problems/{id}/stats/runtimes")
    @Operation(summary = "Run times of the accepted submissions, sorted, and the caller's own among them")
    public AcceptedRuntimes runtimes(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser user) {
        problems.requireProblem(id);
        return stats.runtimes(id, user.id());
    }

    @GetMapping("/api/v1/stats/users/{username}")
    @Operation(summary = "An account's submissions, problems tried and solved, by verdict and by language")
    public UserStats user(@PathVariable String username) {
        return stats.user(username).orElseThrow(() -> ApiException.notFound("there is no account " + username));
    }

    @GetMapping("/api/v1/problems/{id}/leaderboard")
    @Operation(summary = "Best score per account, ties broken by the earlier submission")
    public List<LeaderboardEntry> leaderboard(@PathVariable long id,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        problems.requireProblem(id);
        return stats.leaderboard(id, limit);
    }
}
