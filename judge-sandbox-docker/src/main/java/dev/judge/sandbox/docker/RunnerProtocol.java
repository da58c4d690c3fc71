package dev.judge.sandbox.docker;

import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte format between the sandbox and the runner in the image ({@code src/main/c/runner.c}).
 * Everything is length-prefixed, so the runner never depends on the engine forwarding end-of-file on
 * an exec's stdin.
 */
final class RunnerProtocol {
    static final int FRAME_STDOUT = 1;
    static final int FRAME_STDERR = 2;
    static final int FRAME_FILE = 3;
    static final int FRAME_RESULT = 4;

    private RunnerProtocol() {
    }

    /** Pair modes as the runner reads them: which of the two FIFOs it opens first. */
    private static final int PAIR_NONE = 0;
    private static final int PAIR_STDOUT_FIRST = 1;
    private static final int PAIR_STDIN_FIRST = 2;
    /** Bit of the pair byte: the command's fd 2 is its stdout ({@link SandboxRequest#stderrToStdout()}). */
    private static final int STDERR_TO_STDOUT = 0x80;

    /**
     * One side's ends of a pair: the FIFOs (paths inside the container) that become the command's stdin and
     * stdout, and whether the runner opens the stdout one first. Both sides open the FIFO towards the peer
     * first, so the program's runner starts with its stdout and the peer's with its stdin.
     */
    record PairEnds(String stdin, String stdout, boolean stdoutFirst) {
    }

    /** The request as the runner reads it; {@code environment} is complete (defaults already added). */
    static byte[] encode(SandboxRequest request, Map<String, String> environment) {
        return encode(request, environment, null);
    }

    /** The request of one side of a pair ({@code ends} not null: the request's stdin bytes are not sent). */
    static byte[] encode(SandboxRequest request, Map<String, String> environment, PairEnds ends) {
        byte[] stdin = ends == null ? request.stdin() : new byte[0];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 + stdin.length
                + request.files().stream().mapToInt(f -> f.content().length + f.path().length() + 16).sum());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write("JDG2".getBytes(StandardCharsets.US_ASCII));
            writeStrings(out, request.command());
            List<String> env = new ArrayList<>();
            environment.forEach((k, v) -> env.add(k + "=" + v));
            writeStrings(out, env);
            Limits l = request.limits();
            out.writeLong(toMicros(l.cpuTime()));
            out.writeLong(toMicros(l.wallTime()));
            out.writeInt(l.processes());
            out.writeLong(l.outputSize().bytes());
            out.writeLong(l.fileSize().bytes());
            out.writeLong(l.stack().bytes());
            out.writeInt(l.openFiles());
            writeStrings(out, request.collect());
            out.writeByte((ends == null ? PAIR_NONE : ends.stdoutFirst() ? PAIR_STDOUT_FIRST : PAIR_STDIN_FIRST)
                    | (request.stderrToStdout() ? STDERR_TO_STDOUT : 0));
            writeString(out, ends == null ? "" : ends.stdin());
            writeString(out, ends == null ? "" : ends.stdout());
            out.writeInt(request.files().size());
            for (SandboxFile f : request.files()) {
                writeString(out, f.path());
                out.writeByte(f.executable() ? 1 : 0);
                out.writeLong(f.content().length);
                out.write(f.content());
            }
            out.writeLong(stdin.length);
            out.write(stdin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static long toMicros(java.time.Duration d) {
        return d.toNanos() / 1000;
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            writeString(out, v);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a command, environment entry or pattern contains a NUL byte");
        }
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** What the runner sent back; {@code result} is null when it ended without its result record. */
    record Response(byte[] stdout, byte[] stderr, List<SandboxFile> files, Map<String, String> result) {
        String get(String key) {
            return result.getOrDefault(key, "");
        }

        long getLong(String key) {
            String v = result.get(key);
            return v == null || v.isEmpty() ? 0 : Long.parseLong(v);
        }
    }

    /** Parses the runner's framed output; a cut-off last frame (runner killed) is ignored. */
    static Response decode(byte[] stream) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        List<SandboxFile> files = new ArrayList<>();
        Map<String, String> result = null;
        ByteBuffer in = ByteBuffer.wrap(stream);
        while (in.remaining() >= 5) {
            int type = in.get() & 0xff;
            int len = in.getInt();
            if (len < 0 || len > in.remaining()) {
                break;
            }
            byte[] data = new byte[len];
            in.get(data);
            switch (type) {
                case FRAME_STDOUT -> stdout.writeBytes(data);
                case FRAME_STDERR -> stderr.writeBytes(data);
                case FRAME_FILE -> files.add(decodeFile(data));
                case FRAME_RESULT -> result = decodeResult(data);
                default -> throw new IllegalStateException("unknown runner frame type " + type);
            }
        }
        return new Response(stdout.toByteArray(), stderr.toByteArray(), files, result);
    }

    private static SandboxFile decodeFile(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        int pathLen = b.getInt();
        byte[] path = new byte[pathLen];
        b.get(path);
        boolean executable = b.get() != 0;
        byte[] content = new byte[b.remaining()];
        b.get(content);
        return new SandboxFile(new String(path, StandardCharsets.UTF_8), content, executable);
    }

    private static Map<String, String> decodeResult(byte[] data) {
        Map<String, String> map = new HashMap<>();
        for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return map;
    }
}
