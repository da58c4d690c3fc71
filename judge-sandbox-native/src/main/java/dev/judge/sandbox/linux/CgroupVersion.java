package dev.judge.sandbox.linux;

/** Which cgroup hierarchy the sandbox uses to limit and measure runs. */
public enum CgroupVersion {
    /** Legacy hierarchies, one per controller (memory, pids, cpuacct). */
    V1,
    /** The unified hierarchy. */
    V2,
    /** No usable cgroup controllers: runs are bounded by rlimits only. */
    NONE
}
