package dev.judge.core.problem;

import dev.judge.core.model.SourceFile;
import java.util.List;
import java.util.Objects;

/**
 * A program a package brings (validator, checker, interactor, example submission), as source. It is compiled and
 * run only in the sandbox, by whoever uses the definition.
 *
 * @param name       where it sits in the package ({@code output_validators/check}, {@code files/check.cpp})
 * @param languageId the judge's language id it is compiled as
 * @param sources    its files; the one holding the entry point has no name (the language's main file)
 */
public record Program(String name, String languageId, List<SourceFile> sources) {
    public Program {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(languageId, "languageId");
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("program " + name + " has no source");
        }
    }
}
