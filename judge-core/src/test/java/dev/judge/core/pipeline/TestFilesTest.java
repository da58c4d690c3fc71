package dev.judge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.FileIo;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The requests and answers of file I/O runs. */
class TestFilesTest {
    private static final byte[] INPUT = "1 2\n".getBytes(StandardCharsets.UTF_8);
    private static final SandboxRequest RUN = SandboxRequest.of(List.of("./main"), Limits.defaults())
            .withFiles(List.of(SandboxFile.executable("main", new byte[] {1})));

    private static SandboxResult ran(byte[] stdout, List<SandboxFile> collected) {
        return new SandboxResult(Termination.EXITED, 0, 0, stdout, new byte[0], false, Duration.ZERO, Duration.ZERO,
                ByteSize.ZERO, collected, "");
    }

    @Test
    void standardIoChangesNothing() {
        TestFiles io = new TestFiles(FileIo.standard());
        SandboxRequest r = io.forTest(io.base(RUN), INPUT);
        assertThat(r.stdin()).isEqualTo(INPUT);
        assertThat(r.files()).isEqualTo(RUN.files());
        assertThat(r.collect()).isEmpty();
        assertThat(io.answer(ran(new byte[] {7}, List.of()))).contains(new byte[] {7});
    }

    @Test
    void theInputFileHoldsTheInputWhichIsAlsoOnStdin() {
        TestFiles io = new TestFiles(FileIo.files("in.txt", null));
        SandboxRequest r = io.forTest(io.base(RUN), INPUT);
        assertThat(r.stdin()).isEqualTo(INPUT);
        assertThat(r.files()).containsExactly(RUN.files().get(0), SandboxFile.of("in.txt", INPUT));
        assertThat(r.collect()).isEmpty();
    }

    @Test
    void theAnswerIsTheCollectedOutputFile() {
        TestFiles io = new TestFiles(FileIo.files(null, "out.txt"));
        assertThat(io.base(RUN).collect()).containsExactly("out.txt");
        byte[] file = "3\n".getBytes(StandardCharsets.UTF_8);
        assertThat(io.answer(ran("noise".getBytes(StandardCharsets.UTF_8),
                List.of(SandboxFile.of("out.txt", file))))).contains(file);
        assertThat(io.answer(ran("3\n".getBytes(StandardCharsets.UTF_8), List.of()))).isEmpty();
        assertThat(io.missingOutput()).isEqualTo("output file out.txt was not created");
    }

    @Test
    void aProgramFileOfTheSameNameClashes() {
        assertThat(new TestFiles(FileIo.files("main", null)).clash(RUN.files())).contains("'main'");
        assertThat(new TestFiles(FileIo.files(null, "main")).clash(RUN.files())).contains("'main'");
        assertThat(new TestFiles(FileIo.files("in", "out")).clash(RUN.files())).isNull();
    }
}
