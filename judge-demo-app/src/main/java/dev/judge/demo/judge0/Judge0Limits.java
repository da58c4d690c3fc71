package dev.judge.demo.judge0;

/** The limits a Judge0 submission ran under, in Judge0's units (seconds, kilobytes), as it reports them. */
record Judge0Limits(double cpuTimeLimit, double cpuExtraTime, double wallTimeLimit, long memoryLimit,
        long stackLimit, int maxProcessesAndOrThreads, long maxFileSize, int numberOfRuns,
        boolean redirectStderrToStdout) {
}
