package dev.judge.core.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is to be judged: source in a language, the tests to run it on, limits and how outputs are compared,
 * and what kind of problem it is (scoring groups, file I/O, files the problem adds, an interactor).
 * Structural checks happen here; checks that depend on configuration (sizes, caps, known languages) happen
 * when the judge accepts it.
 *
 * @param languageId   the submission's language
 * @param sources      the submitter's source files
 * @param tests        the tests, in the order results are reported
 * @param limits       limits of each run
 * @param comparator   how an output is judged
 * @param options      how judging proceeds
 * @param groups       scoring groups; empty for none. When there are some, every test's group must be one
 *                     of them (or {@code null}: a test scored on its own). Without any, tests sharing a
 *                     group name form an all-or-nothing group worth their weights' sum.
 * @param supportFiles files the problem adds to every submission in its language: graders and headers
 *                     compiled with it, libraries and data files it reads at run time; never shown as the
 *                     submitter's. They may not share a name with a source file.
 * @param io           where the program reads its input and writes its answer
 * @param interactor   the interactive problem's interactor, or {@code null}
 * @param workFiles    the submitter's files beside the sources (bytes, directories allowed): in the compile work
 *                     dir and in every run's, where a compiled artifact of the same path replaces one. None may
 *                     take the path of a source or support file, nor one path twice.
 */
public record Submission(
        String languageId,
        List<SourceFile> sources,
        List<TestCase> tests,
        Limits limits,
        ComparatorSpec comparator,
        JudgeOptions options,
        List<TestGroup> groups,
        List<SourceFile> supportFiles,
        FileIo io,
        Interactor interactor,
        List<WorkFile> workFiles) {

    public Submission {
        Checks.notBlank(languageId, "languageId");
        Checks.notNull(sources, "sources");
        Checks.notNull(tests, "tests");
        Checks.notNull(limits, "limits");
        Checks.notNull(comparator, "comparator");
        Checks.notNull(options, "options");
        Checks.notNull(groups, "groups");
        Checks.notNull(supportFiles, "supportFiles");
        Checks.notNull(io, "io");
        Checks.notNull(workFiles, "workFiles");
        Checks.check(!sources.isEmpty(), "sources", "must hold at least one file");
        sources = List.copyOf(sources);
        tests = List.copyOf(tests);
        groups = List.copyOf(groups);
        supportFiles = List.copyOf(supportFiles);
        workFiles = List.copyOf(workFiles);
        Set<String> names = new HashSet<>();
        for (SourceFile f : sources) {
            Checks.notNull(f, "sources");
            Checks.check(names.add(String.valueOf(f.name())), "sources", "duplicate file name '" + f.name() + "'");
        }
        for (SourceFile f : supportFiles) {
            Checks.notNull(f, "supportFiles");
            Checks.check(f.name() != null, "supportFiles.name", "must be given");
            Checks.check(names.add(f.name()), "supportFiles",
                    "file name '" + f.name() + "' is taken by another source or support file");
        }
        for (WorkFile f : workFiles) {
            Checks.check(names.add(f.path()), "workFiles",
                    () -> "path '" + f.path() + "' is taken by a source, support or other work file");
        }
        Map<String, TestGroup> byName = new HashMap<>();
        for (TestGroup g : groups) {
            Checks.notNull(g, "groups");
            Checks.check(byName.putIfAbsent(g.name(), g) == null, "groups", "duplicate group '" + g.name() + "'");
        }
        for (TestGroup g : groups) {
            for (String d : g.dependsOn()) {
                Checks.check(byName.containsKey(d), "groups[" + g.name() + "].dependsOn", "no group named '" + d + "'");
            }
        }
        checkAcyclic(byName);
        Set<String> ids = new HashSet<>();
        for (TestCase t : tests) {
            Checks.notNull(t, "tests");
            Checks.check(ids.add(t.id()), "tests", "duplicate test id '" + t.id() + "'");
            Checks.check(groups.isEmpty() || t.group() == null || byName.containsKey(t.group()),
                    "tests[" + t.id() + "].group", () -> "no group named '" + t.group() + "'");
        }
    }

    /** A submission without work files. */
    public Submission(String languageId, List<SourceFile> sources, List<TestCase> tests, Limits limits,
            ComparatorSpec comparator, JudgeOptions options, List<TestGroup> groups, List<SourceFile> supportFiles,
            FileIo io, Interactor interactor) {
        this(languageId, sources, tests, limits, comparator, options, groups, supportFiles, io, interactor, List.of());
    }

    /**
     * A submission of a plain problem: no scoring groups, no support files, standard input and output, not
     * interactive.
     */
    public Submission(String languageId, List<SourceFile> sources, List<TestCase> tests, Limits limits,
            ComparatorSpec comparator, JudgeOptions options) {
        this(languageId, sources, tests, limits, comparator, options, List.of(), List.of(), FileIo.standard(), null);
    }

    private static void checkAcyclic(Map<String, TestGroup> groups) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (String g : groups.keySet()) {
            visit(g, groups, state, new ArrayDeque<>());
        }
    }

    private static void visit(String g, Map<String, TestGroup> groups, Map<String, Integer> state,
            Deque<String> path) {
        Integer s = state.get(g);
        if (s != null && s == 2) {
            return;
        }
        path.addLast(g);
        Checks.check(s == null, "groups[" + g + "].dependsOn", () -> "dependency cycle " + String.join(" -> ", path));
        state.put(g, 1);
        for (String d : groups.get(g).dependsOn()) {
            visit(d, groups, state, path);
        }
        state.put(g, 2);
        path.removeLast();
    }

    /** A single-file submission with default limits, line comparison and default options. */
    public static Submission of(String languageId, String source, List<TestCase> tests) {
        return new Submission(languageId, List.of(SourceFile.main(source)), tests, Limits.defaults(),
                ComparatorSpec.lines(), JudgeOptions.defaults());
    }

    public Submission withLimits(Limits l) {
        return new Submission(languageId, sources, tests, l, comparator, options, groups, supportFiles, io, interactor,
                workFiles);
    }

    public Submission withComparator(ComparatorSpec c) {
        return new Submission(languageId, sources, tests, limits, c, options, groups, supportFiles, io, interactor,
                workFiles);
    }

    public Submission withOptions(JudgeOptions o) {
        return new Submission(languageId, sources, tests, limits, comparator, o, groups, supportFiles, io, interactor,
                workFiles);
    }

    public Submission withTests(List<TestCase> t) {
        return new Submission(languageId, sources, t, limits, comparator, options, groups, supportFiles, io, interactor,
                workFiles);
    }

    public Submission withGroups(List<TestGroup> g) {
        return new Submission(languageId, sources, tests, limits, comparator, options, g, supportFiles, io, interactor,
                workFiles);
    }

    public Submission withSupportFiles(List<SourceFile> f) {
        return new Submission(languageId, sources, tests, limits, comparator, options, groups, f, io, interactor,
                workFiles);
    }

    public Submission withIo(FileIo i) {
        return new Submission(languageId, sources, tests, limits, comparator, options, groups, supportFiles, i,
                interactor, workFiles);
    }

    public Submission withInteractor(Interactor i) {
        return new Submission(languageId, sources, tests, limits, comparator, options, groups, supportFiles, io, i,
                workFiles);
    }

    public Submission withWorkFiles(List<WorkFile> f) {
        return new Submission(languageId, sources, tests, limits, comparator, options, groups, supportFiles, io,
                interactor, f);
    }

    /** Whether a program runs beside the submission's (an interactor). */
    public boolean isInteractive() {
        return interactor != null;
    }
}
