package dev.judge.demo.submission;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/submissions}: a source for a problem; {@code callbackUrl} (optional) gets the result. */
public record SubmissionRequest(
        @NotNull Long problemId,
        @NotBlank @Size(max = 64) String languageId,
        @NotNull String source,
        String callbackUrl) {
}
