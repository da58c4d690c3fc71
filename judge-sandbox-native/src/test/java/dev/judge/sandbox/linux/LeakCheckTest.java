package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the module (see junit-platform.properties): whatever this JVM's
 * sandboxes created is gone.
 */
@Order(Integer.MAX_VALUE)
class LeakCheckTest {
    private static final String MINE = ProcessHandle.current().pid() + "-";

    @Test
    void noHelperOrBoxProcessIsLeft() {
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("judge-helper")).orElse(false)).toList())
                .isEmpty();
        assertThat(TestSandboxes.boxProcesses()).isEmpty();
    }

    @Test
    void noCgroupOfThisJvmIsLeft() throws IOException {
        CgroupDetector.Detection det = CgroupDetector.detect();
        if (det.driver() == null) {
            return; // nothing could have been created
        }
        for (Path parent : det.driver().instanceParents()) {
            assertThat(entriesStartingWith(parent, MINE)).as("cgroups under " + parent).isEmpty();
        }
    }

    @Test
    void noPrivateDirectoryOrTempDirOfThisJvmIsLeft() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        assertThat(entriesStartingWith(tmp.resolve("judge-native"), MINE)).isEmpty();
        // temp dirs of the module carry the pid of the JVM that made them
        List<Path> temps = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp, "judge-native-*-" + MINE + "*")) {
            ds.forEach(temps::add);
        }
        assertThat(temps).as("temp dirs of this JVM").isEmpty();
    }

    @Test
    void noMountOfTheSandboxIsVisibleOnTheHost() throws IOException {
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("judge-native")
                .doesNotContain("judge-box").doesNotContain("judge-root");
    }

    private static List<Path> entriesStartingWith(Path dir, String prefix) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + "*")) {
            ds.forEach(out::add);
        }
        return out;
    }
}
