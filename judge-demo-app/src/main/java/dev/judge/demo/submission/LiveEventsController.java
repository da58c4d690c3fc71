package dev.judge.demo.submission;

import dev.judge.demo.auth.AuthenticatedUser;
import dev.judge.demo.results.LiveResults;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live progress of a submission as Server-Sent Events. Browsers' {@code EventSource} cannot send headers, so this
 * endpoint alone also takes the token as {@code ?access_token=}.
 */
@RestController
@Tag(name = "submissions")
public class LiveEventsController {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private final SubmissionService service;
    private final LiveResults live;

    public LiveEventsController(SubmissionService service, LiveResults live) {
        this.service = service;
        this.live = live;
    }

    @GetMapping(path = "/api/v1/submissions/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live events: status, test (one per finished test), finished (the whole submission)")
    public SseEmitter events(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id)
            throws IOException {
        SubmissionRow row = service.row(id, user);
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        LiveStream stream = new LiveStream(emitter, row, user.isAdmin());
        if (row.finished()) {
            stream.finish(service.view(row, user));
            return emitter;
        }
        AutoCloseable watch = live.watch(id, stream::on);
        Runnable stop = () -> {
            try {
                watch.close();
            } catch (Exception ignored) {
                // removing a watcher does not fail
            }
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        // catch up with what happened before the watcher was in place
        service.current(id).ifPresent(stream::on);
        SubmissionRow now = service.row(id, user);
        if (now.finished()) {
            stream.finish(service.view(now, user));
        }
        return emitter;
    }
}
