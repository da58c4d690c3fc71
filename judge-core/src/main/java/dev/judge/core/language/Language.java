package dev.judge.core.language;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How to compile and run one programming language: data, not code. The defaults ship as the resource
 * {@code dev/judge/core/language/languages.properties}; {@link Languages} reads, overrides and extends them.
 *
 * <p>Commands are argument lists run without a shell. They may use these placeholders:
 * {@code {src}} (the main source file name), {@code {sources}} (every source file whose name ends like
 * {@link #sourceFile()}, as separate arguments), {@code {memoryMiB}} (the run's memory limit in MiB,
 * before {@link #extraMemory()}) and, in the run command only, {@code {mainClass}} (the class declaring
 * {@code public static void main(String[])} among the compiled class files, for JVM languages).
 *
 * @param id             stable identifier, for example {@code cpp}; lower case letters, digits, {@code _-.}
 * @param name           display name, for example {@code C++ 17 (GCC)}
 * @param sourceFile     name of the main source file, for example {@code Main.java}
 * @param compileCommand the compile command, or empty for a language that runs its sources directly
 * @param runCommand     the run command, started in a work dir holding the artifact (or the sources)
 * @param artifacts      glob patterns of the files the compile step leaves for the run step
 * @param timeMultiplier factor applied to the CPU and wall time limits (at least 1)
 * @param extraTime      time added to the CPU and wall time limits after the factor
 * @param extraMemory    memory added to the memory limit (runtime overhead, for example a JVM's)
 * @param minProcesses   processes/threads the runtime needs at least; a lower limit is raised to this
 * @param profile        sandbox profile: {@code default}, {@code jvm} or {@code node}
 * @param versionCommand prints the toolchain's version; also tells whether the toolchain is there
 * @param judge0Ids      Judge0 CE 1.13 language ids this language answers to
 */
public record Language(
        String id,
        String name,
        String sourceFile,
        List<String> compileCommand,
        List<String> runCommand,
        List<String> artifacts,
        double timeMultiplier,
        Duration extraTime,
        ByteSize extraMemory,
        int minProcesses,
        String profile,
        List<String> versionCommand,
        List<Integer> judge0Ids) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    public Language {
        check(id != null && ID.matcher(id).matches(), "id",
                "must be 1-64 lower case letters, digits, '_', '-' or '.', was '" + id + "'");
        String at = "language '" + id + "': ";
        check(name != null && !name.isBlank(), at + "name", "must not be blank");
        check(sourceFile != null && isPlainName(sourceFile), at + "sourceFile",
                "must be a plain file name, was '" + sourceFile + "'");
        compileCommand = copy(compileCommand, at + "compileCommand");
        runCommand = copy(runCommand, at + "runCommand");
        check(!runCommand.isEmpty(), at + "runCommand", "must not be empty");
        artifacts = copy(artifacts, at + "artifacts");
        check(compileCommand.isEmpty() || !artifacts.isEmpty(), at + "artifacts",
                "a compiled language must name the files its compile step leaves");
        check(Double.isFinite(timeMultiplier) && timeMultiplier >= 1 && timeMultiplier <= 100,
                at + "timeMultiplier", "must be between 1 and 100, was " + timeMultiplier);
        check(extraTime != null && !extraTime.isNegative() && extraTime.compareTo(Limits.MAX_TIME) <= 0,
                at + "extraTime", "must be between 0 and " + Limits.MAX_TIME + ", was " + extraTime);
        check(extraMemory != null && !extraMemory.isGreaterThan(Limits.MAX_MEMORY), at + "extraMemory",
                "must be at most " + Limits.MAX_MEMORY + ", was " + extraMemory);
        check(minProcesses >= 1 && minProcesses <= Limits.MAX_PROCESSES, at + "minProcesses",
                "must be between 1 and " + Limits.MAX_PROCESSES + ", was " + minProcesses);
        check(profile != null && !profile.isBlank(), at + "profile", "must not be blank");
        versionCommand = copy(versionCommand, at + "versionCommand");
        check(!versionCommand.isEmpty(), at + "versionCommand", "must not be empty");
        check(judge0Ids != null, at + "judge0Ids", "must not be null");
        judge0Ids = List.copyOf(judge0Ids);
    }

    /** Whether sources are compiled before they run. */
    public boolean compiled() {
        return !compileCommand.isEmpty();
    }

    /**
     * The limits a run of this language gets for a submission's limits: time scaled and extended, memory
     * extended, processes raised to the runtime's minimum, all within the hard bounds of {@link Limits}.
     */
    public Limits allowFor(Limits limits) {
        return limits.withCpuTime(scale(limits.cpuTime()))
                .withWallTime(scale(limits.wallTime()))
                .withMemory(min(ByteSize.ofBytes(saturatedAdd(limits.memory().bytes(), extraMemory.bytes())),
                        Limits.MAX_MEMORY))
                .withProcesses(Math.max(limits.processes(), minProcesses));
    }

    private Duration scale(Duration d) {
        double nanos = d.toNanos() * timeMultiplier + extraTime.toNanos();
        return Duration.ofNanos((long) Math.min(nanos, Limits.MAX_TIME.toNanos()));
    }

    private static ByteSize min(ByteSize a, ByteSize b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static List<String> copy(List<String> list, String field) {
        check(list != null, field, "must not be null");
        for (String s : list) {
            check(s != null && !s.isEmpty(), field, "must not hold empty arguments");
        }
        return List.copyOf(list);
    }

    static boolean isPlainName(String name) {
        return !name.isBlank() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0 && name.length() <= 255;
    }

    private static void check(boolean condition, String field, String message) {
        if (!condition) {
            throw new IllegalArgumentException(field + ": " + message);
        }
    }

    @Override
    public String toString() {
        return "Language[" + id + ", " + name + "]";
    }
}
