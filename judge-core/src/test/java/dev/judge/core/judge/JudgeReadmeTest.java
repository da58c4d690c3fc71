package dev.judge.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.RunResult;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Limits;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.Verdict;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.testsupport.ProcessSandbox;
import dev.judge.core.testsupport.RequiredParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the README's judging snippet compiling and true: the code between the markers is the README's. */
class JudgeReadmeTest {

    @Test
    void readmeJudgingSnippetRuns() {
        RequiredParts.require(ProcessSandbox.usable(), "/usr/bin/time and /usr/bin/prlimit");
        try (Sandbox sandbox = new ProcessSandbox()) {
            Submission submission = Submission.of("python3", "print(sum(map(int, input().split())))",
                    List.of(TestCase.of("1", "1 2\n", "3\n"), TestCase.of("2", "40 2\n", "42\n")))
                    .withComparator(ComparatorSpec.tokens());

            // README start
            Judge judge = Judge.builder().sandbox(sandbox).runSlots(2).build();
            SubmissionResult result = judge.judge(submission, event -> System.out.println(event));
            RunResult run = judge.run("python3", "print(input()[::-1])", "abc\n", Limits.defaults());
            judge.close();
            // README end

            assertThat(result.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(run.stdout()).isEqualTo("cba\n");
        }
    }

    @Test
    void readmeShowsTheSnippetVerbatim() throws IOException {
        Path module = Path.of(System.getProperty("basedir", "."));
        List<String> source = Files.readAllLines(
                module.resolve("src/test/java/dev/judge/core/judge/JudgeReadmeTest.java"), StandardCharsets.UTF_8);
        String readme = Files.readString(module.resolve("../README.md"), StandardCharsets.UTF_8);
        List<String> snippet = new ArrayList<>();
        boolean in = false;
        for (String line : source) {
            if (line.strip().equals("// README end")) {
                break;
            }
            if (in) {
                snippet.add(line.strip());
            }
            if (line.strip().equals("// README start")) {
                in = true;
            }
        }
        assertThat(snippet).hasSize(4);
        assertThat(readme).contains(String.join("\n", snippet));
    }
}
