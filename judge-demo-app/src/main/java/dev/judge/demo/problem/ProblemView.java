package dev.judge.demo.problem;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A problem as the API shows it; checker and interactor sources and support files only to administrators
 * ({@code supportFiles} null for others).
 */
public record ProblemView(long id, String title, String statement, LimitsDto limits, ComparatorDto comparator,
        List<GroupDto> groups, boolean stopOnFirstFailure, IoDto io, Map<String, List<SourceDto>> supportFiles,
        InteractorDto interactor, int testCount, int publicTestCount, Instant createdAt, Instant updatedAt,
        String difficulty, String author) {
}
