package dev.judge.demo.problem;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Body of problem creation and replacement.
 *
 * @param title              shown in listings
 * @param statement          Markdown text
 * @param limits             left out: the judge's defaults
 * @param comparator         left out: {@code lines}
 * @param groups             scoring groups; left out: none
 * @param stopOnFirstFailure skip the remaining tests once one fails; left out: false
 * @param io                 file names the program reads and writes; left out: standard input and output
 * @param supportFiles       files added to every submission, by language id ({@code "*"}: every language)
 * @param interactor         left out: not interactive
 * @param difficulty         EASY, MEDIUM or HARD; left out: not said
 * @param author             who wrote the problem; left out: not said
 */
public record ProblemRequest(
        @NotBlank @Size(max = 200) String title,
        @NotNull @Size(max = 262_144) String statement,
        LimitsDto limits,
        ComparatorDto comparator,
        List<GroupDto> groups,
        Boolean stopOnFirstFailure,
        IoDto io,
        Map<String, List<SourceDto>> supportFiles,
        InteractorDto interactor,
        @Pattern(regexp = "EASY|MEDIUM|HARD", message = "must be EASY, MEDIUM or HARD") String difficulty,
        @Size(max = 100) String author) {
}
