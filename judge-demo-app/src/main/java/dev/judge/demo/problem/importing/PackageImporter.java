package dev.judge.demo.problem.importing;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.problem.ImportedProblem;
import dev.judge.core.problem.OutputCheck;
import dev.judge.core.problem.PackageCaps;
import dev.judge.core.problem.PackageRejectedException;
import dev.judge.core.problem.ProblemDefinition;
import dev.judge.core.problem.ProblemPackageReader;
import dev.judge.core.problem.Program;
import dev.judge.core.problem.Verification;
import dev.judge.demo.DemoProperties;
import dev.judge.demo.problem.ProblemKind;
import dev.judge.demo.problem.ProblemRepository;
import dev.judge.demo.problem.TestCaseRepository;
import dev.judge.demo.web.ApiException;
import dev.judge.demo.web.FieldProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates a problem from a problem package (Kattis, DOMjudge, Polygon, DMOJ) read by judge-core's
 * {@link ProblemPackageReader} under the demo's archive caps. The definition becomes a submission template
 * ({@link ProblemDefinition#toSubmission}), so limits, checker and options are those the library itself would
 * judge with; the problem and its tests are stored in one transaction.
 *
 * <p>What the package brings runs only through the judge, in its sandbox ({@link PackageVerification}): the input
 * validators over every input, then the example submissions, whose accepted ones give the time limit when the
 * package has none.
 */
@Service
public class PackageImporter {
    private static final Pattern TEST_NAME = Pattern.compile("[A-Za-z0-9._+-]{1,128}");
    private static final int MAX_TITLE = 200;
    private static final int MAX_STATEMENT = 262_144;

    private final ProblemPackageReader reader;
    private final ProblemRepository problems;
    private final TestCaseRepository tests;
    private final Judge judge;
    private final int maxTests;
    private final PackageVerification verification;
    private final PackageRepository packages;
    private final TransactionTemplate tx;

    public PackageImporter(DemoProperties properties, ProblemRepository problems, TestCaseRepository tests,
            Judge judge, PackageVerification verification, PackageRepository packages,
            PlatformTransactionManager transactions) {
        DemoProperties.Caps c = properties.caps();
        this.reader = ProblemPackageReader.withCaps(new PackageCaps(c.maxArchiveSize().toBytes(),
                c.maxArchiveEntries(), c.maxTestData().toBytes(), c.maxTestFile().toBytes(),
                c.maxCompressionRatio()));
        this.problems = problems;
        this.tests = tests;
        this.judge = judge;
        this.maxTests = c.maxTests();
        this.verification = verification;
        this.packages = packages;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Reads the zipped package {@code zip}, runs its input validators and example submissions in the sandbox and
     * stores the problem it defines with its package and verification. The request body's size cap has bounded
     * the zip already; the reader applies the inflated caps. The programs run outside any transaction; the problem
     * is stored in one.
     *
     * @throws ApiException 413 past an inflated cap; 422 naming the package file at fault when the reader refuses
     *                      the package, an input validator refuses a test, the judge lacks a language it needs or
     *                      it holds more tests than a problem may have
     */
    public ImportResult importZip(byte[] zip) {
        ImportedProblem imported;
        try {
            imported = reader.read(zip);
        } catch (PackageRejectedException e) {
            throw PackageVerification.refused(e);
        }
        ProblemDefinition definition = imported.definition();
        List<ImportResult.Line> report = new ArrayList<>();
        imported.report().entries().forEach(e -> report.add(ImportResult.Line.of(e)));

        Set<String> languages = judge.languages().stream().map(LanguageInfo::id).collect(Collectors.toSet());
        if (definition.check() instanceof OutputCheck.CheckerProgram c) {
            requireLanguage(c.program().languageId(), c.program().name(), languages);
        }
        if (definition.interactor() != null) {
            requireLanguage(definition.interactor().program().languageId(), definition.interactor().program().name(),
                    languages);
        }
        for (Program validator : definition.inputValidators()) {
            requireLanguage(validator.languageId(), validator.name(), languages);
        }
        List<TestCase> stored = testCases(definition.tests());
        verification.validateInputs(imported);
        for (Program validator : definition.inputValidators()) {
            report.add(note(validator.name(), "", "input validator run over all " + definition.tests().size()
                    + " inputs in the sandbox: every one valid"));
        }
        Verification verified = verification.verify(imported);
        verified.notes().forEach(e -> report.add(ImportResult.Line.of(e)));
        if (verified.timeLimit() != null) {
            definition = definition.withTimeLimit(verified.timeLimit());
        } else {
            Duration fallback = Limits.defaults().cpuTime();
            definition = definition.withTimeLimit(fallback);
            report.add(note("", "limits.time_limit", "the package gives no time limit and none could be derived"
                    + " from accepted submissions: the default CPU time of " + fallback.toMillis() + " ms is used"));
        }
        if (verified.acceptedFailed()) {
            report.add(note("submissions/", "", "FLAGGED: a submission expected to be accepted was not; see the"
                    + " verification table"));
        }
        // The template's own submission stands for any: limits, comparator, options, groups, io and interactor
        // are the same for every language; only the support files differ, and are mapped separately.
        Submission template = definition.toSubmission(ProblemKind.ALL_LANGUAGES,
                List.of(SourceFile.main("template")), Limits.defaults());
        ProblemKind kind = new ProblemKind(template.groups(), template.options().stopOnFirstFailure(),
                template.io(), supportFiles(definition, languages, report), template.interactor());

        String statement = definition.statement() == null ? "" : definition.statement().text();
        if (statement.length() > MAX_STATEMENT) {
            throw refused(definition.statement().file(), "the statement is longer than " + MAX_STATEMENT
                    + " characters");
        }
        String title = definition.name().isBlank() ? "Imported problem" : definition.name().strip();
        String shownTitle = title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
        List<VerificationRow> rows = verified.submissions().stream().map(VerificationRow::of).toList();
        String format = imported.report().format().name();
        boolean derived = verified.derived();
        long id = tx.execute(s -> {
            long created = problems.create(shownTitle, statement, template.limits(), template.comparator(), kind);
            tests.replaceAll(created, stored);
            Instant now = Instant.now();
            packages.insert(created, format, zip, derived, now);
            packages.saveVerification(created, rows, verified.acceptedFailed(), now);
            return created;
        });
        return new ImportResult(id, format, template.limits().cpuTime().toMillis(), derived,
                verified.acceptedFailed(), report, rows);
    }

    /** The reader, with this server's caps. */
    ProblemPackageReader reader() {
        return reader;
    }

    private List<TestCase> testCases(List<TestCase> packaged) {
        if (packaged.size() > maxTests) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "the package was refused: it holds "
                    + packaged.size() + " tests, more than the cap of " + maxTests,
                    List.of(new FieldProblem("file", "more than " + maxTests + " tests")));
        }
        List<TestCase> stored = new ArrayList<>(packaged.size());
        Set<String> names = new HashSet<>();
        for (TestCase t : packaged) {
            // the demo's test names are one path segment, as its archive upload makes them
            String name = t.id().replace('/', '-');
            if (!TEST_NAME.matcher(name).matches()) {
                throw refused("data/" + t.id(), "the test name '" + name + "' is not 1 to 128 letters, digits or"
                        + " . _ + -");
            }
            if (!names.add(name)) {
                throw refused("data/" + t.id(), "two tests are both named '" + name + "' here");
            }
            stored.add(new TestCase(name, t.input(), t.expectedOutput(), t.weight(), t.group(), t.hidden()));
        }
        return stored;
    }

    /**
     * The package's included files in the demo's terms. The package gives a language its own files <em>instead
     * of</em> the common ones, the demo gives them <em>in addition</em>: where a language has its own, the common
     * files are given to each other language of this judge by name, so every language gets what the package says.
     */
    private static Map<String, List<SourceFile>> supportFiles(ProblemDefinition definition, Set<String> languages,
            List<ImportResult.Line> report) {
        Map<String, List<SourceFile>> packaged = definition.supportFiles();
        Map<String, List<SourceFile>> own = new LinkedHashMap<>();
        for (Map.Entry<String, List<SourceFile>> e : new TreeMap<>(packaged).entrySet()) {
            if (e.getKey().equals(ProblemDefinition.ALL_LANGUAGES)) {
                continue;
            }
            if (languages.contains(e.getKey())) {
                own.put(e.getKey(), e.getValue());
            } else {
                report.add(new ImportResult.Line("", "supportFiles." + e.getKey(), "UNSUPPORTED", "included files for language '"
                        + e.getKey() + "', which this judge does not have; not stored"));
            }
        }
        List<SourceFile> common = packaged.get(ProblemDefinition.ALL_LANGUAGES);
        Map<String, List<SourceFile>> result = new LinkedHashMap<>();
        if (common != null && !common.isEmpty()) {
            if (own.isEmpty()) {
                result.put(ProblemKind.ALL_LANGUAGES, common);
            } else {
                for (String language : new TreeSet<>(languages)) {
                    if (!own.containsKey(language)) {
                        result.put(language, common);
                    }
                }
            }
        }
        result.putAll(own);
        return result;
    }

    private static void requireLanguage(String languageId, String file, Set<String> languages) {
        if (!languages.contains(languageId)) {
            throw refused(file, "is in language '" + languageId + "', which this judge does not have; its languages: "
                    + new TreeSet<>(languages));
        }
    }

    private static ImportResult.Line note(String file, String key, String message) {
        return new ImportResult.Line(file, key, "NOTE", message);
    }

    private static ApiException refused(String file, String message) {
        String shown = message.startsWith(file + ": ") || file.isEmpty() ? message : file + ": " + message;
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "the package was refused: " + shown,
                List.of(new FieldProblem("file", shown)));
    }
}
