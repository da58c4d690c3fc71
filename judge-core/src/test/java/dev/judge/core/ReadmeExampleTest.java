package dev.judge.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.compare.Comparators;
import dev.judge.core.compare.Comparison;
import dev.judge.core.compare.OutputComparator;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Limits;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the README's snippet compiling and true: the code between the markers is the README's. */
class ReadmeExampleTest {

    @Test
    void readmeSnippetRuns() {
        byte[] input = "1 2\n".getBytes(StandardCharsets.UTF_8);
        byte[] expected = "3\n".getBytes(StandardCharsets.UTF_8);
        byte[] actual = "3".getBytes(StandardCharsets.UTF_8);

        // README start
        Submission submission = Submission.of("python3", "print(sum(map(int, input().split())))",
                List.of(TestCase.of("1", "1 2\n", "3\n"), TestCase.of("2", "40 2\n", "42\n")))
            .withLimits(Limits.defaults().withCpuTime(Duration.ofSeconds(1)).withMemory(ByteSize.ofMiB(128)))
            .withComparator(ComparatorSpec.tokens());

        OutputComparator comparator = Comparators.of(submission.comparator());
        Comparison c = comparator.compare(input, expected, actual);
        // README end

        assertThat(c.isAccepted()).isTrue();
        assertThat(submission.tests()).hasSize(2);
    }

    @Test
    void readmeShowsTheSnippetVerbatim() throws IOException {
        // Surefire runs in the module directory; basedir says so explicitly when set.
        Path module = Path.of(System.getProperty("basedir", "."));
        List<String> source = Files.readAllLines(
                module.resolve("src/test/java/dev/judge/core/ReadmeExampleTest.java"), StandardCharsets.UTF_8);
        List<String> readme = Files.readAllLines(module.resolve("../README.md"), StandardCharsets.UTF_8);

        String snippet = String.join("\n", dedent(between(source, "// README start", "// README end")));
        assertThat(snippet).contains("Comparators.of");
        assertThat(javaBlocks(readme)).anySatisfy(block -> assertThat(block).contains(snippet));
    }

    /** The lines strictly between the first line that is {@code start} and the next that is {@code end}. */
    private static List<String> between(List<String> lines, String start, String end) {
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (from < 0 && t.equals(start)) {
                from = i + 1;
            } else if (from >= 0 && t.equals(end)) {
                return lines.subList(from, i);
            }
        }
        throw new AssertionError("no lines between " + start + " and " + end);
    }

    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }

    /** The contents of the README's {@code ```java} fenced blocks. */
    private static List<String> javaBlocks(List<String> readme) {
        List<String> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : readme) {
            if (current == null && line.strip().equals("```java")) {
                current = new ArrayList<>();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(String.join("\n", current));
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }
}
