package dev.judge.demo.judge0;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * How a Judge0 submission was asked to run, in Judge0's units (seconds, kilobytes), as it reports them. Kept as
 * the row's {@code limits_json}: rows written before the request options existed read with them off.
 *
 * @param perProcessTimeLimit   Judge0's {@code enable_per_process_and_thread_time_limit}: accepted and reported;
 *                              the sandboxes here always limit the CPU time of the whole run, which is the
 *                              stricter of the two
 * @param perProcessMemoryLimit likewise for memory: the whole run's memory is limited
 * @param compilerOptions       the options as the client wrote them, or {@code null}
 * @param commandLineArguments  the arguments as the client wrote them, or {@code null}
 * @param additionalFiles       the {@code additional_files} archive in base64 as the client sent it, or
 *                              {@code null}: Judge0 reports it back, and the row has no column of its own for it
 * @param enableNetwork         whether the runs get network (rows written before it read as off)
 */
record Judge0Limits(double cpuTimeLimit, double cpuExtraTime, double wallTimeLimit, long memoryLimit,
        long stackLimit, int maxProcessesAndOrThreads, long maxFileSize, int numberOfRuns,
        boolean redirectStderrToStdout, Boolean perProcessTimeLimit, Boolean perProcessMemoryLimit,
        String compilerOptions, String commandLineArguments, String additionalFiles, Boolean enableNetwork) {

    /** Boxed switches, as older rows have none and the server's mapper refuses a missing primitive. */
    @JsonCreator
    Judge0Limits {
        numberOfRuns = Math.max(1, numberOfRuns);
        perProcessTimeLimit = Boolean.TRUE.equals(perProcessTimeLimit);
        perProcessMemoryLimit = Boolean.TRUE.equals(perProcessMemoryLimit);
        enableNetwork = Boolean.TRUE.equals(enableNetwork);
    }

    /** Limits of a submission without the per-process switches, options or arguments. */
    Judge0Limits(double cpuTimeLimit, double cpuExtraTime, double wallTimeLimit, long memoryLimit, long stackLimit,
            int maxProcessesAndOrThreads, long maxFileSize, int numberOfRuns, boolean redirectStderrToStdout) {
        this(cpuTimeLimit, cpuExtraTime, wallTimeLimit, memoryLimit, stackLimit, maxProcessesAndOrThreads,
                maxFileSize, numberOfRuns, redirectStderrToStdout, false, false, null, null, null, false);
    }
}
