package dev.judge.demo.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON forms of comparator and limits map 1:1 onto the judge's types. */
class ComparatorDtoTest {

    @Test
    void everyComparatorSurvivesTheRoundTrip() {
        List<ComparatorSpec> all = List.of(ComparatorSpec.exact(), ComparatorSpec.lines(), ComparatorSpec.tokens(),
                ComparatorSpec.floats(0.5, 0.25), ComparatorSpec.unorderedLines(), ComparatorSpec.caseInsensitive(),
                new ComparatorSpec.Checker("cpp17", List.of(new SourceFile("chk.cpp", "int main(){}"),
                        SourceFile.main("x"))));
        for (ComparatorSpec spec : all) {
            assertThat(ComparatorDto.of(spec, true).toSpec()).isEqualTo(spec);
        }
        assertThat(ComparatorDto.TYPES).hasSize(all.size());
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
