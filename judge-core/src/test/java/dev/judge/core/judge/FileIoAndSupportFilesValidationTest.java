package dev.judge.core.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.FileIo;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.testsupport.FakeSandbox;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Support files and file I/O names are checked against the judge's caps and the submission's files. */
class FileIoAndSupportFilesValidationTest {
    private static final Submission PLAIN = Submission.of("python3", "print(3)", List.of(TestCase.of("1", "", "3")));
    private Judge judge;

    @BeforeEach
    void build() {
        judge = Judge.builder().sandbox(FakeSandbox.programs(r -> FakeSandbox.exited(0, "3\n")))
                .maxSourceSize(ByteSize.ofKiB(1)).build();
    }

    @AfterEach
    void close() {
        judge.close();
    }

    private void refused(Submission s, String field, String message) {
        assertThatThrownBy(() -> judge.judge(s)).isInstanceOfSatisfying(InvalidSubmissionException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void supportFilesHaveACapOfTheirOwn() {
        String half = "x".repeat(700);
        // 700 B of source and 700 B of support files: each within the 1 KiB cap
        assertThat(judge.judge(Submission.of("python3", "print(3)#" + half, PLAIN.tests())
                .withSupportFiles(List.of(new SourceFile("a.txt", half)))).verdict().isAccepted()).isTrue();
        refused(PLAIN.withSupportFiles(List.of(new SourceFile("a.txt", half), new SourceFile("b.txt", half))),
                "supportFiles", "more than the maximum 1KiB");
    }

    @Test
    void anEmptySupportFileIsData() {
        assertThat(judge.judge(PLAIN.withSupportFiles(List.of(new SourceFile("empty.txt", ""))))
                .verdict().isAccepted()).isTrue();
    }

    @Test
    void aSupportFileMayNotTakeTheMainSourcesName() {
        refused(PLAIN.withSupportFiles(List.of(new SourceFile("main.py", "print(4)"))), "supportFiles[0].name",
                "name of the main source file");
    }

    @Test
    void fileIoNamesMayNotTakeAFilesName() {
        refused(PLAIN.withIo(FileIo.files("main.py", null)), "io.inputFile", "name of a source file");
        refused(PLAIN.withSupportFiles(List.of(new SourceFile("data.txt", "1"))).withIo(FileIo.files(null, "data.txt")),
                "io.outputFile", "name of a support file");
    }

    @Test
    void fileIoNamesHoldNoGlobCharacters() {
        refused(PLAIN.withIo(FileIo.files(null, "out*.txt")), "io.outputFile", "may not hold");
        refused(PLAIN.withIo(FileIo.files("in[1].txt", null)), "io.inputFile", "may not hold");
    }
}
