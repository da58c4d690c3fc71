package dev.judge.demo.run;

import dev.judge.demo.problem.LimitsDto;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /api/v1/runs/batch}: one program, compiled once, on several inputs. */
public record BatchRunRequest(@NotBlank @Size(max = 64) String languageId, @NotNull String source,
        @NotEmpty List<@NotNull String> stdins, LimitsDto limits) {
}
