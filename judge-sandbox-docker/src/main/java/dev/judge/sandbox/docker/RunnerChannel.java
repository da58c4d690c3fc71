package dev.judge.sandbox.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The attached stdin/stdout of a warm container's serving runner (its first process). A run writes one
 * request and reads frames until the result frame, so a run costs no engine call at all: no exec, no
 * new connection. One run at a time per channel; the pool guarantees that.
 */
final class RunnerChannel implements Closeable {
    private static final byte[] END = new byte[0];
    private static final int MAX_DIAGNOSTICS = 64 * 1024;

    private final BlockingQueue<byte[]> outgoing = new LinkedBlockingQueue<>();
    /** Frames received for the current exchange; scanned once, as they arrive, for the result frame. */
    private byte[] incoming = new byte[64 * 1024];
    private int size;
    private int scanned;
    private boolean complete;
    /** {@link System#nanoTime()} when the result frame arrived. */
    private long completedAt;
    private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    private final Callback callback = new Callback();
    private boolean ended;
    private Throwable failure;

    /** The stream the engine client copies to the container's stdin; blocks until a request is queued. */
    InputStream stdin() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (pos == current.length) {
                    try {
                        current = outgoing.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return -1;
                    }
                    pos = 0;
                    if (current == END) {
                        outgoing.add(END);
                        return -1;
                    }
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** False once the container's stream ended (container stopped, killed or removed). */
    synchronized boolean isOpen() {
        return !ended;
    }

    ResultCallback<Frame> callback() {
        return callback;
    }

    /**
     * What one exchange produced; {@code response} is null when the runner ended or the time ran out.
     * {@code nothingReceived}: the stream ended without a byte or a diagnostic for this request.
     * {@code arrivedAt}: {@link System#nanoTime()} when the answer (or the end of the stream) came.
     */
    record Exchange(byte[] response, boolean timedOut, String diagnostics, boolean nothingReceived, long arrivedAt) {
    }

    /** Sends one request and waits for the runner's frames up to and including its result frame. */
    Exchange exchange(byte[] request, Duration timeout) throws InterruptedException {
        send(request);
        return await(System.nanoTime() + timeout.toNanos());
    }

    /** Sends one request; {@link #await} then waits for its answer. */
    void send(byte[] request) {
        synchronized (this) {
            if (incoming.length > (1 << 20)) {
                // An idle warm container should not keep the last large output alive.
                incoming = new byte[64 * 1024];
            }
            size = 0;
            scanned = 0;
            complete = false;
            diagnostics.reset();
        }
        outgoing.add(request);
    }

    /** Waits until {@code deadline} ({@link System#nanoTime()}) for the answer to the request sent last. */
    Exchange await(long deadline) throws InterruptedException {
        synchronized (this) {
            while (true) {
                if (complete) {
                    return new Exchange(Arrays.copyOf(incoming, size), false, "", false, completedAt);
                }
                if (ended) {
                    String why = diagnostics.toString(StandardCharsets.UTF_8).strip();
                    if (failure != null) {
                        why = (why.isEmpty() ? "" : why + "; ") + failure;
                    }
                    return new Exchange(null, false, why, size == 0 && diagnostics.size() == 0, System.nanoTime());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new Exchange(null, true, "", false, System.nanoTime());
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Appends received bytes and moves the scan over every complete frame. */
    private void append(byte[] data) {
        if (size + data.length > incoming.length) {
            incoming = Arrays.copyOf(incoming, Math.max(incoming.length * 2, size + data.length));
        }
        System.arraycopy(data, 0, incoming, size, data.length);
        size += data.length;
        while (!complete && size - scanned >= 5) {
            int type = incoming[scanned] & 0xff;
            int len = ByteBuffer.wrap(incoming, scanned + 1, 4).getInt();
            if (len < 0 || size - scanned - 5 < len) {
                break;
            }
            scanned += 5 + len;
            complete = type == RunnerProtocol.FRAME_RESULT;
            if (complete) {
                completedAt = System.nanoTime();
            }
        }
    }

    @Override
    public void close() {
        outgoing.add(END);
        try {
            callback.close();
        } catch (IOException e) {
            // the container is being removed anyway
        }
    }

    private final class Callback extends ResultCallback.Adapter<Frame> {
        @Override
        public void onNext(Frame frame) {
            synchronized (RunnerChannel.this) {
                if (frame.getStreamType() == StreamType.STDOUT || frame.getStreamType() == StreamType.RAW) {
                    append(frame.getPayload());
                } else if (frame.getStreamType() == StreamType.STDERR && diagnostics.size() < MAX_DIAGNOSTICS) {
                    diagnostics.writeBytes(frame.getPayload());
                }
                RunnerChannel.this.notifyAll();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            synchronized (RunnerChannel.this) {
                failure = throwable;
                ended = true;
                RunnerChannel.this.notifyAll();
            }
            super.onError(throwable);
        }

        @Override
        public void onComplete() {
            synchronized (RunnerChannel.this) {
                ended = true;
                RunnerChannel.this.notifyAll();
            }
            super.onComplete();
        }
    }
}
