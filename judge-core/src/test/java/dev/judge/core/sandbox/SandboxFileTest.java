package dev.judge.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.Limits;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxFileTest {

    @Test
    void onlySafeRelativePathsAreAccepted() {
        assertThat(SandboxFile.isSafeRelativePath("Main.java")).isTrue();
        assertThat(SandboxFile.isSafeRelativePath("pkg/Main.class")).isTrue();
        for (String bad : List.of("", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a\\b", "a\0b", "a/")) {
            assertThat(SandboxFile.isSafeRelativePath(bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> SandboxFile.of("../escape", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../escape");
    }

    @Test
    void requestDefaultsAreEmptyAndImmutable() {
        SandboxRequest r = SandboxRequest.of(List.of("true"), Limits.defaults());
        assertThat(r.stdin()).isEmpty();
        assertThat(r.profile()).isEqualTo("default");
        assertThatThrownBy(() -> r.files().add(SandboxFile.of("a", new byte[0])))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> SandboxRequest.of(List.of(), Limits.defaults()))
                .hasMessageContaining("command");
    }
}
