package dev.judge.demo.problem;

import dev.judge.core.model.FileIo;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.TestGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What kind of problem a stored problem is beyond its limits and comparator, in the judge's own types: scoring
 * groups, whether judging stops at the first failed test, file I/O, the files it adds to submissions, an
 * interactor.
 *
 * @param groups             scoring groups, empty for none
 * @param stopOnFirstFailure skip every remaining test once one fails
 * @param io                 where the program reads and writes
 * @param supportFiles       files added to every submission, by language id; {@link #ALL_LANGUAGES} for every
 *                           language
 * @param interactor         the interactor, or null
 */
public record ProblemKind(List<TestGroup> groups, boolean stopOnFirstFailure, FileIo io,
        Map<String, List<SourceFile>> supportFiles, Interactor interactor) {
    /** The key of {@link #supportFiles} whose files every language gets. */
    public static final String ALL_LANGUAGES = "*";
    private static final ProblemKind PLAIN = new ProblemKind(List.of(), false, FileIo.standard(), Map.of(), null);

    public ProblemKind {
        groups = List.copyOf(groups);
        Objects.requireNonNull(io, "io");
        Map<String, List<SourceFile>> copy = new LinkedHashMap<>();
        supportFiles.forEach((language, files) -> copy.put(language, List.copyOf(files)));
        supportFiles = Collections.unmodifiableMap(copy);
    }

    /** Standard I/O, no groups, no support files, not interactive. */
    public static ProblemKind plain() {
        return PLAIN;
    }

    /** The files a submission in {@code languageId} gets: those for every language, then its language's own. */
    public List<SourceFile> supportFilesFor(String languageId) {
        List<SourceFile> files = new ArrayList<>(supportFiles.getOrDefault(ALL_LANGUAGES, List.of()));
        if (!ALL_LANGUAGES.equals(languageId)) {
            files.addAll(supportFiles.getOrDefault(languageId, List.of()));
        }
        return files;
    }
}
