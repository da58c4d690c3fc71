package dev.judge.sandbox.linux;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived helper process (it holds one box): started once, then one request and one response per run,
 * each a big-endian length-prefixed message over the helper's stdin/stdout.
 */
final class Helper implements AutoCloseable {
    static final int PROTOCOL = 2;
    static final int RES_WALL_KILLED = 1;
    static final int RES_CPU_KILLED = 2;
    static final int RES_OUTPUT_EXCEEDED = 4;
    static final int RES_EXEC_FAILED = 8;
    static final int RES_NO_STATUS = 16;
    static final int RES_COLLECT_TRUNCATED = 32;
    static final int RES_FILE_LIMIT = 64;
    /** The collection stopped at its budget of entries or depth (see box-isolation.h). */
    static final int RES_COLLECT_BUDGET = 128;
    /** Request flags (one word): the run joins the box network; the program's fd 2 is its fd 1. */
    static final int REQ_NETWORK = 1;
    static final int REQ_STDERR_TO_STDOUT = 2;

    /** A run's part in a pair: which command it is and the names of its FIFOs in the helper's pipes directory. */
    record PairEnd(int role, String readPipe, String writePipe) {
        static final int PROGRAM = 1;
        static final int PEER = 2;
    }

    /** One run as the helper sees it; {@code pair} is {@code null} for a run on its own. */
    record Request(long cpuNs, long wallNs, long fileSize, long stack, int openFiles, int processes,
                   long outputCap, long collectCap, long addressSpace, boolean network, boolean stderrToStdout,
                   int profile, List<String> argv, List<String> env, List<FileEntry> files, byte[] stdin,
                   List<String> collect, PairEnd pair) {
    }

    record FileEntry(String path, boolean executable, byte[] content) {
    }

    /**
     * What the helper reports; {@code failure} non-null when the run could not be set up. {@code endNs} is when
     * the helper saw the program end, on the host's monotonic clock (comparable between helpers).
     */
    record Response(String failure, int flags, int waitStatus, int execErrno, long wallNs, long endNs, long rusageCpuNs,
                    long maxRssBytes, byte[] stdout, byte[] stderr, List<FileEntry> collected,
                    CgroupReadings readings) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    /** Kills a helper that does not answer in time, so a stuck helper can never block a caller for good. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "judge-native-watchdog");
        t.setDaemon(true);
        return t;
    });
    static final long START_TIMEOUT_SECONDS = 20;
    /** Slack over a run's wall limit for writing files, collecting and cleaning up. */
    static final long RUN_SLACK_SECONDS = 20;

    private final Process process;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final Path log;

    private Helper(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
    }

    static Helper start(Path binary, List<String> args, Path log) throws IOException {
        HelperBinary.verify(binary);
        return launch(binary, args, log);
    }

    /** Starts a helper binary without the digest check; only the spawn benchmark's bare build uses this. */
    static Helper launch(Path binary, List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().clear();
        Helper h = new Helper(pb.start(), log);
        ScheduledFuture<?> guard = WATCHDOG.schedule(h.process::destroyForcibly, START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        try {
            DataInputStream msg = h.readMessage();
            guard.cancel(false);
            int status = msg.readInt();
            int version = msg.readInt();
            if (status != 0 || version != PROTOCOL) {
                throw new IOException("unexpected helper handshake " + status + "/" + version);
            }
            return h;
        } catch (IOException e) {
            guard.cancel(false);
            h.close();
            throw new IOException("the sandbox helper did not start: " + h.reason(), e);
        }
    }

    /** The helper's last words, for error messages. */
    String reason() {
        try {
            process.waitFor(1, TimeUnit.SECONDS);
            String s = Files.exists(log) ? Files.readString(log).trim() : "";
            return s.isEmpty() ? "no message (exit " + (process.isAlive() ? "n/a" : process.exitValue()) + ")" : s;
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Response run(Request r) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256 + r.stdin().length);
        DataOutputStream d = new DataOutputStream(buf);
        d.writeInt(1);
        d.writeLong(r.cpuNs());
        d.writeLong(r.wallNs());
        d.writeLong(r.fileSize());
        d.writeLong(r.stack());
        d.writeInt(r.openFiles());
        d.writeInt(r.processes());
        d.writeLong(r.outputCap());
        d.writeLong(r.collectCap());
        d.writeLong(r.addressSpace());
        d.writeInt((r.network() ? REQ_NETWORK : 0) | (r.stderrToStdout() ? REQ_STDERR_TO_STDOUT : 0));
        d.writeInt(r.profile());
        strings(d, r.argv());
        strings(d, r.env());
        d.writeInt(r.files().size());
        for (FileEntry f : r.files()) {
            bytes(d, f.path().getBytes(StandardCharsets.UTF_8));
            d.writeInt(f.executable() ? 0100 : 0);
            bytes(d, f.content());
        }
        bytes(d, r.stdin());
        strings(d, r.collect());
        PairEnd p = r.pair();
        d.writeInt(p == null ? 0 : p.role());
        bytes(d, p == null ? new byte[0] : p.readPipe().getBytes(StandardCharsets.UTF_8));
        bytes(d, p == null ? new byte[0] : p.writePipe().getBytes(StandardCharsets.UTF_8));
        d.flush();
        ScheduledFuture<?> guard = WATCHDOG.schedule(process::destroyForcibly,
                TimeUnit.NANOSECONDS.toSeconds(r.wallNs()) + RUN_SLACK_SECONDS, TimeUnit.SECONDS);
        DataInputStream m;
        try {
            out.writeInt(buf.size());
            buf.writeTo(out);
            out.flush();
            m = readMessage();
        } finally {
            guard.cancel(false);
        }
        if (m.readInt() != 0) {
            return new Response(new String(readBytes(m), StandardCharsets.UTF_8), 0, 0, 0, 0, 0, 0, 0,
                    new byte[0], new byte[0], List.of(), null);
        }
        int flags = m.readInt();
        int wait = m.readInt();
        int errno = m.readInt();
        long wall = m.readLong();
        long end = m.readLong();
        long cpu = m.readLong();
        long rss = m.readLong();
        byte[] so = readBytes(m);
        byte[] se = readBytes(m);
        int n = m.readInt();
        List<FileEntry> collected = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String path = new String(readBytes(m), StandardCharsets.UTF_8);
            boolean exec = m.readInt() != 0;
            collected.add(new FileEntry(path, exec, readBytes(m)));
        }
        int stats = m.readInt();
        List<String> before = new ArrayList<>(stats);
        List<String> after = new ArrayList<>(stats);
        for (int i = 0; i < stats; i++) {
            before.add(new String(readBytes(m), StandardCharsets.US_ASCII));
            after.add(new String(readBytes(m), StandardCharsets.US_ASCII));
        }
        int failedResets = m.readInt();
        return new Response(null, flags, wait, errno, wall, end, cpu, rss, so, se, collected,
                new CgroupReadings(before, after, failedResets));
    }

    private DataInputStream readMessage() throws IOException {
        int len = in.readInt();
        if (len < 0) {
            throw new IOException("bad message length " + len);
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return new DataInputStream(new java.io.ByteArrayInputStream(b));
    }

    private static byte[] readBytes(DataInputStream m) throws IOException {
        int n = m.readInt();
        byte[] b = new byte[n];
        m.readFully(b);
        return b;
    }

    private static void strings(DataOutputStream d, List<String> list) throws IOException {
        d.writeInt(list.size());
        for (String s : list) {
            bytes(d, s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void bytes(DataOutputStream d, byte[] b) throws IOException {
        d.writeInt(b.length);
        d.write(b);
    }

    /** Closing stdin makes the helper kill a run in progress and exit; SIGKILL if it lingers. */
    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // the helper is gone already
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the helper's probe mode and returns its lines ("name ok" / "name missing reason"). */
    static List<String> probe(Path binary) throws IOException, InterruptedException {
        HelperBinary.verify(binary);
        Process p = new ProcessBuilder(binary.toString(), "--probe").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(5, TimeUnit.SECONDS);
        return List.of(text.split("\n"));
    }
}
