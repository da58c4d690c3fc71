package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seccomp filters test denied syscalls as a search tree; the helper runs each compiled filter over every
 * syscall number and the argument cases the filters inspect, and compares with the plain denied list.
 */
class SeccompFilterTest {

    @Test
    void everyFilterAnswersAsTheDeniedListSays(@TempDir Path dir) throws Exception {
        Path helper = HelperBinary.extract(dir);
        Process p = new ProcessBuilder(helper.toString(), "--check-filters").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("ok");
        assertThat(p.exitValue()).isZero();
        assertThat(Files.exists(helper)).isTrue();
    }
}
