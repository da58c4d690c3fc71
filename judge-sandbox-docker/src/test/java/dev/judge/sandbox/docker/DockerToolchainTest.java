package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The host's toolchains, bound read-only, compile and run inside the hardened containers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerToolchainTest {
    private Sandbox sandbox;

    @BeforeAll
    void open() {
        sandbox = TestSandboxes.create(1);
    }

    @AfterAll
    void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static Limits compileLimits() {
        return Limits.defaults().withProcesses(64).withCpuTime(Duration.ofSeconds(20))
                .withWallTime(Duration.ofSeconds(40)).withMemory(ByteSize.ofMiB(1024));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void compilesCThenRunsTheArtifactInAFreshWorkDir() {
        SandboxResult compile = sandbox.run(SandboxRequest.of(List.of("gcc", "-O2", "-o", "main", "main.c"), compileLimits())
                .withFiles(List.of(SandboxFile.of("main.c",
                        "#include <stdio.h>\nint main(void){int a,b;scanf(\"%d %d\",&a,&b);printf(\"%d\\n\",a+b);}\n"
                                .getBytes(StandardCharsets.UTF_8))))
                .withCollect(List.of("main")));
        assertThat(compile.succeeded()).as(compile.message() + text(compile.stderr())).isTrue();
        SandboxFile artifact = compile.collected().get(0);
        assertThat(artifact.executable()).isTrue();

        SandboxResult run = sandbox.run(SandboxRequest.of(List.of("./main"), Limits.defaults())
                .withFiles(List.of(artifact)).withStdin("40 2\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(run.succeeded()).as(run.message() + text(run.stderr())).isTrue();
        assertThat(text(run.stdout())).isEqualTo("42\n");
    }

    @Test
    void runsTheJvm() {
        Path javac = Path.of("/usr/bin/javac");
        dev.judge.core.testsupport.RequiredParts.require(Files.exists(javac), "a JDK at /usr/bin/javac");
        SandboxResult compile = sandbox.run(SandboxRequest.of(List.of("javac", "Main.java"), compileLimits())
                .withFiles(List.of(SandboxFile.of("Main.java",
                        "public class Main { public static void main(String[] a) { System.out.println(\"jvm ok\"); } }"
                                .getBytes(StandardCharsets.UTF_8))))
                .withCollect(List.of("*.class")).withProfile("jvm"));
        assertThat(compile.succeeded()).as(compile.message() + text(compile.stderr())).isTrue();
        SandboxResult run = sandbox.run(SandboxRequest.of(List.of("java", "-Xmx64m", "-Xss8m", "Main"), compileLimits())
                .withFiles(compile.collected()).withProfile("jvm"));
        assertThat(run.succeeded()).as(run.message() + text(run.stderr())).isTrue();
        assertThat(text(run.stdout())).isEqualTo("jvm ok\n");
    }

    @Test
    void runsNode() {
        dev.judge.core.testsupport.RequiredParts.require(Files.exists(Path.of("/usr/bin/node")), "node at /usr/bin/node");
        SandboxResult run = sandbox.run(SandboxRequest.of(List.of("node", "main.js"), compileLimits())
                .withFiles(List.of(SandboxFile.of("main.js",
                        ("process.stdout.write(String(require('fs').readFileSync(0, 'utf8').split(' ').map(Number)"
                                + ".reduce((a, b) => a + b)) + '\\n')").getBytes(StandardCharsets.UTF_8))))
                .withStdin("40 2".getBytes(StandardCharsets.UTF_8)).withProfile("node"));
        assertThat(run.succeeded()).as(run.message() + text(run.stderr())).isTrue();
        assertThat(text(run.stdout())).isEqualTo("42\n");
    }
}
