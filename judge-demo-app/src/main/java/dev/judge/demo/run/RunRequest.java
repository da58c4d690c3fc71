package dev.judge.demo.run;

import dev.judge.demo.problem.LimitsDto;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/runs}: one program on custom input; limits left out take the judge's defaults. */
public record RunRequest(@NotBlank @Size(max = 64) String languageId, @NotNull String source, String stdin,
        LimitsDto limits) {
}
