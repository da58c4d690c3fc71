package dev.judge.core.pipeline;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.language.Language;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.FileIo;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.JudgeCaps;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.WorkFile;
import java.util.Arrays;
import java.util.List;

/** The checks that depend on the judge's configuration: known languages, caps, text encodings. */
final class Validator {

    private static final String GLOB_CHARACTERS = "*?[]{}";
    /** Far below any system's argument list limit; arguments are flags and short values, not data. */
    static final int MAX_ARGUMENT_BYTES = 4096;

    private final JudgeCaps caps;
    private final Toolchains toolchains;
    private final boolean pairs;

    /** @param pairs whether the sandbox runs two connected commands, as an interactive problem needs */
    Validator(JudgeCaps caps, Toolchains toolchains, boolean pairs) {
        this.caps = caps;
        this.toolchains = toolchains;
        this.pairs = pairs;
    }

    /** Checks a submission; returns its language. */
    Language check(Submission s) {
        check(s != null, "submission", "must not be null");
        Language language = language(s.languageId(), "languageId");
        sources(s.sources(), "sources");
        supportFiles(s, language);
        workFiles(s, language);
        arguments(s, language);
        fileIo(s, language);
        limits(s.limits());
        List<TestCase> tests = s.tests();
        check(tests.size() <= caps.maxTests(), "tests",
                "at most " + caps.maxTests() + " tests are allowed, got " + tests.size());
        long total = 0;
        for (int i = 0; i < tests.size(); i++) {
            TestCase t = tests.get(i);
            String at = "tests[" + i + "]";
            check(t.input().length <= caps.maxStdin().bytes(), at + ".input",
                    "is " + ByteSize.ofBytes(t.input().length) + ", more than the maximum " + caps.maxStdin());
            check(Utf8.isWellFormed(t.input()), at + ".input", "is not well-formed UTF-8 text");
            total += t.input().length;
            if (t.expectedOutput() != null) {
                check(Utf8.isWellFormed(t.expectedOutput()), at + ".expectedOutput", "is not well-formed UTF-8 text");
                total += t.expectedOutput().length;
            }
        }
        check(total <= caps.maxTestData().bytes(), "tests", "test data is " + ByteSize.ofBytes(total)
                + ", more than the maximum " + caps.maxTestData());
        if (s.comparator() instanceof ComparatorSpec.Checker checker) {
            language(checker.languageId(), "comparator.languageId");
            sources(checker.sources(), "comparator.sources");
            for (SourceFile f : checker.sources()) {
                // The checker's work dir also holds the test's three files, under these names.
                check(f.name() == null || !List.of(CheckerComparator.INPUT, CheckerComparator.OUTPUT,
                        CheckerComparator.ANSWER).contains(f.name()), "comparator.sources",
                        "'" + f.name() + "' is reserved for the checker's test files");
            }
        }
        if (s.interactor() != null) {
            interactor(s.interactor());
        }
        return language;
    }

    private void interactor(Interactor interactor) {
        check(pairs, "interactor", "this judge's sandbox cannot run an interactor beside the program");
        language(interactor.languageId(), "interactor.languageId");
        sources(interactor.sources(), "interactor.sources");
        for (SourceFile f : interactor.sources()) {
            // The interactor's work dir also holds the test's files and the feedback dir, under these names.
            check(f.name() == null || !List.of(InteractiveRun.INPUT, InteractiveRun.ANSWER, InteractiveRun.TOUT,
                    InteractiveRun.FEEDBACK).contains(f.name()), "interactor.sources", "'" + f.name() + "' is reserved for the interactor's test files");
        }
    }

    /** Checks a single run with custom input; returns its language. */
    Language checkRun(String languageId, String source, byte[] stdin, Limits limits) {
        check(languageId != null && !languageId.isBlank(), "languageId", "must not be blank");
        Language language = language(languageId, "languageId");
        check(source != null, "source", "must not be null");
        check(!source.isBlank(), "source", "must not be empty");
        check(Utf8.isEncodable(source), "source", "is not valid text (unpaired surrogate)");
        long size = Utf8.utf8(source).length;
        check(size <= caps.maxSourceSize().bytes(), "source",
                "is " + ByteSize.ofBytes(size) + ", more than the maximum " + caps.maxSourceSize());
        check(stdin != null, "stdin", "must not be null (use an empty input)");
        check(stdin.length <= caps.maxStdin().bytes(), "stdin",
                "is " + ByteSize.ofBytes(stdin.length) + ", more than the maximum " + caps.maxStdin());
        check(Utf8.isWellFormed(stdin), "stdin", "is not well-formed UTF-8 text");
        check(limits != null, "limits", "must not be null");
        limits(limits);
        return language;
    }

    private Language language(String id, String field) {
        Language language = toolchains.find(id).orElseThrow(() -> new InvalidSubmissionException(field,
                "unknown language '" + id + "'; known: " + toolchains.languages().all().stream()
                        .map(Language::id).toList()));
        LanguageInfo info = toolchains.info(language);
        check(info.available(), field, "language '" + id + "' is unavailable: " + info.reason());
        return language;
    }

    private void sources(List<SourceFile> sources, String field) {
        long total = 0;
        for (int i = 0; i < sources.size(); i++) {
            SourceFile f = sources.get(i);
            String at = field + "[" + i + "].content";
            check(!f.content().isBlank(), at, "must not be empty");
            check(Utf8.isEncodable(f.content()), at, "is not valid text (unpaired surrogate)");
            total += f.sizeInBytes();
        }
        check(total <= caps.maxSourceSize().bytes(), field,
                "source is " + ByteSize.ofBytes(total) + ", more than the maximum " + caps.maxSourceSize());
    }

    /**
     * Support files are the problem's, not the submitter's: they have a cap of their own, of the same size as
     * the sources', and may be empty (an empty data file is data).
     */
    private void supportFiles(Submission s, Language language) {
        List<SourceFile> files = s.supportFiles();
        boolean unnamedMain = s.sources().stream().anyMatch(f -> f.name() == null);
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            SourceFile f = files.get(i);
            // The model checks names as given; the main source's default name is only known here.
            check(!(unnamedMain && f.name().equals(language.sourceFile())), "supportFiles[" + i + "].name",
                    "'" + f.name() + "' is the name of the main source file");
            check(Utf8.isEncodable(f.content()), "supportFiles[" + i + "].content",
                    "is not valid text (unpaired surrogate)");
            total += f.sizeInBytes();
        }
        check(total <= caps.maxSourceSize().bytes(), "supportFiles", "support files are " + ByteSize.ofBytes(total)
                + ", more than the maximum " + caps.maxSourceSize());
    }

    /**
     * Work files are data the submitter brings, bounded together by the test data cap (they travel with the job as
     * the tests do); none may sit where the main source goes, nor inside a source file's path.
     */
    private void workFiles(Submission s, Language language) {
        boolean unnamedMain = s.sources().stream().anyMatch(f -> f.name() == null);
        long total = 0;
        for (int i = 0; i < s.workFiles().size(); i++) {
            WorkFile f = s.workFiles().get(i);
            String top = f.path().contains("/") ? f.path().substring(0, f.path().indexOf('/')) : f.path();
            check(!(unnamedMain && top.equals(language.sourceFile())), "workFiles[" + i + "].path",
                    "'" + f.path() + "' is where the main source file goes");
            check(f.path().equals(top) || s.sources().stream().noneMatch(src -> top.equals(src.name()))
                    && s.supportFiles().stream().noneMatch(sup -> top.equals(sup.name())), "workFiles[" + i + "].path",
                    "'" + f.path() + "' would be inside a source or support file");
            total += f.size();
        }
        check(total <= caps.maxTestData().bytes(), "workFiles", "work files are " + ByteSize.ofBytes(total)
                + ", more than the maximum " + caps.maxTestData());
    }

    /** Arguments are text, bounded, and compiler options need a compile step to go to. */
    private static void arguments(Submission s, Language language) {
        List<String> options = s.options().compilerOptions();
        check(options.isEmpty() || language.compiled(), "options.compilerOptions",
                "language '" + language.id() + "' has no compile step");
        for (String field : List.of("compilerOptions", "programArguments")) {
            List<String> args = field.equals("compilerOptions") ? options : s.options().programArguments();
            long total = 0;
            for (String a : args) {
                check(Utf8.isEncodable(a), "options." + field, "is not valid text (unpaired surrogate)");
                total += Utf8.utf8(a).length + 1;
            }
            check(total <= MAX_ARGUMENT_BYTES, "options." + field,
                    "are " + total + " bytes, more than the maximum " + MAX_ARGUMENT_BYTES);
        }
        // an interactive program's stdout is the interactor's input: its stderr must not reach it
        check(!(s.options().stderrToStdout() && s.isInteractive()), "options.stderrToStdout",
                "cannot join stderr to stdout in an interactive problem");
    }

    /** The file I/O names are collected and written by the sandbox: no glob characters, no clash with a file. */
    private static void fileIo(Submission s, Language language) {
        FileIo io = s.io();
        for (String name : Arrays.asList(io.inputFile(), io.outputFile())) {
            if (name == null) {
                continue;
            }
            String field = name.equals(io.inputFile()) ? "io.inputFile" : "io.outputFile";
            check(name.chars().noneMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0), field,
                    "'" + name + "' may not hold any of " + GLOB_CHARACTERS);
            for (SourceFile f : s.sources()) {
                check(!name.equals(f.name() == null ? language.sourceFile() : f.name()), field,
                        "'" + name + "' is the name of a source file");
            }
            for (SourceFile f : s.supportFiles()) {
                check(!name.equals(f.name()), field, "'" + name + "' is the name of a support file");
            }
        }
    }

    private void limits(Limits l) {
        Limits max = caps.maxLimits();
        atMost(l.cpuTime().compareTo(max.cpuTime()) <= 0, "limits.cpuTime", l.cpuTime(), max.cpuTime());
        atMost(l.wallTime().compareTo(max.wallTime()) <= 0, "limits.wallTime", l.wallTime(), max.wallTime());
        atMost(!l.memory().isGreaterThan(max.memory()), "limits.memory", l.memory(), max.memory());
        atMost(l.processes() <= max.processes(), "limits.processes", l.processes(), max.processes());
        atMost(!l.outputSize().isGreaterThan(max.outputSize()), "limits.outputSize", l.outputSize(), max.outputSize());
        atMost(!l.fileSize().isGreaterThan(max.fileSize()), "limits.fileSize", l.fileSize(), max.fileSize());
        atMost(!l.stack().isGreaterThan(max.stack()), "limits.stack", l.stack(), max.stack());
        atMost(l.openFiles() <= max.openFiles(), "limits.openFiles", l.openFiles(), max.openFiles());
        check(!l.network() || max.network(), "limits.network", "network access is not allowed by this judge");
    }

    private static void atMost(boolean ok, String field, Object value, Object max) {
        check(ok, field, "is " + value + ", more than this judge allows (" + max + ")");
    }

    private static void check(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidSubmissionException(field, message);
        }
    }
}
