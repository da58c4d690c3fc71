package dev.judge.demo.submission;

import dev.judge.core.model.Priority;
import dev.judge.demo.problem.SourceDto;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /api/v1/submissions}: the source for a problem, either one file ({@code source}, the language's
 * main file) or several ({@code sources}, each named); {@code callbackUrl} (optional) gets the result;
 * {@code priority} (administrators only; default NORMAL) is the queue lane: HIGH is judged before everything
 * waiting, LOW after.
 */
public record SubmissionRequest(
        @NotNull Long problemId,
        @NotBlank @Size(max = 64) String languageId,
        String source,
        List<SourceDto> sources,
        String callbackUrl,
        Priority priority) {
}
