package dev.judge.demo.submission;

import dev.judge.demo.auth.AuthenticatedUser;
import dev.judge.demo.results.LiveResults;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * Opens a live stream of one submission for a client, whatever carries it: the submission must be the client's (or
 * the client an administrator), a finished one gets its {@code finished} event at once, an unfinished one every
 * change from now on after what happened before the watcher was in place.
 */
@Component
class SubmissionEvents {
    private final SubmissionService service;
    private final LiveResults live;

    SubmissionEvents(SubmissionService service, LiveResults live) {
        this.service = service;
        this.live = live;
    }

    /**
     * Streams submission {@code id} to {@code sink}; close the handle to stop.
     *
     * @throws dev.judge.demo.web.ApiException 404 when there is no such submission of the user's
     */
    AutoCloseable open(String id, AuthenticatedUser user, LiveStream.Sink sink) throws IOException {
        SubmissionRow row = service.row(id, user);
        LiveStream stream = new LiveStream(sink, row, user.isAdmin());
        if (row.finished()) {
            stream.finish(service.view(row, user));
            return () -> { };
        }
        AutoCloseable watch = live.watch(id, stream::on);
        // catch up with what happened before the watcher was in place
        service.current(id).ifPresent(stream::on);
        SubmissionRow now = service.row(id, user);
        if (now.finished()) {
            stream.finish(service.view(now, user));
        }
        return watch;
    }
}
