package dev.judge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.language.Language;
import dev.judge.core.language.Languages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Placeholder expansion of the language commands. */
class CommandsTest {
    private final Language java = Languages.defaults().find("java").orElseThrow();
    private final Language cpp = Languages.defaults().find("cpp").orElseThrow();

    @Test
    void theRunCommandStartsTheFoundClass() {
        assertThat(Commands.namesMainClass(java)).isTrue();
        assertThat(Commands.namesMainClass(cpp)).isFalse();
        List<String> run = Commands.expand(java.runCommand(), java, List.of("a/b/Solution.class"), 256,
                "a.b.Solution");
        assertThat(run).containsSubsequence("-Xmx256m", "-cp", ".", "a.b.Solution").doesNotContain("{mainClass}");
    }

    @Test
    void aCommandNeedingTheMainClassFailsWithoutIt() {
        assertThatThrownBy(() -> Commands.expand(java.runCommand(), java, List.of("Main.class"), 256))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("{mainClass}");
    }

    @Test
    void onlySourcesEndingLikeTheMainOneAreCompiled() {
        List<String> compile = Commands.expand(cpp.compileCommand(), cpp,
                List.of("main.cpp", "grader.cpp", "problem.h", "data.txt"), 256);
        assertThat(compile).contains("main.cpp", "grader.cpp").doesNotContain("problem.h", "data.txt");
    }
}
