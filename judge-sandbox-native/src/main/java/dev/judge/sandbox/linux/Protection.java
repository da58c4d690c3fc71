package dev.judge.sandbox.linux;

import java.util.Objects;

/**
 * One protection the native sandbox relies on, as the doctor found it.
 *
 * @param name   short name: {@code root} or {@code rootless} (the mode), {@code namespaces}, {@code seccomp},
 *               {@code cgroups},
 *               {@code uid-separation}, {@code user-namespace}
 * @param active whether the protection is in force on this host
 * @param detail what was found, or why the protection is missing
 */
public record Protection(String name, boolean active, String detail) {
    public Protection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }
}
