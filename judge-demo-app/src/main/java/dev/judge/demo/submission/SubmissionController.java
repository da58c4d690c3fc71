package dev.judge.demo.submission;

import dev.judge.demo.auth.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Submissions: accounts submit and read their own; administrators read everyone's. */
@RestController
@Validated
@RequestMapping("/api/v1/submissions")
@Tag(name = "submissions", description = "Judge a source against a problem's tests")
public class SubmissionController {
    private final SubmissionService service;

    public SubmissionController(SubmissionService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(summary = "Submit a source; judged in the background (202, then GET or the events stream)")
    public ResponseEntity<SubmissionAccepted> submit(@AuthenticationPrincipal AuthenticatedUser user,
            @Valid @RequestBody SubmissionRequest request) {
        SubmissionAccepted accepted = service.submit(user, request);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/submissions/" + accepted.id()))
                .body(accepted);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One submission with its per-test results")
    public SubmissionView get(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id) {
        return service.view(id, user);
    }

    @GetMapping
    @Operation(summary = "List submissions, newest first (accounts see their own)")
    public SubmissionPage list(@AuthenticationPrincipal AuthenticatedUser user,
            @RequestParam(required = false) Long problemId,
            @RequestParam(required = false) @Pattern(regexp = "[a-z0-9][a-z0-9_.-]{0,63}") String languageId,
            @RequestParam(required = false) @Pattern(regexp = "AC|WA|PE|TLE|MLE|OLE|RE|CE|IE|SK") String verdict,
            @RequestParam(required = false) String username,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return service.page(user, problemId, languageId, verdict, username, page, size);
    }
}
