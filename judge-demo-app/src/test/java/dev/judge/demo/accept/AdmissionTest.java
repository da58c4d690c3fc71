package dev.judge.demo.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.demo.DemoProperties;
import dev.judge.demo.web.ApiException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** The size caps, each refusal naming its field. */
public class AdmissionTest {

    public static DemoProperties properties() {
        return new DemoProperties(Path.of("data"), "admin", null, null, true, Duration.ofHours(1), true,
                new DemoProperties.Caps(DataSize.ofMegabytes(16), DataSize.ofMegabytes(64), DataSize.ofMegabytes(256),
                        DataSize.ofMegabytes(64), 10_000, 1000, 1000, DataSize.ofKilobytes(1), DataSize.ofKilobytes(2),
                        20),
                Duration.ofSeconds(7), null, List.of(), Duration.ofSeconds(5), Duration.ofSeconds(1),
                new DemoProperties.RateLimit(true, 120, 600, Duration.ofMinutes(1), "local", "judge:rate:",
                        List.of()));
    }

    @Test
    void sizeCapsNameTheField() {
        Admission admission = new Admission(properties());
        admission.checkSource("source", "x".repeat(1024));
        assertThatThrownBy(() -> admission.checkSource("source", "x".repeat(1025))).isInstanceOf(ApiException.class)
                .satisfies(e -> {
                    ApiException a = (ApiException) e;
                    assertThat(a.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
                    assertThat(a.errors().get(0).field()).isEqualTo("source");
                });
        // multi-byte characters count as their UTF-8 bytes
        assertThatThrownBy(() -> admission.checkStdin("stdins[3]", "\u00e9".repeat(1025)))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).errors().get(0).field()).isEqualTo("stdins[3]"));
        admission.checkStdin("stdin", "\u00e9".repeat(1000));
    }
}
