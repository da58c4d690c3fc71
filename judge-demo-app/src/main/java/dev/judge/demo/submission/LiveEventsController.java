package dev.judge.demo.submission;

import dev.judge.demo.auth.AuthenticatedUser;
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

/** A submission's live events as Server-Sent Events. */
@RestController
@Tag(name = "submissions")
public class LiveEventsController {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private final SubmissionEvents events;

    LiveEventsController(SubmissionEvents events) {
        this.events = events;
    }

    @GetMapping(path = "/api/v1/submissions/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live events: status, test (one per finished test), finished (the whole submission)")
    public SseEmitter events(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id)
            throws IOException {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        AutoCloseable watch = events.open(id, user, new LiveStream.Sink() {
            @Override
            public void send(String name, Object data) throws IOException {
                emitter.send(SseEmitter.event().name(name).data(data));
            }

            @Override
            public void complete() {
                emitter.complete();
            }
        });
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
        return emitter;
    }
}
