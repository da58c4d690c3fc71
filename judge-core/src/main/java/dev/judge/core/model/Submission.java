package dev.judge.core.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What is to be judged: source in a language, the tests to run it on, limits and how outputs are compared.
 * Structural checks happen here; checks that depend on configuration (sizes, caps, known languages) happen
 * when the judge accepts it.
 */
public record Submission(
        String languageId,
        List<SourceFile> sources,
        List<TestCase> tests,
        Limits limits,
        ComparatorSpec comparator,
        JudgeOptions options) {

    public Submission {
        Checks.notBlank(languageId, "languageId");
        Checks.notNull(sources, "sources");
        Checks.notNull(tests, "tests");
        Checks.notNull(limits, "limits");
        Checks.notNull(comparator, "comparator");
        Checks.notNull(options, "options");
        Checks.check(!sources.isEmpty(), "sources", "must hold at least one file");
        sources = List.copyOf(sources);
        tests = List.copyOf(tests);
        Set<String> names = new HashSet<>();
        for (SourceFile f : sources) {
            Checks.notNull(f, "sources");
            Checks.check(names.add(String.valueOf(f.name())), "sources", "duplicate file name '" + f.name() + "'");
        }
        Set<String> ids = new HashSet<>();
        for (TestCase t : tests) {
            Checks.notNull(t, "tests");
            Checks.check(ids.add(t.id()), "tests", "duplicate test id '" + t.id() + "'");
        }
    }

    /** A single-file submission with default limits, line comparison and default options. */
    public static Submission of(String languageId, String source, List<TestCase> tests) {
        return new Submission(languageId, List.of(SourceFile.main(source)), tests, Limits.defaults(),
                ComparatorSpec.lines(), JudgeOptions.defaults());
    }

    public Submission withLimits(Limits l) {
        return new Submission(languageId, sources, tests, l, comparator, options);
    }

    public Submission withComparator(ComparatorSpec c) {
        return new Submission(languageId, sources, tests, limits, c, options);
    }

    public Submission withOptions(JudgeOptions o) {
        return new Submission(languageId, sources, tests, limits, comparator, o);
    }

    public Submission withTests(List<TestCase> t) {
        return new Submission(languageId, sources, t, limits, comparator, options);
    }
}
