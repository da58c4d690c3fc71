package dev.judge.core.problem;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.judge.Judge;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.JudgeOptions;
import dev.judge.core.model.Limits;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a package's input validators over every test input, through the judge (so in its sandbox, under limits).
 * A validator is judged as a submission whose tests are the inputs: its exit code tells valid from invalid, its
 * output is not compared. Kattis and DOMjudge validators accept with exit code 42 (the Kattis spec: 42 valid, 43
 * invalid); Polygon's testlib validators with 0.
 */
final class InputValidation {
    static final int KATTIS_VALID = 42;
    private static final int MAX_MESSAGE = 400;

    private final Judge judge;
    private final Limits limits;

    InputValidation(Judge judge, Limits limits) {
        this.judge = judge;
        this.limits = limits;
    }

    /** Checks every input with every validator; the first input refused refuses the package. */
    void run(ImportedProblem imported) {
        ProblemDefinition d = imported.definition();
        int valid = imported.report().format() == PackageFormat.POLYGON ? 0 : KATTIS_VALID;
        // tests sharing their validator flags are checked in one judging; the flags are the program's arguments
        Map<String, List<TestCase>> byFlags = new LinkedHashMap<>();
        for (TestCase t : d.tests()) {
            byFlags.computeIfAbsent(d.inputValidatorFlags().getOrDefault(t.id(), ""), f -> new ArrayList<>())
                    .add(new TestCase(t.id(), t.input(), new byte[0], 1.0, null, true));
        }
        for (Program validator : d.inputValidators()) {
            for (Map.Entry<String, List<TestCase>> e : byFlags.entrySet()) {
                check(validator, e.getValue(), e.getKey(), valid);
            }
        }
    }

    private void check(Program validator, List<TestCase> tests, String flags, int valid) {
        List<String> arguments = flags.isBlank() ? List.of() : Arrays.asList(flags.strip().split("\\s+"));
        Submission s = new Submission(validator.languageId(), validator.sources(), tests, limits,
                ComparatorSpec.lines(), new JudgeOptions(false).withProgramArguments(arguments));
        SubmissionResult r;
        try {
            r = judge.judge(s);
        } catch (InvalidSubmissionException e) {
            throw new PackageRejectedException(validator.name(), "the input validator cannot be run: "
                    + e.getMessage(), e);
        }
        if (r.verdict() != null && r.verdict().code().equals("CE")) {
            throw new PackageRejectedException(validator.name(), "the input validator does not compile: "
                    + excerpt(r.compileOutput()));
        }
        for (TestResult t : r.tests()) {
            String code = t.verdict().code();
            boolean ran = !code.equals("TLE") && !code.equals("MLE") && !code.equals("OLE") && !code.equals("IE")
                    && !code.equals("SK");
            if (ran && t.signal() == 0 && t.exitCode() == valid) {
                continue;
            }
            String said = !t.stderr().isBlank() ? t.stderr() : !t.stdout().isBlank() ? t.stdout() : t.checkerMessage();
            String how = ran ? "exit code " + t.exitCode() + (t.signal() != 0 ? ", signal " + t.signal() : "")
                    : "verdict " + code;
            throw new PackageRejectedException(validator.name(), "the input validator refuses test '" + t.testId()
                    + "' (" + how + ", valid is " + valid + ")" + (said.isBlank() ? "" : ": " + excerpt(said)));
        }
    }

    private static String excerpt(String text) {
        String t = text.strip();
        return t.length() <= MAX_MESSAGE ? t : t.substring(0, MAX_MESSAGE) + "...";
    }
}
