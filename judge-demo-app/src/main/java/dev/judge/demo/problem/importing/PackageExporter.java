package dev.judge.demo.problem.importing;

import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import dev.judge.core.problem.ExportedPackage;
import dev.judge.core.problem.ImportedProblem;
import dev.judge.core.problem.InteractorProgram;
import dev.judge.core.problem.KattisPackageWriter;
import dev.judge.core.problem.OutputCheck;
import dev.judge.core.problem.PackageExportException;
import dev.judge.core.problem.ProblemDefinition;
import dev.judge.core.problem.Program;
import dev.judge.core.problem.Statement;
import dev.judge.core.problem.TimeLimitPolicy;
import dev.judge.demo.problem.Problem;
import dev.judge.demo.problem.ProblemKind;
import dev.judge.demo.problem.ProblemRepository;
import dev.judge.demo.problem.TestCaseRepository;
import dev.judge.demo.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A stored problem as a Kattis package ({@link KattisPackageWriter}): its limits, comparison, groups, tests and
 * included files as stored now; from the package it was imported from, if any, its input validators and example
 * submissions.
 */
@Service
public class PackageExporter {
    private final ProblemRepository problems;
    private final TestCaseRepository tests;
    private final PackageRepository packages;
    private final PackageImporter importer;

    public PackageExporter(ProblemRepository problems, TestCaseRepository tests, PackageRepository packages,
            PackageImporter importer) {
        this.problems = problems;
        this.tests = tests;
        this.packages = packages;
        this.importer = importer;
    }

    /**
     * @throws ApiException 404 for an unknown problem; 422 when the problem judges in a way a Kattis package
     *                      cannot say (a testlib checker, file I/O)
     */
    @Transactional(readOnly = true)
    public ExportedPackage export(long id) {
        Problem p = problems.find(id).orElseThrow(() -> ApiException.notFound("there is no problem " + id));
        ProblemKind kind = p.kind();
        boolean scoring = !kind.groups().isEmpty();
        List<Program> validators = List.of();
        Map<String, String> validatorFlags = Map.of();
        List<dev.judge.core.problem.ExampleSubmission> submissions = List.of();
        TimeLimitPolicy policy = TimeLimitPolicy.LEGACY;
        var stored = packages.find(id);
        if (stored.isPresent()) {
            ImportedProblem original = importer.reader().read(stored.get().zip());
            validators = original.definition().inputValidators();
            submissions = original.definition().submissions();
            policy = original.definition().timeLimitPolicy();
        }
        OutputCheck check = p.comparator() instanceof ComparatorSpec.Checker c
                ? new OutputCheck.CheckerProgram(new Program("output_validators/validator", c.languageId(), c.sources()),
                        c.protocol() == ComparatorSpec.Checker.Protocol.KATTIS ? OutputCheck.Protocol.KATTIS
                                : OutputCheck.Protocol.TESTLIB, c.arguments())
                : new OutputCheck.BuiltIn(p.comparator());
        Interactor i = kind.interactor();
        InteractorProgram interactor = i == null ? null : new InteractorProgram(new Program(
                "output_validators/interactor", i.languageId(), i.sources()), i.protocol(), i.passes(), "");
        Map<String, List<SourceFile>> support = new LinkedHashMap<>();
        kind.supportFiles().forEach((language, files) -> support.put(language.equals(ProblemKind.ALL_LANGUAGES)
                ? ProblemDefinition.ALL_LANGUAGES : language, files));
        Statement statement = p.statement().isBlank() ? null
                : new Statement("en", Statement.Format.MARKDOWN, p.statement(), "problem_statement/problem.en.md");
        ProblemDefinition d = new ProblemDefinition(p.title(), statement, p.limits().cpuTime(), p.limits().memory(),
                p.limits().outputSize(), policy, check, interactor, scoring, kind.groups(),
                packagePaths(tests.all(id), scoring), kind.io(), kind.stopOnFirstFailure(), support, validators,
                validatorFlags, submissions);
        try {
            return KattisPackageWriter.write(d);
        } catch (PackageExportException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "problem " + id + " cannot be exported as a"
                    + " Kattis package: " + e.getMessage());
        }
    }

    /**
     * The tests with their ids as paths below {@code data/}: the importer made {@code secret/g1/1} the name
     * {@code secret-g1-1} in group {@code secret/g1}, and this undoes it.
     */
    private static List<TestCase> packagePaths(List<TestCase> stored, boolean scoring) {
        List<TestCase> out = new ArrayList<>(stored.size());
        for (TestCase t : stored) {
            String dir = scoring && t.group() != null ? (t.group().startsWith("sample") || t.group().startsWith("secret")
                    ? t.group() : "secret/" + t.group()) : t.hidden() ? "secret" : "sample";
            String prefix = dir.replace('/', '-') + "-";
            String name = t.id().startsWith(prefix) ? t.id().substring(prefix.length()) : t.id();
            out.add(new TestCase(dir + "/" + name, t.input(), t.expectedOutput(), t.weight(),
                    scoring ? t.group() : null, t.hidden()));
        }
        return out;
    }
}
