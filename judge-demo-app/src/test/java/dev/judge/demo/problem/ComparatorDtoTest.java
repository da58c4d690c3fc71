package dev.judge.demo.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import java.time.Duration;
import dev.judge.demo.web.ApiException;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The JSON forms of comparator and limits map 1:1 onto the judge's types. */
class ComparatorDtoTest {

    @Test
    void everyComparatorSurvivesTheRoundTrip() {
        List<ComparatorSpec> all = List.of(ComparatorSpec.exact(), ComparatorSpec.lines(), ComparatorSpec.tokens(),
                ComparatorSpec.floats(0.5, 0.25), ComparatorSpec.unorderedLines(), ComparatorSpec.caseInsensitive(),
                ComparatorSpec.kattis("case_sensitive space_change_sensitive float_relative_tolerance 1e-4"),
                new ComparatorSpec.Checker("cpp17", List.of(new SourceFile("chk.cpp", "int main(){}"),
                        SourceFile.main("x"))),
                ComparatorSpec.kattisValidator("c", List.of(SourceFile.main("int main(){return 42;}")),
                        "float_tolerance 1e-6"));
        for (ComparatorSpec spec : all) {
            assertThat(ComparatorDto.of(spec, true).toSpec()).isEqualTo(spec);
        }
        assertThat(ComparatorDto.TYPES).hasSize(all.size() - 1);
    }

    @Test
    void theKattisComparatorTakesItsValidatorFlags() {
        assertThat(new ComparatorDto("kattis", null, null, null, null, "case_sensitive float_tolerance 1e-6", null, null).toSpec())
                .isEqualTo(new ComparatorSpec.Kattis(true, false, OptionalDouble.of(1e-6), OptionalDouble.of(1e-6)));
        assertThat(new ComparatorDto("kattis", null, null, null, null, null, null, null).toSpec())
                .isEqualTo(new ComparatorSpec.Kattis(false, false, OptionalDouble.empty(), OptionalDouble.empty()));
        assertThat(ComparatorDto.of(ComparatorSpec.kattis("float_tolerance 0.5 space_change_sensitive"), false).flags())
                .isEqualTo("space_change_sensitive float_absolute_tolerance 0.5 float_relative_tolerance 0.5");
    }

    @Test
    void badKattisFlagsNameTheField() {
        assertThatThrownBy(() -> new ComparatorDto("kattis", null, null, null, null, "float_tolerance", null, null).toSpec())
                .isInstanceOfSatisfying(InvalidSubmissionException.class,
                        e -> assertThat(e.field()).isEqualTo("comparator.flags"));
        assertThatThrownBy(() -> new ComparatorDto("kattis", null, null, null, null, "ignore_case", null, null).toSpec())
                .isInstanceOfSatisfying(InvalidSubmissionException.class,
                        e -> assertThat(e.getMessage()).contains("unknown flag 'ignore_case'"));
        assertThatThrownBy(() -> new ComparatorDto("tokens", null, null, null, null, "case_sensitive", null, null).toSpec())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field())
                        .isEqualTo("comparator.type"));
    }

    @Test
    void aCheckerTakesItsProtocolAndArguments() {
        List<SourceDto> sources = List.of(new SourceDto(null, "int main(){return 42;}"));
        assertThat(new ComparatorDto("checker", null, null, "c", sources, null, "kattis", " scoring  2 ").toSpec())
                .isEqualTo(ComparatorSpec.kattisValidator("c", List.of(SourceFile.main("int main(){return 42;}")),
                        "scoring 2"));
        assertThat(new ComparatorDto("checker", null, null, "c", sources, null, null, null).toSpec())
                .isEqualTo(ComparatorSpec.testlibChecker("c", List.of(SourceFile.main("int main(){return 42;}"))));
        ComparatorDto shown = ComparatorDto.of(ComparatorSpec.kattisValidator("c", List.of(SourceFile.main("x")),
                "a  b"), false);
        assertThat(shown.protocol()).isEqualTo("kattis");
        assertThat(shown.arguments()).isEqualTo("a b");
        assertThat(ComparatorDto.of(new ComparatorSpec.Checker("c", List.of(SourceFile.main("x"))), false))
                .satisfies(d -> {
                    assertThat(d.protocol()).isEqualTo("testlib");
                    assertThat(d.arguments()).isNull();
                });
    }

    @Test
    void badCheckerProtocolsAndArgumentsNameTheField() {
        List<SourceDto> sources = List.of(new SourceDto(null, "x"));
        assertThatThrownBy(() -> new ComparatorDto("checker", null, null, "c", sources, null, "cms", null).toSpec())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field())
                        .isEqualTo("comparator.protocol"));
        assertThatThrownBy(() -> new ComparatorDto("checker", null, null, "c", sources, null, "testlib", "-x")
                .toSpec()).isInstanceOfSatisfying(InvalidSubmissionException.class,
                        e -> assertThat(e.field()).isEqualTo("comparator.arguments"));
        assertThatThrownBy(() -> new ComparatorDto("checker", null, null, "c", sources, null, "kattis",
                "x".repeat(1001)).toSpec()).isInstanceOfSatisfying(InvalidSubmissionException.class,
                        e -> assertThat(e.field()).isEqualTo("comparator.arguments"));
        assertThatThrownBy(() -> new ComparatorDto("lines", null, null, null, null, null, "kattis", null).toSpec())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field())
                        .isEqualTo("comparator.type"));
    }

    @Test
    void limitsSurviveTheRoundTrip() {
        Limits limits = new Limits(Duration.ofMillis(1500), Duration.ofSeconds(7), ByteSize.ofMiB(300), 8,
                ByteSize.ofKiB(100), ByteSize.ofBytes(12345), ByteSize.ofMiB(16), 128, true);
        assertThat(LimitsDto.of(limits).toLimits()).isEqualTo(limits);
        assertThat(new LimitsDto(null, null, null, null, null, null, null, null, null).toLimits())
                .isEqualTo(Limits.defaults());
    }
}
