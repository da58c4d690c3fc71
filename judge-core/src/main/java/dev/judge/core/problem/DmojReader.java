package dev.judge.core.problem;

import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.FileIo;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a DMOJ problem: {@code init.yml} with {@code test_cases} (single cases and batches with points and
 * dependencies), its {@code archive} of test files, the checker by name or a bridged testlib checker, and a
 * bridged testlib interactor. DMOJ keeps limits in its site, not in the package: the time limit stays unset.
 */
final class DmojReader {
    private static final String INIT = "init.yml";
    private static final Set<String> IGNORED = Set.of("unbuffered", "symlinks", "hints", "output_prefix_length",
            "output_limit_length", "wall_time_factor", "short_circuit", "meta", "pretest_test_cases");

    private final PackageFiles files;
    private final Reporter report;
    private final PackageCaps caps;
    private PackageFiles archive;

    DmojReader(PackageFiles files, Reporter report, PackageCaps caps) {
        this.files = files;
        this.report = report;
        this.caps = caps;
    }

    ProblemDefinition read() {
        YamlMap y = YamlMap.parse(INIT, files.text(INIT));
        String archiveName = y.string("archive", null);
        if (archiveName != null) {
            if (!files.has(archiveName)) {
                throw new PackageRejectedException(INIT, "key 'archive' names " + archiveName + ", which is missing");
            }
            archive = PackageFiles.fromInnerZip(files.bytes(archiveName), caps, archiveName);
            report.imported(archiveName, "", "the test archive");
        }
        double defaultPoints = y.has("points") ? y.number("points") : 1;
        List<TestCase> tests = new ArrayList<>();
        List<TestGroup> groups = new ArrayList<>();
        List<?> cases = y.list("test_cases");
        if (cases.isEmpty()) {
            throw new PackageRejectedException(INIT, "key 'test_cases' lists no test");
        }
        int batch = 0;
        for (int i = 0; i < cases.size(); i++) {
            YamlMap c = YamlMap.element(INIT, "test_cases[" + i + "]", cases.get(i));
            double points = c.has("points") ? c.number("points") : defaultPoints;
            if (c.has("batched")) {
                batch++;
                String group = "batch" + batch;
                List<?> inner = c.list("batched");
                for (int j = 0; j < inner.size(); j++) {
                    YamlMap t = YamlMap.element(INIT, "test_cases[" + i + "].batched[" + j + "]", inner.get(j));
                    tests.add(test(t, (i + 1) + "." + (j + 1), 1.0, group));
                }
                List<String> deps = new ArrayList<>();
                for (Object d : c.list("dependencies")) {
                    if (!(d instanceof Integer n) || n < 1 || n >= batch) {
                        throw c.bad("dependencies", "must name earlier batches by number (1, 2, ...), was " + d);
                    }
                    deps.add("batch" + n);
                }
                groups.add(new TestGroup(group, points, TestGroup.Scoring.MIN, deps, true));
                c.reportUnread(report, "unknown batch key; ignored");
            } else {
                tests.add(test(c, String.valueOf(i + 1), points, null));
            }
        }
        report.imported(INIT, "test_cases", tests.size() + " tests, " + groups.size() + " batches");
        OutputCheck check = readChecker(y);
        InteractorProgram interactor = readInteractor(y);
        for (String k : IGNORED) {
            if (y.has(k)) {
                y.raw(k);
                report.ignored(INIT, k, "a DMOJ runtime setting the judge does not need");
            }
        }
        for (String k : Set.of("generator", "grader", "signature_grader", "custom_judge", "file_io", "binary_data")) {
            if (y.has(k)) {
                y.raw(k);
                report.unsupported(INIT, k, "not supported");
            }
        }
        y.reportUnread(report, "unknown init.yml key; ignored");
        report.note(INIT, "", "DMOJ keeps time and memory limits in its site, not in init.yml: set the time limit"
                + " before judging");
        return new ProblemDefinition("unnamed", null, null, null, null, TimeLimitPolicy.V2023_07, check, interactor,
                true, groups, tests, FileIo.standard(), false, Map.of(), List.of(), Map.of(), List.of());
    }

    private TestCase test(YamlMap t, String id, double weight, String group) {
        if (t.has("generator_args")) {
            throw t.bad("generator_args", "asks for a generated test; generators are not supported");
        }
        String in = t.string("in", null);
        String out = t.string("out", null);
        if (in == null) {
            throw new PackageRejectedException(INIT, "key '" + t.key("in") + "' is missing");
        }
        byte[] input = testFile(in);
        byte[] answer = out == null ? null : testFile(out);
        t.raw("points");
        t.reportUnread(report, "unknown test case key; ignored");
        return new TestCase(id, input, answer, weight, group, true);
    }

    private byte[] testFile(String name) {
        if (archive != null && archive.has(name)) {
            return archive.bytes(name);
        }
        if (files.has(name)) {
            return files.bytes(name);
        }
        throw new PackageRejectedException(name, "is missing (named in " + INIT + ")");
    }

    private OutputCheck readChecker(YamlMap y) {
        Object raw = y.raw("checker");
        if (raw == null) {
            return new OutputCheck.BuiltIn(new ComparatorSpec.Tokens());
        }
        String name;
        YamlMap args;
        if (raw instanceof Map<?, ?>) {
            YamlMap c = YamlMap.element(INIT, "checker", raw);
            name = c.string("name", "standard");
            args = c.map("args");
        } else {
            name = String.valueOf(raw);
            args = YamlMap.element(INIT, "checker.args", Map.of());
        }
        double eps = Math.pow(10, -(args.has("precision") ? args.number("precision") : 6));
        ComparatorSpec spec = switch (name) {
            case "standard" -> new ComparatorSpec.Tokens();
            case "identical" -> new ComparatorSpec.Exact();
            case "rstripped" -> new ComparatorSpec.Lines();
            case "sorted" -> new ComparatorSpec.UnorderedLines();
            case "floats" -> floats(args.string("error_mode", "default"), eps);
            case "floatsabs" -> new ComparatorSpec.Floats(eps, 0);
            case "floatsrel" -> new ComparatorSpec.Floats(0, eps);
            case "bridged" -> null;
            default -> throw new PackageRejectedException(INIT, "key 'checker': '" + name + "' is not supported"
                    + " (supported: standard, identical, rstripped, sorted, floats, floatsabs, floatsrel, bridged"
                    + " testlib)");
        };
        if (spec != null) {
            report.imported(INIT, "checker", name + " as " + spec);
            return new OutputCheck.BuiltIn(spec);
        }
        Program p = bridged(args, "checker");
        report.imported(p.name(), "", "the checker (testlib)");
        return new OutputCheck.CheckerProgram(p, OutputCheck.Protocol.TESTLIB, "");
    }

    private ComparatorSpec floats(String mode, double eps) {
        return switch (mode) {
            case "default" -> new ComparatorSpec.Floats(eps, eps);
            case "absolute" -> new ComparatorSpec.Floats(eps, 0);
            case "relative" -> new ComparatorSpec.Floats(0, eps);
            default -> throw new PackageRejectedException(INIT, "key 'checker.args.error_mode' must be default,"
                    + " absolute or relative, was '" + mode + "'");
        };
    }

    private InteractorProgram readInteractor(YamlMap y) {
        if (!y.has("interactive")) {
            return null;
        }
        YamlMap i = y.map("interactive");
        Program p = bridged(i, "interactive");
        report.imported(p.name(), "", "the interactor (testlib)");
        return new InteractorProgram(p, Interactor.Protocol.TESTLIB, 1, "");
    }

    /** A bridged program ({@code files}, {@code lang}, {@code type: testlib}). */
    private Program bridged(YamlMap args, String key) {
        String type = args.string("type", "default");
        if (!type.equals("testlib")) {
            throw new PackageRejectedException(INIT, "key '" + key + "': bridged programs of type '" + type
                    + "' are not supported (testlib only)");
        }
        Object f = args.raw("files");
        List<String> paths = new ArrayList<>();
        if (f instanceof List<?> l) {
            l.forEach(x -> paths.add(String.valueOf(x)));
        } else if (f != null) {
            paths.add(String.valueOf(f));
        }
        if (paths.isEmpty()) {
            throw new PackageRejectedException(INIT, "key '" + key + "' names no files");
        }
        for (String p : paths) {
            if (!files.has(p)) {
                throw new PackageRejectedException(p, "is missing (named in " + INIT + " " + key + ")");
            }
        }
        String lang = args.has("lang") ? Programs.dmojLanguage(args.string("lang", null)) : null;
        if (args.has("lang") && lang == null) {
            throw new PackageRejectedException(INIT, "key '" + key + ".lang': no language here for '"
                    + args.string("lang", null) + "'");
        }
        args.reportUnread(report, "not supported; ignored");
        Program p = Programs.read(files, paths.get(0), paths, lang, report);
        if (p == null) {
            throw new PackageRejectedException(paths.get(0), "cannot be built as the " + key);
        }
        boolean hasTestlib = p.sources().stream().anyMatch(s -> "testlib.h".equals(s.name()));
        if (!hasTestlib && p.sources().stream().anyMatch(s -> s.content().contains("testlib.h"))) {
            report.note(paths.get(0), "", "includes testlib.h, which DMOJ supplies and the package does not hold:"
                    + " the host's compiler must find it");
        }
        return p;
    }
}
