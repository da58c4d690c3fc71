package dev.judge.demo.accept;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.demo.DemoProperties;
import dev.judge.demo.web.ApiException;
import dev.judge.demo.web.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * What every judging endpoint checks before it hands work to the judge: the server's size caps (413 naming the
 * field); and how the judge's own refusals are reported (422). Back-pressure on the queue's depth is the judge's
 * ({@code judge.queue.max-depth}: its {@code QueueFullException} is answered 429).
 */
@Component
public class Admission {
    private final DemoProperties properties;

    public Admission(DemoProperties properties) {
        this.properties = properties;
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
