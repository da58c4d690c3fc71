package dev.judge.demo.problem.archive;

import dev.judge.demo.web.ApiException;
import dev.judge.demo.web.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A test archive that is refused: 413 when it is too large, 422 when its content is not acceptable. */
public class ArchiveRejectedException extends ApiException {
    private static final long serialVersionUID = 1L;

    ArchiveRejectedException(HttpStatus status, String reason) {
        super(status, "the test archive was refused: " + reason, List.of(new FieldProblem("file", reason)));
    }

    static ArchiveRejectedException tooLarge(String reason) {
        return new ArchiveRejectedException(HttpStatus.PAYLOAD_TOO_LARGE, reason);
    }

    static ArchiveRejectedException unacceptable(String reason) {
        return new ArchiveRejectedException(HttpStatus.UNPROCESSABLE_ENTITY, reason);
    }
}
