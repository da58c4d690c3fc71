package dev.judge.demo.accept;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.queue.JobQueue;
import dev.judge.demo.AcceptProperties;
import dev.judge.demo.DemoProperties;
import dev.judge.demo.web.ApiException;
import dev.judge.demo.web.FieldProblem;
import dev.judge.demo.web.TooManyRequestsException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * What every judging endpoint checks before it hands work to the judge: the queue's depth (back-pressure, 429)
 * and the server's size caps (413 naming the field); and how the judge's own refusals are reported (422).
 */
@Component
public class Admission {
    private final QueueDepth depth;
    private final DemoProperties properties;

    @Autowired
    public Admission(JobQueue queue, DemoProperties properties, AcceptProperties accept) {
        this(new QueueDepth(queue, accept.depthRefresh()), properties);
    }

    /** Reads the queue's depth on every check. */
    public Admission(JobQueue queue, DemoProperties properties) {
        this(new QueueDepth(queue, Duration.ZERO), properties);
    }

    private Admission(QueueDepth depth, DemoProperties properties) {
        this.depth = depth;
        this.properties = properties;
    }

    /**
     * Refuses with 429 while the judge's queue holds more than {@code judge.demo.max-queue-depth} jobs (as read at
     * most {@code judge.demo.accept.depth-refresh} ago).
     */
    public void checkQueue() {
        long jobs = depth.current();
        if (jobs >= properties.maxQueueDepth()) {
            throw new TooManyRequestsException("the judge's queue is full (" + jobs + " jobs); retry later",
                    properties.retryAfter());
        }
    }

    public void checkSource(String field, String source) {
        checkSize(field, source, properties.caps().maxSourceSize());
    }

    public void checkStdin(String field, String stdin) {
        checkSize(field, stdin, properties.caps().maxStdin());
    }

    private static void checkSize(String field, String value, DataSize cap) {
        if (value == null) {
            return;
        }
        // a char is at most 3 UTF-8 bytes: only long strings need the exact count
        if ((long) value.length() * 3 > cap.toBytes() && value.getBytes(StandardCharsets.UTF_8).length > cap.toBytes()) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, field + " is larger than " + cap.toBytes() + " bytes",
                    List.of(new FieldProblem(field, "must be at most " + cap.toBytes() + " bytes")));
        }
    }

    /** The judge's refusal as 422, naming the field with {@code prefix} (the request's own name for it). */
    public static ApiException refused(InvalidSubmissionException e, String field) {
        String message = e.getMessage().startsWith(e.field() + ": ")
                ? e.getMessage().substring(e.field().length() + 2) : e.getMessage();
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "the judge refused the request",
                List.of(new FieldProblem(field, message)));
    }

    /** The request's field name for a field the judge names in its own terms. */
    public static String requestField(InvalidSubmissionException e) {
        String f = e.field();
        if (f.startsWith("sources")) {
            return "source";
        }
        return f;
    }
}
