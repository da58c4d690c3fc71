package dev.judge.demo.problem;

import dev.judge.core.model.TestGroup;
import java.util.List;
import java.util.Locale;

/**
 * A scoring group (subtask) as JSON: {@code name} (what tests put in their {@code group}), {@code points},
 * {@code scoring} {@code "min"} (the default: the weakest test decides, IOI) or {@code "sum"}, {@code dependsOn}
 * (names of groups that must be fully solved first), {@code stopOnFirstFailure} (skip the group's remaining
 * tests after its first failure). Maps 1:1 onto {@link TestGroup}.
 */
public record GroupDto(String name, Double points, String scoring, List<String> dependsOn,
        Boolean stopOnFirstFailure) {

    static GroupDto of(TestGroup g) {
        return new GroupDto(g.name(), g.points(), g.scoring().name().toLowerCase(Locale.ROOT), g.dependsOn(),
                g.stopOnFirstFailure());
    }
}
