package dev.judge.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.InvalidSubmissionException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionTest {

    @Test
    void singleSourceSubmissionUsesTheLanguagesFileName() {
        Submission s = Submission.of("python3", "print(1)", List.of(TestCase.of("1", "", "1\n")));
        assertThat(s.sources()).singleElement().satisfies(f -> assertThat(f.name()).isNull());
        assertThat(s.comparator()).isEqualTo(ComparatorSpec.lines());
        assertThat(s.limits()).isEqualTo(Limits.defaults());
    }

    @Test
    void collectionsAreCopied() {
        List<TestCase> tests = new ArrayList<>(List.of(TestCase.of("1", "a", "b")));
        Submission s = Submission.of("c", "int main(){}", tests);
        tests.add(TestCase.of("2", "a", "b"));
        assertThat(s.tests()).hasSize(1);
    }

    @Test
    void badInputIsATypedExceptionNamingTheField() {
        assertField(() -> Submission.of(" ", "x", List.of()), "languageId");
        assertField(() -> Submission.of("c", "x", List.of(TestCase.of("1", "", ""), TestCase.of("1", "", ""))),
                "tests");
        assertField(() -> new Submission("c", List.of(), List.of(), Limits.defaults(), ComparatorSpec.lines(),
                JudgeOptions.defaults()), "sources");
        assertField(() -> new SourceFile("../etc/passwd", "x"), "sources.name");
        assertField(() -> new TestCase("1", null, null, 1, null, false), "tests[1].input");
        assertField(() -> TestCase.of("1", "", "").withWeight(Double.NaN), "tests[1].weight");
        assertField(() -> ComparatorSpec.floats(-1, 0), "comparator.absoluteTolerance");
        assertField(() -> new Submission("c", null, List.of(), Limits.defaults(), ComparatorSpec.lines(),
                JudgeOptions.defaults()), "sources");
    }

    @Test
    void testCasesCompareByContent() {
        assertThat(TestCase.of("1", "in", "out")).isEqualTo(TestCase.of("1", "in", "out"))
                .hasSameHashCodeAs(TestCase.of("1", "in", "out"))
                .isNotEqualTo(TestCase.of("1", "in", "other"));
    }

    private static void assertField(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidSubmissionException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
