package dev.judge.demo.judge0;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The row's {@code limits_json}: what older rows hold still reads, with the request options off. */
class Judge0LimitsTest {
    /** As strict as the server's mapper about primitives. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    @Test
    void rowsWrittenBeforeTheRequestOptionsRead() throws Exception {
        String old = "{\"cpuTimeLimit\":2.5,\"cpuExtraTime\":0.5,\"wallTimeLimit\":5.0,\"memoryLimit\":128000,"
                + "\"stackLimit\":64000,\"maxProcessesAndOrThreads\":60,\"maxFileSize\":1024,\"numberOfRuns\":1,"
                + "\"redirectStderrToStdout\":false}";
        assertThat(JSON.readValue(old, Judge0Limits.class))
                .isEqualTo(new Judge0Limits(2.5, 0.5, 5, 128_000, 64_000, 60, 1024, 1, false));
    }

    @Test
    void roundTrips() throws Exception {
        Judge0Limits l = new Judge0Limits(1, 0, 2, 4096, 0, 3, 0, 7, false, true, false, "-O2 '-DX=a b'", "x y", null,
                true);
        assertThat(JSON.readValue(JSON.writeValueAsString(l), Judge0Limits.class)).isEqualTo(l);
    }
}
