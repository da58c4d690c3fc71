package dev.judge.demo.bench;

import dev.judge.core.language.Language;
import dev.judge.core.sandbox.BaseEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor a judge is measured against: the language's own compile and run commands started bare (no sandbox,
 * no judge) in a folder of their own, from this JVM, as many at a time as asked.
 */
final class BareRuns {
    private final Language language;
    private final Path dir;

    BareRuns(Language language, Path dir) {
        this.language = language;
        this.dir = dir;
    }

    /** Writes {@code source} as the language's main file and compiles it; returns the compile's wall time. */
    long compile(String source) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(language.sourceFile()), source);
        if (!language.compiled()) {
            return 0;
        }
        long t = System.nanoTime();
        byte[] out = run(expand(language.compileCommand()), new byte[0], true);
        long took = System.nanoTime() - t;
        if (out == null) {
            throw new IllegalStateException("bare compile of " + language.id() + " failed");
        }
        return took;
    }

    /**
     * Runs the program once per input on {@code threads} threads; returns the wall time of all of them and adds
     * each run's own wall time to {@code runTimes}.
     */
    long runAll(List<byte[]> inputs, int threads, List<Long> runTimes) throws Exception {
        List<String> command = expand(language.runCommand());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t = System.nanoTime();
            List<Future<Long>> futures = new ArrayList<>();
            for (byte[] in : inputs) {
                futures.add(pool.submit(() -> {
                    long s = System.nanoTime();
                    run(command, in, false);
                    return System.nanoTime() - s;
                }));
            }
            for (Future<Long> f : futures) {
                runTimes.add(f.get());
            }
            return System.nanoTime() - t;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The wall time of one run on {@code input}. */
    long runOnce(byte[] input) throws IOException, InterruptedException {
        List<String> command = expand(language.runCommand());
        long t = System.nanoTime();
        run(command, input, false);
        return System.nanoTime() - t;
    }

    /**
     * The command with the placeholders a bare run needs (one source file, the heap the judge would give) and its
     * program found on the sandbox's {@code PATH}.
     */
    private List<String> expand(List<String> command) {
        List<String> out = new ArrayList<>();
        String program = command.get(0);
        if (!program.contains("/")) {
            for (String d : BaseEnvironment.PATH.split(":")) {
                if (Files.isExecutable(Path.of(d, program))) {
                    program = d + "/" + program;
                    break;
                }
            }
        }
        out.add(program);
        for (String a : command.subList(1, command.size())) {
            out.add(a.replace("{sources}", language.sourceFile()).replace("{src}", language.sourceFile())
                    .replace("{memoryMiB}", "256").replace("{mainClass}", "Main"));
        }
        return out;
    }

    /** Stdout of the command, or null when it exited non-zero. */
    private byte[] run(List<String> command, byte[] stdin, boolean mergeStderr) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(mergeStderr);
        // The sandbox's environment, so both sides start the same programs (not, say, a version manager's shim).
        pb.environment().clear();
        pb.environment().putAll(BaseEnvironment.of(dir.toString(), Map.of()));
        if (!mergeStderr) {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        }
        byte[] out;
        try (InputStream o = p.getInputStream()) {
            out = o.readAllBytes();
        }
        int code = p.waitFor();
        if (code != 0) {
            System.err.println(String.join(" ", command) + " exited " + code + ": "
                    + new String(out, StandardCharsets.UTF_8));
            return null;
        }
        return out;
    }
}
