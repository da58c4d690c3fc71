package dev.judge.core.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.Languages;
import dev.judge.core.model.Limits;
import dev.judge.core.testsupport.ProcessSandbox;
import dev.judge.core.testsupport.RequiredParts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input validators and example submissions of packages built here, run through a real judge on the plain process
 * sandbox of the tests: validators' exit codes as each format has them, the time limit derived as problemtools
 * derives it, expected against obtained verdicts.
 */
class PackageVerifierTest {
    private static final String SUM = "a, b = map(int, input().split())\nprint(a + b)\n";
    private static final String KATTIS_VALIDATOR = """
            import sys
            parts = sys.stdin.read().split()
            if len(parts) != 2 or not all(p.lstrip('-').isdigit() for p in parts):
                print('expected two integers, got', parts)
                sys.exit(43)
            sys.exit(42)
            """;
    private static ProcessSandbox sandbox;
    private static Judge judge;
    private static PackageVerifier verifier;

    @BeforeAll
    static void openJudge() {
        RequiredParts.require(ProcessSandbox.usable(), "/usr/bin/time and /usr/bin/prlimit");
        sandbox = new ProcessSandbox();
        judge = Judge.builder().sandbox(sandbox).runSlots(2)
                .languages(Languages.of(List.of(Languages.defaults().find("python3").orElseThrow()))).build();
        RequiredParts.require(judge.languages().get(0).available(), "python3");
        Limits validators = Limits.defaults().withCpuTime(Duration.ofSeconds(5)).withWallTime(Duration.ofSeconds(10));
        verifier = PackageVerifier.using(judge, Limits.defaults(), Duration.ofSeconds(5), validators);
    }

    @AfterAll
    static void closeJudge() {
        if (judge != null) {
            judge.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static Pkg sumPackage() {
        return new Pkg().put("problem.yaml", "name: Sum\n")
                .put("data/sample/1.in", "1 2\n").put("data/sample/1.ans", "3\n")
                .put("data/secret/1.in", "10 20\n").put("data/secret/1.ans", "30\n")
                .put("input_validators/check.py", KATTIS_VALIDATOR);
    }

    @Test
    void kattisInputValidatorsAcceptWithExitCode42AndRefuseNamingTheTest() {
        verifier.validateInputs(Pkg.read(sumPackage()));
        ImportedProblem broken = Pkg.read(sumPackage().put("data/secret/2.in", "1 x\n").put("data/secret/2.ans", "1\n"));
        assertThatThrownBy(() -> verifier.validateInputs(broken)).isInstanceOf(PackageRejectedException.class)
                .hasMessageContaining("input_validators/check.py").hasMessageContaining("secret/2")
                .hasMessageContaining("exit code 43").hasMessageContaining("expected two integers")
                .satisfies(e -> assertThat(((PackageRejectedException) e).file()).isEqualTo("input_validators/check.py"));
    }

    @Test
    void inputValidatorFlagsAreTheValidatorsArguments() {
        Pkg p = sumPackage().put("data/secret/testdata.yaml", "input_validator_flags: small\n")
                .put("input_validators/check.py", "import sys\nsys.exit(42 if sys.argv[1:] in ([], ['small']) else 43)\n");
        verifier.validateInputs(Pkg.read(p));
        Pkg wrongFlags = p.put("data/secret/testdata.yaml", "input_validator_flags: large\n");
        assertThatThrownBy(() -> verifier.validateInputs(Pkg.read(wrongFlags))).hasMessageContaining("secret/1");
    }

    @Test
    void aPolygonValidatorAcceptsWithExitCode0() {
        Pkg polygon = new Pkg().put("problem.xml", """
                <problem><judging><testset name="tests"><time-limit>1000</time-limit><memory-limit>268435456</memory-limit>
                <input-path-pattern>tests/%02d</input-path-pattern><answer-path-pattern>tests/%02d.a</answer-path-pattern>
                <tests><test method="manual"/><test method="manual"/></tests></testset></judging>
                <files/><assets><checker type="testlib"><source path="files/check.py" type="python.3"/></checker><validators><validator><source path="files/val.py" type="python.3"/></validator></validators>
                </assets></problem>
                """).put("tests/01", "1 2\n").put("tests/01.a", "3\n").put("tests/02", "5\n").put("tests/02.a", "5\n").put("files/check.py", "print('ok')\n")
                .put("files/val.py", "import sys\nn = sys.stdin.read().split()\nif len(n) != 2:\n"
                        + "    sys.stderr.write('FAIL Expected two numbers\\n')\n    sys.exit(3)\n");
        assertThatThrownBy(() -> verifier.validateInputs(Pkg.read(polygon))).isInstanceOf(PackageRejectedException.class)
                .hasMessageContaining("files/val.py").hasMessageContaining("'2'").hasMessageContaining("exit code 3")
                .hasMessageContaining("FAIL Expected two numbers");
        verifier.validateInputs(Pkg.read(polygon.put("tests/02", "2 3\n")));
    }

    @Test
    void exampleSubmissionsAreJudgedAndTheTimeLimitDerivedAsProblemtoolsDoes() {
        Pkg p = sumPackage()
                .put("submissions/accepted/sum.py", SUM)
                .put("submissions/wrong_answer/off.py", "a, b = map(int, input().split())\nprint(a + b + 1)\n")
                .put("submissions/time_limit_exceeded/spin.py", "while True:\n    pass\n")
                .put("submissions/run_time_error/crash.py", "raise SystemExit(3)\n")
                .put("submissions/accepted/tagged.py", "# @EXPECTED_RESULTS@: WRONG-ANSWER\nprint(0)\n");
        Verification v = verifier.verify(Pkg.read(p));
        assertThat(v.derived()).isTrue();
        assertThat(v.slowestAccepted()).isPositive().isLessThan(Duration.ofSeconds(2));
        assertThat(v.timeLimit()).isEqualTo(TimeLimitPolicy.LEGACY.limitFor(v.slowestAccepted()));
        assertThat(v.highLimit()).isEqualTo(TimeLimitPolicy.LEGACY.highLimitFor(v.slowestAccepted()))
                .isGreaterThan(v.timeLimit());
        Map<String, String> outcomes = v.submissions().stream().collect(Collectors.toMap(SubmissionCheck::path,
                c -> c.obtained() + " " + c.outcome()));
        assertThat(outcomes).containsOnly(
                Map.entry("submissions/accepted/sum.py", "AC PASSED"),
                Map.entry("submissions/accepted/tagged.py", "WA PASSED"),
                Map.entry("submissions/wrong_answer/off.py", "WA PASSED"),
                Map.entry("submissions/time_limit_exceeded/spin.py", "TLE PASSED"),
                Map.entry("submissions/run_time_error/crash.py", "RE PASSED"));
        assertThat(v.acceptedFailed()).isFalse();
        assertThat(v.notes()).singleElement().satisfies(n -> assertThat(n.message())
                .contains("time limit " + v.timeLimit().toMillis() + " ms derived"));
    }

    @Test
    void aFailingAcceptedSubmissionFlagsThePackage() {
        Pkg p = sumPackage().put("problem.yaml", "name: Sum\nlimits:\n  time_limit: 2\n")
                .put("submissions/accepted/sum.py", SUM)
                .put("submissions/accepted/wrong.py", "print(3)\n");
        Verification v = verifier.verify(Pkg.read(p));
        assertThat(v.derived()).isFalse();
        assertThat(v.timeLimit()).isEqualTo(Duration.ofSeconds(2));
        assertThat(v.submissions()).filteredOn(c -> c.path().endsWith("wrong.py")).singleElement()
                .satisfies(c -> {
                    assertThat(c.obtained()).isEqualTo("WA");
                    assertThat(c.outcome()).isEqualTo(SubmissionCheck.Outcome.FAILED);
                });
        assertThat(v.acceptedFailed()).isTrue();
    }
}
