package dev.judge.core.testsupport;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * A plain process runner for tests: NOT a security boundary, never shipped.
 *
 * <p>Each run gets a fresh temp work dir. The command runs under {@code /usr/bin/time} (CPU time and peak RSS of
 * the program and the children it waited for) and {@code prlimit} (RLIMIT_CPU rounded up to whole seconds,
 * RLIMIT_FSIZE, RLIMIT_NOFILE, RLIMIT_STACK). Stdin, stdout and stderr are files outside the work dir (for a
 * {@link #runPair pair}, stdin and stdout are pipes the test JVM pumps between the two), so a
 * background child holding them cannot stall the run. The wall clock is enforced by killing the process tree.
 * Memory is measured, not enforced: a peak RSS above the limit is reported as {@link Termination#MEMORY_LIMIT}
 * after the fact. Processes and network are not limited.
 */
public final class ProcessSandbox implements Sandbox {
    private static final Path TIME = Path.of("/usr/bin/time");
    private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
    private static final int SIGKILL = 9;
    private static final int SIGXCPU = 24;
    private static final int SIGXFSZ = 25;
    private static final List<String> PASSED_ENV = List.of("PATH", "HOME", "RUSTUP_HOME", "CARGO_HOME",
            "PYENV_ROOT", "PYENV_VERSION");

    private static final Object FORK_LOCK = new Object();

    private final Path root;
    private volatile boolean closed;

    public ProcessSandbox() {
        if (!usable()) {
            throw new SandboxException("ProcessSandbox needs " + TIME + " (GNU time) and " + PRLIMIT);
        }
        try {
            this.root = Files.createTempDirectory("judge-process-sandbox");
        } catch (IOException e) {
            throw new SandboxException("cannot create a temp dir", e);
        }
    }

    /** Whether the tools this sandbox wraps commands with are installed. */
    public static boolean usable() {
        return Files.isExecutable(TIME) && Files.isExecutable(PRLIMIT);
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public SandboxResult run(SandboxRequest request) {
        if (closed) {
            throw new SandboxException("sandbox closed");
        }
        Path box;
        try {
            box = Files.createTempDirectory(root, "box");
        } catch (IOException e) {
            return SandboxResult.failure("cannot create a work dir: " + e.getMessage());
        }
        try {
            return runIn(box, request);
        } catch (IOException e) {
            return SandboxResult.failure(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SandboxResult.failure("interrupted");
        } finally {
            delete(box);
        }
    }

    private SandboxResult runIn(Path box, SandboxRequest request) throws IOException, InterruptedException {
        return launch(box, request, false).await();
    }

    /**
     * Runs both commands at once, each in a box of its own, connected by two pipes the test JVM pumps: what one
     * writes reaches the other, flushed at once. A pump that reads end of file closes its partner's stdin once
     * the writer's end has been seen (as the sandboxes' helpers hold a copy of each command's stdout until they
     * have its end time), so an end caused by the partner's end is always seen second; a pump that cannot write
     * (the partner has ended) closes the writer's stdout, so the writer's next write gets a broken pipe, as with
     * a direct pipe. The order of the ends is the order in which the waits returned.
     */
    @Override
    public PairResult runPair(SandboxRequest program, SandboxRequest peer) {
        if (closed) {
            throw new SandboxException("sandbox closed");
        }
        Path programBox = null;
        Path peerBox = null;
        List<Launched> launched = new ArrayList<>();
        try {
            programBox = Files.createTempDirectory(root, "box");
            peerBox = Files.createTempDirectory(root, "box");
            launched.add(launch(programBox, program, true));
            launched.add(launch(peerBox, peer, true));
            Launched p = launched.get(0);
            Launched q = launched.get(1);
            CountDownLatch programSeen = new CountDownLatch(1);
            CountDownLatch peerSeen = new CountDownLatch(1);
            Thread toPeer = pump(p.process(), programSeen, q.process(), "program-to-peer");
            Thread toProgram = pump(q.process(), peerSeen, p.process(), "peer-to-program");
            AtomicReference<PairResult.Side> first = new AtomicReference<>();
            // Each side waits on a thread of its own, so the first end is seen when it happens.
            FutureTask<SandboxResult> peerEnd = new FutureTask<>(
                    () -> awaitSide(q, PairResult.Side.PEER, first, peerSeen));
            Thread peerWaiter = new Thread(peerEnd, "peer-waiter");
            peerWaiter.setDaemon(true);
            peerWaiter.start();
            SandboxResult programResult = awaitSide(p, PairResult.Side.PROGRAM, first, programSeen);
            SandboxResult peerResult;
            try {
                peerResult = peerEnd.get();
            } catch (ExecutionException e) {
                peerResult = SandboxResult.failure(String.valueOf(e.getCause()));
            }
            toPeer.join();
            toProgram.join();
            return new PairResult(programResult, peerResult, first.get());
        } catch (IOException e) {
            SandboxResult failure = SandboxResult.failure(e.toString());
            return new PairResult(failure, failure, PairResult.Side.PROGRAM);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SandboxResult failure = SandboxResult.failure("interrupted");
            return new PairResult(failure, failure, PairResult.Side.PROGRAM);
        } finally {
            launched.forEach(l -> killTree(l.process().toHandle()));
            if (programBox != null) {
                delete(programBox);
            }
            if (peerBox != null) {
                delete(peerBox);
            }
        }
    }

    private static SandboxResult awaitSide(Launched l, PairResult.Side side, AtomicReference<PairResult.Side> first,
            CountDownLatch seen) {
        try {
            return l.await(() -> {
                first.compareAndSet(null, side);
                seen.countDown();
            });
        } catch (IOException e) {
            first.compareAndSet(null, side);
            return SandboxResult.failure(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(l.process().toHandle());
            return SandboxResult.failure("interrupted");
        } finally {
            seen.countDown();
        }
    }

    /** Passes what {@code from} writes to {@code to}; at its end of file, once {@code fromSeen}, closes the rest. */
    private static Thread pump(Process from, CountDownLatch fromSeen, Process to, String name) {
        Thread t = new Thread(() -> {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    try {
                        out.write(buffer, 0, n);
                        out.flush();
                    } catch (IOException partnerGone) {
                        break;
                    }
                }
                if (n < 0) {
                    fromSeen.await(); // the writer's end is seen before its partner reads end of file
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException writerGone) {
                // the writer's stdout is gone: nothing more to pass on
            } finally {
                closeQuietly(out);
                closeQuietly(in);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed or broken: either way it is closed now
        }
    }

    /** A started command: its process and where its stderr, stdout and timing land. */
    private record Launched(Process process, Limits limits, Path work, Path stdout, Path stderr, Path timing,
            long cpuSeconds, long start, List<String> collect) {

        SandboxResult await() throws IOException, InterruptedException {
            return await(() -> { });
        }

        /**
         * Waits for the end (killing the tree at the wall time), runs {@code ended} when the run ends (for a
         * killed run, just before the kill), then reads the result.
         */
        SandboxResult await(Runnable ended) throws IOException, InterruptedException {
            Process p = process;
            boolean exited;
            try {
                exited = p.waitFor(limits.wallTime().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                killTree(p.toHandle()); // a cancelled run must not leave its processes behind
                throw e;
            }
            Duration killedCpu = Duration.ZERO;
            if (!exited) {
                // the run ends when it is stopped, before its partner can see the end of file that follows
                ended.run();
                killedCpu = cpuOfTree(p.toHandle());
                killTree(p.toHandle());
                p.waitFor();
            } else {
                ended.run();
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);

            int outCap = (int) Math.min(Integer.MAX_VALUE, limits.outputSize().bytes());
            byte[] out = stdout == null ? new byte[0] : head(stdout, outCap);
            byte[] err = head(stderr, outCap);
            boolean truncated = (stdout != null && Files.size(stdout) > outCap) || Files.size(stderr) > outCap;
            List<SandboxFile> collected = ProcessSandbox.collect(work, collect);

            if (!exited) {
                return new SandboxResult(Termination.WALL_TIME_LIMIT, -1, SIGKILL, out, err, truncated, killedCpu,
                        wall, ByteSize.ZERO, collected, "");
            }
            Timing t = Timing.read(timing);
            if (t == null) {
                return SandboxResult.failure("no timing from " + TIME + ": " + new String(err, StandardCharsets.UTF_8));
            }
            Termination termination;
            int exitCode = -1;
            int signal = 0;
            if (t.signal() > 0) {
                signal = t.signal();
                if (signal == SIGXCPU || (signal == SIGKILL && t.cpu().compareTo(limits.cpuTime()) >= 0)) {
                    termination = Termination.CPU_TIME_LIMIT;
                } else if (signal == SIGXFSZ) {
                    termination = Termination.OUTPUT_LIMIT;
                } else {
                    termination = Termination.SIGNALED;
                }
            } else {
                exitCode = t.exitCode();
                termination = truncated ? Termination.OUTPUT_LIMIT : Termination.EXITED;
            }
            if (termination == Termination.EXITED && t.peak().isGreaterThan(limits.memory())) {
                termination = Termination.MEMORY_LIMIT;
            }
            Duration cpu = t.cpu();
            if (signal == SIGXCPU && cpu.compareTo(Duration.ofSeconds(cpuSeconds)) < 0) {
                // The kernel sends SIGXCPU on its exact runtime count; rusage splits time by sampling and can read
                // lower. The signal itself proves the soft limit was used up.
                cpu = Duration.ofSeconds(cpuSeconds);
            }
            return new SandboxResult(termination, exitCode, signal, out, err, truncated, cpu, wall, t.peak(),
                    collected, "");
        }
    }

    /**
     * Places the files and starts the command. Stdin and stdout are files outside the work dir, or, for one side
     * of a pair ({@code piped}), pipes to the test JVM.
     */
    private Launched launch(Path box, SandboxRequest request, boolean piped) throws IOException {
        Limits limits = request.limits();
        Path work = Files.createDirectory(box.resolve("work"));
        for (SandboxFile f : request.files()) {
            Path target = work.resolve(f.path());
            Files.createDirectories(target.getParent());
            if (f.executable()) {
                // A fork in another thread while this file is open for writing would inherit the descriptor,
                // and exec of the file fails with ETXTBSY (exit 126) until that child closes it. Writing
                // executables and forking under one lock closes that window.
                synchronized (FORK_LOCK) {
                    Files.write(target, f.content());
                }
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            } else {
                Files.write(target, f.content());
            }
        }
        Path stdout = piped ? null : box.resolve("stdout");
        Path stderr = box.resolve("stderr");
        Path timing = box.resolve("time");

        long cpuSeconds = Math.max(1, (limits.cpuTime().toMillis() + 999) / 1000);
        long fileSize = Math.max(limits.fileSize().bytes(), limits.outputSize().bytes() + 1);
        List<String> command = new ArrayList<>(List.of(TIME.toString(), "-f", "%x %e %U %S %M", "-o",
                timing.toString(), PRLIMIT.toString(), "--cpu=" + cpuSeconds + ":" + (cpuSeconds + 1),
                "--fsize=" + fileSize, "--nofile=" + limits.openFiles(), "--stack=" + limits.stack().bytes(), "--"));
        command.addAll(request.command());

        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectError(stderr.toFile());
        if (piped) {
            pb.redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.PIPE);
        } else {
            pb.redirectInput(Files.write(box.resolve("stdin"), request.stdin()).toFile())
                    .redirectOutput(stdout.toFile());
        }
        Map<String, String> env = pb.environment();
        Map<String, String> host = Map.copyOf(env);
        env.clear();
        for (String name : PASSED_ENV) {
            if (host.containsKey(name)) {
                env.put(name, host.get(name));
            }
        }
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.putAll(request.environment());

        long start = System.nanoTime();
        Process p;
        synchronized (FORK_LOCK) {
            p = pb.start();
        }
        return new Launched(p, limits, work, stdout, stderr, timing, cpuSeconds, start, request.collect());
    }

    /** What GNU time wrote: an optional status line, then {@code exit elapsed user system maxRssKiB}. */
    private record Timing(int exitCode, int signal, Duration cpu, ByteSize peak) {
        static Timing read(Path file) throws IOException {
            if (!Files.exists(file)) {
                return null;
            }
            int signal = 0;
            String last = null;
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("Command terminated by signal ")) {
                    signal = Integer.parseInt(line.substring("Command terminated by signal ".length()).trim());
                } else if (!line.isBlank() && !line.startsWith("Command ")) {
                    last = line.trim();
                }
            }
            if (last == null) {
                return null;
            }
            String[] f = last.split("\\s+");
            if (f.length < 5) {
                return null;
            }
            double cpuSeconds = Double.parseDouble(f[2]) + Double.parseDouble(f[3]);
            return new Timing(Integer.parseInt(f[0]), signal, Duration.ofMillis(Math.round(cpuSeconds * 1000)),
                    ByteSize.ofKiB(Long.parseLong(f[4])));
        }
    }

    /** CPU time of the live processes under {@code root}, from {@code /proc/<pid>/stat} (utime + stime). */
    private static Duration cpuOfTree(ProcessHandle root) {
        long ticks = 0;
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        for (ProcessHandle h : all) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                // The process ended meanwhile; its time is lost, which only makes the figure a lower bound.
            }
        }
        return Duration.ofMillis(ticks * 10);
    }

    private static void killTree(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }

    private static byte[] head(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        }
    }

    private static List<SandboxFile> collect(Path work, List<String> patterns) throws IOException {
        if (patterns.isEmpty()) {
            return List.of();
        }
        List<PathMatcher> matchers = patterns.stream()
                .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p)).toList();
        List<SandboxFile> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // symlinks could point out of the box
                }
                Path rel = work.relativize(f);
                if (matchers.stream().anyMatch(m -> m.matches(rel))) {
                    out.add(new SandboxFile(rel.toString(), Files.readAllBytes(f), Files.isExecutable(f)));
                }
            }
        }
        return out;
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Left for the OS to clean the temp dir; a test must not fail on it.
        }
    }

    @Override
    public void close() {
        closed = true;
        delete(root);
    }
}
