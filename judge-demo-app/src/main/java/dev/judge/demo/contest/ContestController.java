package dev.judge.demo.contest;

import dev.judge.demo.auth.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Contests, registration and scoreboards (JSON and a live event stream). */
@RestController
@Validated
@RequestMapping("/api/v1/contests")
@Tag(name = "contests", description = "Contests with ICPC or IOI scoring and their scoreboards")
public class ContestController {
    private final ContestService service;
    private final ScoreboardStreams streams;

    ContestController(ContestService service, ScoreboardStreams streams) {
        this.service = service;
        this.streams = streams;
    }

    @PostMapping
    @Operation(summary = "Create a contest (ADMIN)")
    public ResponseEntity<ContestView> create(@Valid @RequestBody ContestRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.create(request));
    }

    @GetMapping
    @Operation(summary = "Every contest, the latest start first")
    public List<ContestView> list(@AuthenticationPrincipal AuthenticatedUser user) {
        return service.list(user);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One contest")
    public ContestView get(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser user) {
        return service.view(id, user);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a contest (ADMIN); its submissions stay")
    public void delete(@PathVariable long id) {
        service.delete(id);
    }

    @PostMapping("/{id}/registrations")
    @Operation(summary = "Register the calling account (until the contest ends)")
    public ContestView register(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser user) {
        return service.register(id, user);
    }

    @GetMapping("/{id}/scoreboard")
    @Operation(summary = "The scoreboard; view=jury (ADMIN) shows what the freeze hides")
    public Scoreboard scoreboard(@PathVariable long id,
            @RequestParam(defaultValue = "public") @Pattern(regexp = "public|jury") String view,
            @AuthenticationPrincipal AuthenticatedUser user) {
        return service.scoreboard(id, user, "jury".equals(view));
    }

    @GetMapping(path = "/{id}/scoreboard/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live scoreboard: a 'scoreboard' event now and at every change (within a second)")
    public SseEmitter events(@PathVariable long id,
            @RequestParam(defaultValue = "public") @Pattern(regexp = "public|jury") String view,
            @AuthenticationPrincipal AuthenticatedUser user) {
        boolean jury = "jury".equals(view);
        if (jury && !user.isAdmin()) {
            service.scoreboard(id, user, true); // refused as the JSON board is
        }
        return streams.open(id, jury);
    }

    @PostMapping("/{id}/unfreeze")
    @Operation(summary = "Reveal the frozen part of the public scoreboard (ADMIN)")
    public ContestView unfreeze(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser user) {
        return service.unfreeze(id, user);
    }
}
