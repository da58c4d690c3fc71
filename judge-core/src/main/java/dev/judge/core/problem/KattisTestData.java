package dev.judge.core.problem;

import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code data/} tree of a Kattis package: tests from {@code sample/} and {@code secret/} at any depth, and
 * {@code testdata.yaml} settings, each directory inheriting its parent's. For a scoring problem every directory
 * holding tests becomes a group; nested groups are flattened, their points adding up.
 */
final class KattisTestData {
    private static final Set<String> FOR_PEOPLE = Set.of("desc", "hint", "png", "jpg", "jpeg", "svg", "interaction");

    /** testdata.yaml settings of one directory, inherited ones included. */
    private record Config(String onReject, String grading, String graderFlags, double acceptScore, double rejectScore,
            String range, String inputFlags, String outputFlags) {
        static final Config DEFAULT = new Config("break", "default", "", 1.0, 0.0, "-inf +inf", "", "");

        boolean flag(String f) {
            return List.of(graderFlags.strip().split("\\s+")).contains(f);
        }
    }

    private final PackageFiles files;
    private final Reporter report;
    private final boolean scoring;
    private final Map<String, Config> configs = new HashMap<>();
    private final List<TestCase> tests = new ArrayList<>();
    private final List<TestGroup> groups = new ArrayList<>();
    private final Map<String, String> inputValidatorFlags = new LinkedHashMap<>();

    KattisTestData(PackageFiles files, Reporter report, boolean scoring) {
        this.files = files;
        this.report = report;
        this.scoring = scoring;
    }

    void read() {
        Map<String, List<TestCase>> byDir = new LinkedHashMap<>();
        for (String path : files.filesUnder("data")) {
            String rest = path.substring("data/".length());
            boolean inTests = rest.startsWith("sample/") || rest.startsWith("secret/");
            String ext = Programs.extension(path);
            if (path.endsWith("/testdata.yaml") || path.equals("data/testdata.yaml")) {
                continue;
            }
            if (path.endsWith("/test_group.yaml")) {
                files.markUsed(path);
                report.unsupported(path, "", "test_group.yaml (later drafts of the format) is not read; problemtools"
                        + " reads testdata.yaml, and so does this reader");
                continue;
            }
            if (!inTests) {
                files.markUsed(path);
                report.ignored(path, "", "only data/sample and data/secret are judged; "
                        + rest.substring(0, Math.max(0, rest.indexOf('/'))) + " is for checking validators");
                continue;
            }
            if (!ext.equals("in") || path.contains(".files/")) {
                continue;
            }
            String id = rest.substring(0, rest.length() - 3);
            String stem = path.substring(0, path.length() - 3);
            if (!files.has(stem + ".ans")) {
                throw new PackageRejectedException(path, "has no answer file " + stem + ".ans");
            }
            String dir = path.substring(0, path.lastIndexOf('/'));
            Config c = config(dir);
            TestCase t = new TestCase(id, files.bytes(path), files.bytes(stem + ".ans"), 1.0,
                    scoring ? dir.substring("data/".length()) : null, !rest.startsWith("sample/"));
            byDir.computeIfAbsent(dir, d -> new ArrayList<>()).add(t);
            tests.add(t);
            if (!c.inputFlags().isBlank()) {
                inputValidatorFlags.put(id, c.inputFlags().strip());
            }
            companions(stem);
        }
        if (tests.isEmpty()) {
            throw new PackageRejectedException("data/", "no test: expected data/secret/NAME.in with NAME.ans");
        }
        for (String path : files.filesUnder("data")) {
            if (path.endsWith("testdata.yaml")) {
                config(path.substring(0, path.lastIndexOf('/')));
            }
        }
        String root = files.hasDirectory("data/secret") ? "data/secret" : "data";
        if (!config("data").outputFlags().equals(config(root).outputFlags())) {
            report.unsupported(root + "/testdata.yaml", "output_validator_flags", "validator flags differ between"
                    + " data/ and data/secret/; the ones of data/ are used");
        }
        if (scoring) {
            buildGroups(byDir);
        }
        report.imported("data/", "", tests.size() + " tests" + (scoring ? " in " + groups.size() + " groups" : ""));
    }

    private void companions(String stem) {
        for (String p : files.filesUnder(stem.substring(0, stem.lastIndexOf('/')))) {
            if (!p.startsWith(stem + ".") || p.equals(stem + ".in") || p.equals(stem + ".ans")) {
                continue;
            }
            String ext = p.substring(stem.length() + 1);
            if (FOR_PEOPLE.contains(Programs.extension(p)) && !ext.contains("/")) {
                files.markUsed(p);
                report.ignored(p, "", "for people (description, hint, illustration, sample interaction)");
            } else if (ext.startsWith("files/")) {
                files.markUsed(p);
                report.unsupported(p, "", "extra input files of a test (.files) are not supported; the test runs"
                        + " without them");
            } else if (ext.equals("yaml") || ext.equals("args")) {
                files.markUsed(p);
                report.unsupported(p, "", "per-test settings (arguments, validator arguments) are not supported");
            }
        }
    }

    private void buildGroups(Map<String, List<TestCase>> byDir) {
        boolean ignoreSample = config("data").flag("ignore_sample");
        for (Map.Entry<String, List<TestCase>> e : byDir.entrySet()) {
            String dir = e.getKey();
            Config c = config(dir);
            String name = dir.substring("data/".length());
            boolean min = c.flag("min");
            int n = e.getValue().size();
            double points = name.startsWith("sample") && ignoreSample ? 0 : min ? c.acceptScore() : c.acceptScore() * n;
            double max = rangeMax(c.range(), dir);
            if (points > max) {
                report.note(dir, "range", "group points " + points + " capped to the range's maximum " + max);
                points = max;
            }
            for (String parent = dir.substring(0, dir.lastIndexOf('/')); parent.startsWith("data/secret/");
                    parent = parent.substring(0, parent.lastIndexOf('/'))) {
                if (config(parent).flag("min")) {
                    report.unsupported(parent + "/testdata.yaml", "grader_flags", "min over nested groups is not"
                            + " supported: " + name + " is scored as a group of its own and groups add up");
                }
            }
            groups.add(new TestGroup(name, Math.max(0, points), min ? TestGroup.Scoring.MIN : TestGroup.Scoring.SUM,
                    List.of(), c.onReject().equals("break")));
        }
    }

    private static double rangeMax(String range, String dir) {
        String[] parts = range.strip().split("\\s+");
        if (parts.length != 2) {
            throw new PackageRejectedException(dir + "/testdata.yaml", "key 'range' must be 'min max', was '" + range + "'");
        }
        String hi = parts[1].replace("+", "");
        try {
            return hi.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(hi);
        } catch (NumberFormatException e) {
            throw new PackageRejectedException(dir + "/testdata.yaml", "key 'range' must be 'min max', was '" + range + "'");
        }
    }

    private Config config(String dir) {
        Config known = configs.get(dir);
        if (known != null) {
            return known;
        }
        Config parent = dir.equals("data") ? Config.DEFAULT : config(dir.substring(0, dir.lastIndexOf('/')));
        String file = dir + "/testdata.yaml";
        Config c = files.has(file) ? parse(file, parent) : parent;
        configs.put(dir, c);
        return c;
    }

    private Config parse(String file, Config p) {
        YamlMap y = YamlMap.parse(file, files.text(file));
        String onReject = y.string("on_reject", p.onReject());
        if (!Set.of("break", "continue", "first_error", "worst_error", "grade").contains(onReject)) {
            throw y.bad("on_reject", "must be break or continue, was '" + onReject + "'");
        }
        if (!onReject.equals("break") && !onReject.equals("continue")) {
            report.note(file, "on_reject", onReject + " read as " + (onReject.equals("first_error") ? "break" : "continue"));
            onReject = onReject.equals("first_error") ? "break" : "continue";
        }
        String grading = y.string("grading", p.grading());
        if (!grading.equals("default")) {
            report.unsupported(file, "grading", "custom graders are not supported; the default grading is used");
        }
        String graderFlags = y.string("grader_flags", p.graderFlags());
        for (String f : graderFlags.strip().split("\\s+")) {
            switch (f) {
                case "", "min", "sum", "ignore_sample" -> { }
                case "first_error", "worst_error", "no_errors" -> report.ignored(file, "grader_flags",
                        f + ": the judge reports the first failing test's verdict");
                default -> report.unsupported(file, "grader_flags", "flag '" + f + "' is not supported");
            }
        }
        Double accept = y.number("accept_score");
        Double reject = y.number("reject_score");
        if (reject != null && reject != 0) {
            report.unsupported(file, "reject_score", "a failed test always scores 0");
        }
        String range = y.string("range", p.range());
        String inputFlags = y.string("input_validator_flags", p.inputFlags());
        String outputFlags = y.string("output_validator_flags", p.outputFlags());
        y.reportUnread(report, "unknown testdata.yaml key; ignored");
        report.imported(file, "", "group settings");
        return new Config(onReject, grading, graderFlags, accept == null ? p.acceptScore() : accept,
                reject == null ? p.rejectScore() : reject, range, inputFlags, outputFlags);
    }

    String rootOutputValidatorFlags() {
        return config("data").outputFlags();
    }

    boolean stopOnFirstFailure() {
        return !scoring && config(files.hasDirectory("data/secret") ? "data/secret" : "data").onReject().equals("break");
    }

    List<TestCase> tests() {
        return tests;
    }

    List<TestGroup> groups() {
        return groups;
    }

    Map<String, String> inputValidatorFlags() {
        return inputValidatorFlags;
    }
}
