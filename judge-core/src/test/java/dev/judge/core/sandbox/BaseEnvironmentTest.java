package dev.judge.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaseEnvironmentTest {

    @Test
    void pathHomeAndLangComeFirstWithHomeTheWorkDir() {
        Map<String, String> env = BaseEnvironment.of("/box", Map.of("A", "1"));
        assertThat(List.copyOf(env.keySet())).containsExactly("PATH", "HOME", "LANG", "A");
        assertThat(env).containsEntry("PATH", "/usr/local/bin:/usr/bin:/bin").containsEntry("HOME", "/box")
                .containsEntry("LANG", "C.UTF-8").containsEntry("A", "1");
    }

    @Test
    void theRequestsOwnVariablesWin() {
        Map<String, String> env = BaseEnvironment.of("/work", Map.of("PATH", "/opt/bin", "LANG", "en_US.UTF-8"));
        assertThat(env).containsEntry("PATH", "/opt/bin").containsEntry("LANG", "en_US.UTF-8")
                .containsEntry("HOME", "/work").hasSize(3);
    }

    @Test
    void nothingOfTheJudgesOwnEnvironmentIsPassed() {
        assertThat(BaseEnvironment.of("/box", Map.of())).containsOnlyKeys("PATH", "HOME", "LANG");
    }

    @Test
    void aRelativeWorkDirIsRefused() {
        assertThatThrownBy(() -> BaseEnvironment.of("box", Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'box'");
    }
}
