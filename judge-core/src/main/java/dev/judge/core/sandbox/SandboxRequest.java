package dev.judge.core.sandbox;

import dev.judge.core.model.Limits;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command to run in a fresh work dir.
 *
 * @param command     program and arguments; the program is looked up on the sandbox's PATH unless absolute.
 *                    No shell is involved.
 * @param files       files placed in the work dir before the command starts
 * @param stdin       bytes fed to the command's standard input, then end of file
 * @param limits      resource limits of the run
 * @param environment environment variables of the command (the sandbox adds a minimal PATH, HOME and LANG
 *                    when absent and passes nothing of its own environment)
 * @param collect     glob patterns ({@code *.class}, {@code main}) of work dir files to read back after the run
 * @param profile     the runtime profile the sandbox may relax its syscall filter for: {@code default},
 *                    {@code jvm} or {@code node}; unknown profiles mean {@code default}
 * @param stderrToStdout whether the command's fd 2 is the same pipe as its fd 1: everything written to either
 *                    arrives in {@link SandboxResult#stdout()} in the order it was written, and
 *                    {@link SandboxResult#stderr()} is empty (the output limit counts both together)
 */
public record SandboxRequest(
        List<String> command,
        List<SandboxFile> files,
        byte[] stdin,
        Limits limits,
        Map<String, String> environment,
        List<String> collect,
        String profile,
        boolean stderrToStdout) {

    public SandboxRequest {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        command = List.copyOf(command);
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        stdin = stdin == null ? new byte[0] : stdin;
        Objects.requireNonNull(limits, "limits");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        collect = List.copyOf(Objects.requireNonNull(collect, "collect"));
        profile = profile == null ? "default" : profile;
    }

    /** A request whose program keeps stdout and stderr apart. */
    public SandboxRequest(List<String> command, List<SandboxFile> files, byte[] stdin, Limits limits,
            Map<String, String> environment, List<String> collect, String profile) {
        this(command, files, stdin, limits, environment, collect, profile, false);
    }

    /** A request with no files, empty stdin, no extra environment, nothing to collect, default profile. */
    public static SandboxRequest of(List<String> command, Limits limits) {
        return new SandboxRequest(command, List.of(), new byte[0], limits, Map.of(), List.of(), "default");
    }

    public SandboxRequest withFiles(List<SandboxFile> f) {
        return new SandboxRequest(command, f, stdin, limits, environment, collect, profile, stderrToStdout);
    }

    public SandboxRequest withStdin(byte[] in) {
        return new SandboxRequest(command, files, in, limits, environment, collect, profile, stderrToStdout);
    }

    public SandboxRequest withEnvironment(Map<String, String> env) {
        return new SandboxRequest(command, files, stdin, limits, env, collect, profile, stderrToStdout);
    }

    public SandboxRequest withCollect(List<String> patterns) {
        return new SandboxRequest(command, files, stdin, limits, environment, patterns, profile, stderrToStdout);
    }

    public SandboxRequest withProfile(String p) {
        return new SandboxRequest(command, files, stdin, limits, environment, collect, p, stderrToStdout);
    }

    /** The same request with the program's stderr joined to its stdout, or kept apart. */
    public SandboxRequest withStderrToStdout(boolean joined) {
        return new SandboxRequest(command, files, stdin, limits, environment, collect, profile, joined);
    }

    public SandboxRequest withLimits(Limits l) {
        return new SandboxRequest(command, files, stdin, l, environment, collect, profile, stderrToStdout);
    }
}
