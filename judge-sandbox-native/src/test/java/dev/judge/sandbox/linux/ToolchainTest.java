package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import dev.judge.core.testsupport.RequiredParts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The host toolchains the judge needs work inside the read-only root: gcc compiles, a JVM starts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolchainTest {
    private NativeSandbox sandbox;

    @BeforeAll
    void open() {
        sandbox = TestSandboxes.require(1);
    }

    @AfterAll
    void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static Limits compileLimits() {
        return Limits.defaults().withProcesses(64).withMemory(ByteSize.ofMiB(512))
                .withCpuTime(Duration.ofSeconds(20)).withWallTime(Duration.ofSeconds(40)).withOpenFiles(256);
    }

    @Test
    void gccCompilesAndTheArtifactRunsInTheNextRun() {
        RequiredParts.require(CPrograms.gccAvailable(), "gcc");
        SandboxResult compiled = sandbox.run(SandboxRequest.of(List.of("gcc", "-O2", "-o", "main", "main.c"),
                compileLimits()).withFiles(List.of(SandboxFile.of("main.c",
                "#include <stdio.h>\nint main(void) { puts(\"compiled in the box\"); return 0; }\n"
                        .getBytes(StandardCharsets.UTF_8)))).withCollect(List.of("main")));
        assertThat(compiled.succeeded()).as(compiled.message() + new String(compiled.stderr(), StandardCharsets.UTF_8))
                .isTrue();
        assertThat(compiled.collected()).singleElement().satisfies(f -> assertThat(f.executable()).isTrue());
        SandboxResult ran = sandbox.run(SandboxRequest.of(List.of("./main"), Limits.defaults())
                .withFiles(compiled.collected()));
        assertThat(new String(ran.stdout(), StandardCharsets.UTF_8)).isEqualTo("compiled in the box\n");
    }

    @Test
    void aJvmStartsUnderTheJvmProfile() {
        RequiredParts.require(Files.isExecutable(Path.of("/usr/bin/java")), "a JDK at /usr/bin/java");
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("java", "-Xmx64m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-version"), compileLimits()).withProfile("jvm"));
        assertThat(r.termination()).as(r.message() + new String(r.stderr(), StandardCharsets.UTF_8))
                .isEqualTo(Termination.EXITED);
        assertThat(r.exitCode()).as(new String(r.stderr(), StandardCharsets.UTF_8)).isZero();
        assertThat(new String(r.stderr(), StandardCharsets.UTF_8)).contains("version");
    }
}
