package dev.judge.sandbox.docker;

import dev.judge.core.sandbox.HostBinds;
import java.util.List;
import java.util.Objects;

/** A read-only bind of a host path (on the engine's host) into every container. */
record ReadOnlyBind(String hostPath, String containerPath) {
    ReadOnlyBind {
        Objects.requireNonNull(hostPath, "hostPath");
        Objects.requireNonNull(containerPath, "containerPath");
        if (!hostPath.startsWith("/") || !containerPath.startsWith("/")) {
            throw new IllegalArgumentException("bind paths must be absolute: " + hostPath + " -> " + containerPath);
        }
        for (String owned : List.of("/", Settings.WORK_DIR, "/tmp", "/opt/judge", PairFifos.CONTAINER_PATH, "/proc",
                "/sys", "/dev")) {
            if (containerPath.equals(owned) || (!owned.equals("/") && containerPath.startsWith(owned + "/"))) {
                throw new IllegalArgumentException("cannot bind over " + containerPath + ": the sandbox owns "
                        + owned);
            }
        }
        // A socket stays usable through a read-only bind: the engine's socket would hand runs the host. The
        // host path lies on the engine's host, so only its name can be judged here.
        HostBinds.requireSafe(hostPath);
    }
}
