package dev.judge.demo.rejudge;

import dev.judge.demo.auth.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Judging stored submissions again (ADMIN). */
@RestController
@Tag(name = "rejudges", description = "Judge submissions again after a problem changed")
public class RejudgeController {
    private final RejudgeService service;

    RejudgeController(RejudgeService service) {
        this.service = service;
    }

    @PostMapping("/api/v1/submissions/{id}/rejudge")
    @Operation(summary = "Judge one submission again at low priority (ADMIN)")
    public ResponseEntity<RejudgeView> submission(@PathVariable String id,
            @AuthenticationPrincipal AuthenticatedUser user) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(service.submission(id, user));
    }

    @PostMapping("/api/v1/problems/{id}/rejudge")
    @Operation(summary = "Judge every finished submission of a problem again at low priority (ADMIN)")
    public ResponseEntity<RejudgeView> problem(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser user) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(service.problem(id, user));
    }

    @GetMapping("/api/v1/rejudges/{id}")
    @Operation(summary = "A rejudge: per submission the verdict and score before and after, and what changed (ADMIN)")
    public RejudgeView get(@PathVariable long id) {
        return service.view(id);
    }
}
