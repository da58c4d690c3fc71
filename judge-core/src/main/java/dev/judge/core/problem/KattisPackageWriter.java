package dev.judge.core.problem;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a {@link ProblemDefinition} as a Kattis package in problemtools' legacy layout: {@code problem.yaml},
 * {@code problem_statement/}, {@code data/sample} and {@code data/secret} (scoring groups as directories with their
 * {@code testdata.yaml}), {@code output_validators/} for a checker or interactor of the Kattis protocol,
 * {@code input_validators/}, {@code include/} and {@code submissions/}. {@link ProblemPackageReader} reads it back
 * into the same problem. What the format cannot hold is listed in {@link ExportedPackage#omitted()}; what would make
 * the package judge differently (a testlib checker or interactor, file I/O, unordered lines) is refused.
 */
public final class KattisPackageWriter {
    private static final Map<String, String> MAIN_FILE = Map.of("c", "main.c", "cpp", "main.cpp", "java", "Main.java",
            "python3", "main.py", "javascript", "main.js", "rust", "main.rs");

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<String> omitted = new ArrayList<>();

    private KattisPackageWriter() {
    }

    /**
     * The problem as a zipped Kattis package.
     *
     * @throws PackageExportException when the problem has no time limit or judges in a way the format cannot say
     */
    public static ExportedPackage write(ProblemDefinition problem) {
        Objects.requireNonNull(problem, "problem");
        KattisPackageWriter w = new KattisPackageWriter();
        w.writeAll(problem);
        return new ExportedPackage(w.zip(), w.omitted);
    }

    private void writeAll(ProblemDefinition d) {
        if (d.timeLimit() == null) {
            throw new PackageExportException("the problem has no time limit");
        }
        if (!d.io().isStandard()) {
            throw new PackageExportException("the problem reads or writes files; a Kattis package has standard"
                    + " input and output only");
        }
        StringBuilder yaml = new StringBuilder("name: " + quote(d.name()) + "\n");
        List<String> validation = new ArrayList<>();
        String flags = "";
        if (d.interactor() != null) {
            if (d.interactor().protocol() != Interactor.Protocol.KATTIS) {
                throw new PackageExportException("the interactor speaks testlib's protocol; a Kattis package's"
                        + " interactor is an output validator of the Kattis protocol");
            }
            validation.add("interactive");
            if (d.interactor().passes() > 1) {
                validation.add("multi-pass");
            }
            program("output_validators/interactor", d.interactor().program());
            flags = d.interactor().arguments();
        } else if (d.check() instanceof OutputCheck.CheckerProgram c) {
            if (c.protocol() != OutputCheck.Protocol.KATTIS) {
                throw new PackageExportException("the checker speaks testlib's protocol; a Kattis package's output"
                        + " validator speaks the Kattis protocol");
            }
            program("output_validators/validator", c.program());
            flags = c.arguments();
        } else {
            flags = defaultValidatorFlags(((OutputCheck.BuiltIn) d.check()).comparator());
        }
        if (d.scoring()) {
            yaml.append("type: scoring\n");
            if (!validation.isEmpty() || !(d.check() instanceof OutputCheck.BuiltIn)) {
                validation.add("score");
            }
        }
        if (d.interactor() != null || d.check() instanceof OutputCheck.CheckerProgram) {
            yaml.append("validation: custom").append(validation.isEmpty() ? "" : " " + String.join(" ", validation))
                    .append('\n');
        }
        if (!flags.isBlank()) {
            yaml.append("validator_flags: ").append(quote(flags.strip())).append('\n');
        }
        yaml.append("limits:\n  time_limit: ").append(seconds(d.timeLimit().toNanos())).append('\n');
        if (d.memoryLimit() != null) {
            yaml.append("  memory: ").append(mebibytes(d.memoryLimit())).append('\n');
        }
        if (d.outputLimit() != null) {
            yaml.append("  output: ").append(mebibytes(d.outputLimit())).append('\n');
        }
        if (d.interactor() != null && d.interactor().passes() > 1) {
            yaml.append("  validation_passes: ").append(d.interactor().passes()).append('\n');
        }
        TimeLimitPolicy p = d.timeLimitPolicy();
        yaml.append("  time_multiplier: ").append(p.acToTimeLimit()).append("\n  time_safety_margin: ")
                .append(p.timeLimitToTle()).append('\n');
        put("problem.yaml", yaml.toString());
        if (d.statement() != null) {
            String ext = switch (d.statement().format()) {
                case LATEX -> "tex";
                case HTML -> "html";
                case MARKDOWN, TEXT -> "md";
            };
            put("problem_statement/problem." + language(d.statement().language()) + "." + ext, d.statement().text());
        }
        data(d);
        d.supportFiles().forEach((language, sources) -> {
            String code = language.equals(ProblemDefinition.ALL_LANGUAGES) ? "default" : language;
            if (!code.equals("default") && Programs.kattisLanguage(code) == null) {
                omitted.add("included files for language '" + language + "': the format has no directory for it");
                return;
            }
            sources.forEach(f -> put("include/" + code + "/" + f.name(), f.content()));
        });
        d.inputValidators().forEach(v -> program(v.name(), v));
        if (!d.inputValidatorFlags().isEmpty()) {
            omitted.add("input validator flags of single tests: testdata.yaml holds them per directory");
        }
        for (ExampleSubmission s : d.submissions()) {
            String dir = s.path().startsWith("submissions/") ? s.path() : "submissions/" + s.category() + "/"
                    + s.path().substring(s.path().lastIndexOf('/') + 1);
            program(dir, s.program());
        }
    }

    private void data(ProblemDefinition d) {
        Map<String, Integer> perGroup = new LinkedHashMap<>();
        for (TestCase t : d.tests()) {
            String path = "data/" + testPath(d, t);
            put(path + ".in", t.input());
            put(path + ".ans", t.expectedOutput() == null ? new byte[0] : t.expectedOutput());
            if (t.group() != null) {
                perGroup.merge(t.group(), 1, Integer::sum);
            }
        }
        if (!d.scoring() && !d.stopOnFirstFailure()) {
            put("data/testdata.yaml", "on_reject: continue\n");
        }
        for (TestGroup g : d.groups()) {
            int n = perGroup.getOrDefault(g.name(), 0);
            if (n == 0) {
                omitted.add("group '" + g.name() + "' has no test");
                continue;
            }
            boolean min = g.scoring() == TestGroup.Scoring.MIN;
            double accept = min ? g.points() : g.points() / n;
            put("data/" + groupDir(g.name()) + "/testdata.yaml", (min ? "grader_flags: min\n" : "")
                    + "accept_score: " + accept + "\non_reject: " + (g.stopOnFirstFailure() ? "break" : "continue")
                    + "\n");
            if (!g.dependsOn().isEmpty()) {
                omitted.add("group '" + g.name() + "' depends on " + g.dependsOn() + ": the format has no group"
                        + " dependencies");
            }
        }
    }

    /** Where a test goes below {@code data/}: its id when that is a Kattis path, else by group and visibility. */
    private static String testPath(ProblemDefinition d, TestCase t) {
        if (t.id().startsWith("sample/") || t.id().startsWith("secret/")) {
            return t.id();
        }
        if (d.scoring() && t.group() != null) {
            return groupDir(t.group()) + "/" + t.id();
        }
        return (t.hidden() ? "secret/" : "sample/") + t.id();
    }

    private static String groupDir(String group) {
        return group.startsWith("sample") || group.startsWith("secret") ? group : "secret/" + group;
    }

    private String defaultValidatorFlags(ComparatorSpec c) {
        if (c instanceof ComparatorSpec.Kattis k) {
            return k.flags();
        } else if (c instanceof ComparatorSpec.Tokens) {
            return "case_sensitive";
        } else if (c instanceof ComparatorSpec.CaseInsensitive) {
            return "";
        } else if (c instanceof ComparatorSpec.Floats f) {
            return "float_absolute_tolerance " + f.absoluteTolerance() + " float_relative_tolerance "
                    + f.relativeTolerance();
        } else if (c instanceof ComparatorSpec.Exact || c instanceof ComparatorSpec.Lines) {
            omitted.add("the comparison by " + (c instanceof ComparatorSpec.Exact ? "exact bytes" : "lines")
                    + " is written as the default validator's case_sensitive space_change_sensitive, which"
                    + " compares tokens with their spacing");
            return "case_sensitive space_change_sensitive";
        }
        throw new PackageExportException("the comparison " + c.getClass().getSimpleName() + " has no form in the"
                + " default validator's flags; write it as an output validator");
    }

    private void program(String name, Program p) {
        boolean single = p.sources().size() == 1 && p.sources().get(0).name() == null;
        String main = MAIN_FILE.getOrDefault(p.languageId(), "main");
        if (single && Programs.languageOf(name) != null) {
            put(name, p.sources().get(0).content());
            return;
        }
        for (SourceFile f : p.sources()) {
            put(name + "/" + (f.name() == null ? main : f.name()), f.content());
        }
    }

    private static String language(String code) {
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "english" -> "en";
            default -> code.toLowerCase(Locale.ROOT).matches("[a-z]{2,3}(-[a-z0-9]+)?") ? code.toLowerCase(Locale.ROOT)
                    : "en";
        };
    }

    private static String seconds(long nanos) {
        return new BigDecimal(nanos).movePointLeft(9).stripTrailingZeros().toPlainString();
    }

    private static long mebibytes(ByteSize size) {
        return Math.max(1, (size.bytes() + (1L << 20) - 1) >> 20);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''").replace("\n", " ") + "'";
    }

    private void put(String path, String text) {
        put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    private void put(String path, byte[] bytes) {
        if (files.put(path, bytes) != null) {
            throw new PackageExportException("two files would be " + path);
        }
    }

    private byte[] zip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
