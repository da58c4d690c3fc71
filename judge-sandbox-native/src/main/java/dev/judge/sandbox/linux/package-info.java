/**
 * The Linux sandbox: namespaces, cgroup v1 and v2, seccomp, rlimits, a read-only root and a tmpfs work dir.
 */
package dev.judge.sandbox.linux;
