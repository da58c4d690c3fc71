package dev.judge.core.problem;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.FileIo;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.SourceFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Kattis problem package format, legacy and 2023-07, and the DOMjudge zip built on it (its
 * {@code domjudge-problem.ini} read first, overriding what it sets).
 */
final class KattisReader {
    private static final Set<String> METADATA = Set.of("uuid", "author", "source", "source_url", "license",
            "rights_owner", "keywords", "credits", "version", "embargo_until");
    private static final Set<String> IGNORED_LIMITS = Set.of("code", "compilation_time", "compilation_memory",
            "validation_time", "validation_memory", "validation_output");

    private final PackageFiles files;
    private final Reporter report;
    private final PackageFormat format;
    private final boolean v2023;
    private final Map<String, String> ini;

    private String name;
    private Duration timeLimit;
    private ByteSize memory;
    private ByteSize output;
    private TimeLimitPolicy policy;
    private boolean scoring;
    private boolean interactive;
    private boolean multiPass;
    private boolean customValidation;
    private String validatorFlags;
    private int passes = 2;

    KattisReader(PackageFiles files, Reporter report, PackageFormat format, Map<String, String> ini) {
        this.files = files;
        this.report = report;
        this.format = format;
        this.v2023 = format == PackageFormat.KATTIS_2023_07;
        this.ini = ini;
        this.policy = v2023 ? TimeLimitPolicy.V2023_07 : TimeLimitPolicy.LEGACY;
    }

    ProblemDefinition read() {
        if (files.has("problem.yaml")) {
            readProblemYaml(YamlMap.parse("problem.yaml", files.text("problem.yaml")));
        } else {
            report.note("problem.yaml", "", "absent: a pass-fail problem with the default validator");
        }
        applyIni();
        if (timeLimit == null && files.has(".timelimit")) {
            timeLimit = seconds(files.text(".timelimit").strip(), ".timelimit", "");
            report.imported(".timelimit", "", "time limit " + timeLimit.toMillis() + " ms");
        }
        if (timeLimit == null) {
            report.note("problem.yaml", "limits", "no time limit given: derive it from the accepted submissions,"
                    + " slowest run × " + policy.acToTimeLimit() + " rounded up to " + policy.resolutionSeconds()
                    + " s; time-limit-exceeded ones must take " + policy.timeLimitToTle() + " × that limit");
        }
        Statement statement = readStatement();
        KattisTestData data = new KattisTestData(files, report, scoring);
        data.read();
        String flags = ((validatorFlags == null ? "" : validatorFlags) + " " + data.rootOutputValidatorFlags()).strip();
        OutputCheck check;
        InteractorProgram interactor = null;
        KattisPrograms programs = new KattisPrograms(files, report);
        Program validator = programs.outputValidator();
        if (customValidation || interactive || multiPass) {
            if (validator == null) {
                throw new PackageRejectedException("problem.yaml", "the problem needs a custom output validator and "
                        + (v2023 ? "output_validator/" : "output_validators/") + " holds none the judge can build");
            }
            if (interactive) {
                interactor = new InteractorProgram(validator, Interactor.Protocol.KATTIS, multiPass ? passes : 1, flags);
                check = new OutputCheck.BuiltIn(ComparatorSpec.Kattis.parse(""));
                report.imported(validator.name(), "", "the interactor (Kattis protocol"
                        + (multiPass ? ", up to " + passes + " passes" : "") + ")");
            } else if (multiPass) {
                throw new PackageRejectedException("problem.yaml", "multi-pass problems that are not interactive are"
                        + " not supported");
            } else {
                check = new OutputCheck.CheckerProgram(validator, OutputCheck.Protocol.KATTIS, flags);
                report.imported(validator.name(), "", "the output validator (Kattis protocol: 42 accepted, 43 wrong"
                        + " answer" + (scoring ? ", score.txt for the score" : "") + ")");
            }
        } else {
            check = new OutputCheck.BuiltIn(defaultValidator(flags));
            if (validator != null) {
                report.ignored(validator.name(), "", "validation is default: the default validator judges");
            }
        }
        Map<String, List<SourceFile>> include = programs.include();
        List<Program> inputValidators = programs.inputValidators();
        List<ExampleSubmission> submissions = new KattisSubmissions(files, report, v2023).read();
        return new ProblemDefinition(name == null ? "unnamed" : name, statement, timeLimit, memory, output, policy,
                check, interactor, scoring, data.groups(), data.tests(), FileIo.standard(), data.stopOnFirstFailure(),
                include, inputValidators, data.inputValidatorFlags(), submissions);
    }

    private ComparatorSpec defaultValidator(String flags) {
        try {
            ComparatorSpec.Kattis k = ComparatorSpec.Kattis.parse(flags);
            report.imported("problem.yaml", "validator_flags", "default validator" + (k.flags().isEmpty() ? "" : " with " + k.flags()));
            return k;
        } catch (InvalidSubmissionException e) {
            throw new PackageRejectedException("problem.yaml", "key 'validator_flags': " + e.getMessage(), e);
        }
    }

    private void readProblemYaml(YamlMap y) {
        y.string("problem_format_version", null);
        Object n = y.raw("name");
        if (n instanceof Map<?, ?> names) {
            Object en = names.containsKey("en") ? names.get("en") : names.values().stream().findFirst().orElse(null);
            name = en == null ? null : String.valueOf(en);
            if (names.size() > 1) {
                report.note("problem.yaml", "name", "names in " + names.keySet() + "; the English one is kept");
            }
        } else if (n != null) {
            name = String.valueOf(n);
        }
        if (name != null) {
            report.imported("problem.yaml", "name", name);
        }
        readType(y);
        String validation = y.string("validation", null);
        if (validation != null) {
            readValidation(validation);
        }
        String flags = y.string("validator_flags", null);
        if (flags != null) {
            validatorFlags = flags;
        }
        readLimits(y.map("limits"));
        if (y.has("grading")) {
            YamlMap g = y.map("grading");
            for (String k : g.keys()) {
                if (Set.of("objective", "show_test_data_groups").contains(k)) {
                    g.raw(k);
                    report.ignored("problem.yaml", "grading." + k, "how a scoreboard shows results; not the judge's");
                }
            }
            g.reportUnread(report, "grading keys belong in testdata.yaml; this one is not read here");
        }
        for (String k : METADATA) {
            if (y.has(k)) {
                y.raw(k);
                report.ignored("problem.yaml", k, "metadata, not used for judging");
            }
        }
        if (y.has("languages")) {
            report.unsupported("problem.yaml", "languages", "the language restriction '" + y.raw("languages")
                    + "' is not enforced: the host decides which languages it accepts");
        }
        if (y.has("allow_file_writing")) {
            report.unsupported("problem.yaml", "allow_file_writing", "programs always run in a private work"
                    + " directory they may write; the setting is not applied");
            y.raw("allow_file_writing");
        }
        if (y.has("constants")) {
            y.raw("constants");
            report.unsupported("problem.yaml", "constants", "templated constants are not substituted");
        }
        y.reportUnread(report, "unknown key for the " + format + " format; ignored");
    }

    private void readType(YamlMap y) {
        Object t = y.raw("type");
        List<String> types = new ArrayList<>();
        if (t instanceof List<?> l) {
            l.forEach(v -> types.add(String.valueOf(v)));
        } else if (t != null) {
            types.addAll(List.of(String.valueOf(t).strip().split("\\s+")));
        }
        for (String type : types) {
            switch (type) {
                case "pass-fail" -> scoring = false;
                case "scoring" -> scoring = true;
                case "interactive" -> interactive = true;
                case "multi-pass" -> multiPass = true;
                case "submit-answer" -> throw new PackageRejectedException("problem.yaml",
                        "key 'type': submit-answer problems are not supported");
                default -> throw y.bad("type", "has an unknown value '" + type + "'");
            }
        }
        if (!types.isEmpty()) {
            report.imported("problem.yaml", "type", String.join(" ", types));
        }
    }

    private void readValidation(String validation) {
        String[] words = validation.strip().split("\\s+");
        if (words[0].equals("default")) {
            customValidation = false;
        } else if (words[0].equals("custom")) {
            customValidation = true;
            for (int i = 1; i < words.length; i++) {
                switch (words[i]) {
                    case "interactive" -> interactive = true;
                    case "score" -> scoring = true;
                    case "multi-pass" -> multiPass = true;
                    default -> throw new PackageRejectedException("problem.yaml",
                            "key 'validation' has an unknown option '" + words[i] + "'");
                }
            }
        } else {
            throw new PackageRejectedException("problem.yaml", "key 'validation' must be default or custom ..., was '"
                    + validation + "'");
        }
        report.imported("problem.yaml", "validation", validation);
    }

    private void readLimits(YamlMap l) {
        Double mult = l.number("time_multiplier");
        Double margin = l.number("time_safety_margin");
        YamlMap tm = l.map("time_multipliers");
        Double ac = tm.number("ac_to_time_limit");
        Double tle = tm.number("time_limit_to_tle");
        tm.reportUnread(report, "unknown time multiplier; ignored");
        Double resolution = l.number("time_resolution");
        if (mult != null || margin != null || ac != null || tle != null || resolution != null) {
            double a = ac != null ? ac : mult != null ? mult : policy.acToTimeLimit();
            double t = tle != null ? tle : margin != null ? margin : policy.timeLimitToTle();
            double r = resolution != null ? resolution : policy.resolutionSeconds();
            try {
                policy = new TimeLimitPolicy(a, t, r);
            } catch (IllegalArgumentException e) {
                throw new PackageRejectedException("problem.yaml", "key 'limits': " + e.getMessage(), e);
            }
            report.imported("problem.yaml", "limits", "time limit policy " + policy);
        }
        Double tl = l.number("time_limit");
        if (tl != null) {
            timeLimit = seconds(String.valueOf(tl), "problem.yaml", "limits.time_limit");
            report.imported("problem.yaml", "limits.time_limit", timeLimit.toMillis() + " ms");
        }
        Double mem = l.number("memory");
        if (mem != null) {
            memory = mebibytes(mem, "limits.memory");
            report.imported("problem.yaml", "limits.memory", memory.toString());
        }
        Double out = l.number("output");
        if (out != null) {
            output = mebibytes(out, "limits.output");
            report.imported("problem.yaml", "limits.output", output.toString());
        }
        Double p = l.number("validation_passes");
        if (p != null) {
            passes = p.intValue();
            if (passes < 2 || passes != p) {
                throw l.bad("validation_passes", "must be a whole number >= 2, was " + p);
            }
        }
        for (String k : IGNORED_LIMITS) {
            if (l.has(k)) {
                l.raw(k);
                report.ignored("problem.yaml", "limits." + k, "compile and validation limits are the host's own");
            }
        }
        l.reportUnread(report, "unknown limit; ignored");
    }

    private ByteSize mebibytes(double mib, String key) {
        if (!(mib >= 1) || mib != Math.rint(mib) || mib > 65536) {
            throw new PackageRejectedException("problem.yaml", "key '" + key + "' must be a whole number of MiB"
                    + " between 1 and 65536, was " + mib);
        }
        return ByteSize.ofMiB((long) mib);
    }

    static Duration seconds(String text, String file, String key) {
        double s;
        try {
            s = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new PackageRejectedException(file, (key.isEmpty() ? "" : "key '" + key + "' ")
                    + "must be a number of seconds, was '" + text + "'");
        }
        if (!(s > 0) || s > 600) {
            throw new PackageRejectedException(file, (key.isEmpty() ? "" : "key '" + key + "' ")
                    + "must be more than 0 and at most 600 seconds, was " + text);
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private void applyIni() {
        for (Map.Entry<String, String> e : ini.entrySet()) {
            String f = "domjudge-problem.ini";
            switch (e.getKey()) {
                case "name" -> {
                    name = e.getValue();
                    report.imported(f, "name", name);
                }
                case "timelimit" -> {
                    timeLimit = seconds(e.getValue(), f, "timelimit");
                    report.imported(f, "timelimit", timeLimit.toMillis() + " ms");
                }
                case "probid", "short-name", "externalid", "color", "points", "allow_submit", "allow_judge" ->
                        report.ignored(f, e.getKey(), "contest settings, not the problem's judging");
                case "special_compare", "special_run" -> throw new PackageRejectedException(f, "key '" + e.getKey()
                        + "' names an executable of the DOMjudge installation, which a package does not hold;"
                        + " put the validator in output_validators/ instead");
                default -> report.unsupported(f, e.getKey(), "unknown key; ignored");
            }
        }
    }

    private Statement readStatement() {
        List<String> dirs = List.of(v2023 ? "statement" : "problem_statement", v2023 ? "problem_statement" : "statement");
        for (String dir : dirs) {
            List<String> candidates = new ArrayList<>();
            for (String f : files.children(dir)) {
                if (f.matches("problem(\\.[A-Za-z-]+)?\\.(md|tex|html)")) {
                    candidates.add(dir + "/" + f);
                }
            }
            if (!candidates.isEmpty()) {
                String pick = candidates.stream().filter(c -> c.contains(".en.")).findFirst()
                        .orElse(candidates.stream().filter(c -> c.split("\\.").length == 2).findFirst()
                                .orElse(candidates.get(0)));
                String[] parts = pick.substring(dir.length() + 1).split("\\.");
                String lang = parts.length == 3 ? parts[1] : "en";
                Statement s = new Statement(lang, formatOf(Programs.extension(pick)), files.text(pick), pick);
                report.imported(pick, "", "the statement (" + s.format() + ")");
                for (String c : files.filesUnder(dir)) {
                    if (!c.equals(pick)) {
                        files.markUsed(c);
                        report.ignored(c, "", candidates.contains(c) ? "another statement; one statement is kept"
                                : "a file of the statement (image, macro); only the statement text is kept");
                    }
                }
                return s;
            }
        }
        for (String f : List.of("problem.html", "problem.txt", "problem.md")) {
            if (files.has(f)) {
                Statement s = new Statement("en", formatOf(Programs.extension(f)), files.text(f), f);
                report.imported(f, "", "the statement (" + s.format() + ")");
                return s;
            }
        }
        if (files.has("problem.pdf")) {
            files.markUsed("problem.pdf");
            report.unsupported("problem.pdf", "", "a PDF statement is not kept: the definition holds statement text");
        }
        return null;
    }

    static Statement.Format formatOf(String ext) {
        return switch (ext) {
            case "md" -> Statement.Format.MARKDOWN;
            case "tex" -> Statement.Format.LATEX;
            case "html", "htm" -> Statement.Format.HTML;
            default -> Statement.Format.TEXT;
        };
    }

    /** Parses {@code domjudge-problem.ini}: {@code key = value} lines, values optionally quoted. */
    static Map<String, String> parseIni(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int line = 0;
        for (String raw : text.split("\r?\n")) {
            line++;
            String l = raw.strip();
            if (l.isEmpty() || l.startsWith(";") || l.startsWith("#") || l.startsWith("[")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq < 0) {
                throw new PackageRejectedException("domjudge-problem.ini", "line " + line + ": expected key = value");
            }
            String v = l.substring(eq + 1).strip();
            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            out.put(l.substring(0, eq).strip().toLowerCase(Locale.ROOT), v);
        }
        return out;
    }
}
