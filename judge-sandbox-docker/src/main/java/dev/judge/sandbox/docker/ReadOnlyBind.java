package dev.judge.sandbox.docker;

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
        // A socket stays usable through a read-only bind: the engine's socket would hand runs the host.
        if (hostPath.equals("/") || hostPath.endsWith(".sock") || hostPath.startsWith("/var/run")
                || hostPath.startsWith("/run") || hostPath.startsWith("/proc") || hostPath.startsWith("/sys")
                || hostPath.startsWith("/dev")) {
            throw new IllegalArgumentException("refusing to bind " + hostPath + " into sandboxes");
        }
    }
}
