package dev.judge.core.sandbox;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostBindsTest {
    @Test
    void refusesTheHostPlacesOfSocketsAndKernelStateAndSocketNames() {
        for (String p : new String[] {"/", "/run", "/run/user/1000", "/var/run", "/var/run/docker.sock", "/var",
                "/proc/1", "/sys", "/dev/shm", "/usr/../run/x", "/srv/engine.sock", "/opt/agent.socket"}) {
            assertThatThrownBy(() -> HostBinds.requireSafe(p)).as(p).isInstanceOf(UnsafeBindException.class)
                    .hasMessageStartingWith("refusing to bind " + p + " into sandboxes: ");
        }
    }

    @Test
    void acceptsToolchainPathsAndNamesThatOnlyLookAlike() {
        for (String p : new String[] {"/usr", "/usr/lib/jvm", "/opt/runtime", "/var/lib/ghc", "/etc/mono",
                "/srv/sockets-doc"}) {
            assertThatCode(() -> HostBinds.requireSafe(p)).as(p).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> HostBinds.requireSafe("usr")).isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(UnsafeBindException.class).hasMessageContaining("absolute");
    }
}
