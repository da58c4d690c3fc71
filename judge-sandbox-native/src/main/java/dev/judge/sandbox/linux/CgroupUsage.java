package dev.judge.sandbox.linux;

/**
 * What a box's cgroup measured over one run.
 *
 * @param cpuNanos     CPU time of all the run's processes
 * @param peakBytes    peak memory (with swap where the hierarchy counts it)
 * @param oomKills     processes the kernel killed for reaching the memory limit
 * @param limitHits    times the memory limit was reached (reclaim or OOM)
 */
record CgroupUsage(long cpuNanos, long peakBytes, long oomKills, long limitHits) {
}
