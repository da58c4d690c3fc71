package dev.judge.core.problem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code submissions/<category>/}: each file or directory one example submission, expected as its category says
 * unless its source carries DOMjudge's {@code @EXPECTED_RESULTS@} tag.
 */
final class KattisSubmissions {
    private static final Set<String> ANY_FAILURE = Set.of("WA", "PE", "TLE", "MLE", "OLE", "RE");
    private static final Map<String, Set<String>> BY_CATEGORY = Map.of(
            "accepted", Set.of("AC"),
            "wrong_answer", Set.of("WA", "PE"),
            "time_limit_exceeded", Set.of("TLE"),
            "run_time_error", Set.of("RE", "MLE"),
            "rejected", ANY_FAILURE,
            "partially_accepted", Set.of("AC", "WA", "PE", "TLE", "MLE", "OLE", "RE"),
            "brute_force", Set.of("TLE", "RE", "MLE"),
            "memory_limit_exceeded", Set.of("MLE"),
            "output_limit_exceeded", Set.of("OLE"),
            "presentation_error", Set.of("PE"));
    private static final Map<String, String> DOMJUDGE_RESULTS = Map.of(
            "CORRECT", "AC", "WRONG-ANSWER", "WA", "TIMELIMIT", "TLE", "RUN-ERROR", "RE", "NO-OUTPUT", "WA",
            "OUTPUT-LIMIT", "OLE", "MEMORY-LIMIT", "MLE", "COMPILER-ERROR", "CE", "PRESENTATION-ERROR", "PE");
    private static final Pattern EXPECTED = Pattern.compile("@EXPECTED_RESULTS@\\s*:?\\s*([A-Za-z ,_-]+)");

    private final PackageFiles files;
    private final Reporter report;
    private final boolean v2023;

    KattisSubmissions(PackageFiles files, Reporter report, boolean v2023) {
        this.files = files;
        this.report = report;
        this.v2023 = v2023;
    }

    List<ExampleSubmission> read() {
        List<ExampleSubmission> out = new ArrayList<>();
        if (files.has("submissions/submissions.yaml")) {
            files.markUsed("submissions/submissions.yaml");
            report.unsupported("submissions/submissions.yaml", "", "per-submission expectations are not read; the"
                    + " directories' defaults apply");
        }
        for (String category : files.children("submissions")) {
            String dir = "submissions/" + category;
            if (files.has(dir)) {
                continue;
            }
            Set<String> expected = BY_CATEGORY.get(category);
            for (String child : files.children(dir)) {
                String path = dir + "/" + child;
                List<String> paths = files.has(path) ? List.of(path) : files.filesUnder(path);
                Program p = Programs.read(files, path, new ArrayList<>(paths), null, report);
                if (p == null) {
                    continue;
                }
                Set<String> verdicts = tagged(p, path);
                if (verdicts == null && expected == null) {
                    report.unsupported(path, "", "unknown category '" + category + "' and no @EXPECTED_RESULTS@"
                            + " tag: its expected outcome is not known; left out");
                    continue;
                }
                Set<String> exp = verdicts != null ? verdicts : expected;
                out.add(new ExampleSubmission(path, p, category, exp, timeLimitUse(category)));
                report.imported(path, "", "example submission (" + p.languageId() + "), expected " + exp);
            }
        }
        return out;
    }

    private ExampleSubmission.TimeLimitUse timeLimitUse(String category) {
        if (category.equals("accepted") || v2023 && (category.equals("wrong_answer")
                || category.equals("run_time_error"))) {
            return ExampleSubmission.TimeLimitUse.LOWER_BOUND;
        }
        return category.equals("time_limit_exceeded") ? ExampleSubmission.TimeLimitUse.UPPER_BOUND
                : ExampleSubmission.TimeLimitUse.NONE;
    }

    private Set<String> tagged(Program p, String path) {
        for (var f : p.sources()) {
            Matcher m = EXPECTED.matcher(f.content());
            if (m.find()) {
                Set<String> out = new LinkedHashSet<>();
                for (String r : m.group(1).toUpperCase(java.util.Locale.ROOT).split("[ ,]+")) {
                    String code = DOMJUDGE_RESULTS.get(r.strip());
                    if (code == null) {
                        if (!r.isBlank()) {
                            report.unsupported(path, "@EXPECTED_RESULTS@", "unknown result '" + r + "'");
                        }
                    } else {
                        out.add(code);
                    }
                }
                if (!out.isEmpty()) {
                    report.imported(path, "@EXPECTED_RESULTS@", String.join(", ", out));
                    return out;
                }
            }
        }
        return null;
    }
}
