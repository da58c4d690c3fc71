package dev.judge.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trace a queued job was submitted in, as propagation headers (W3C Trace Context: {@code traceparent}, and
 * {@code tracestate} or {@code baggage} where the tracer writes them). It travels with the job through the queue,
 * so the worker that judges it, maybe on another node, continues the submitter's trace. {@link #NONE} when the
 * submitter was not traced.
 *
 * <p>Bounded, because it is stored with every job: at most {@value #MAX_HEADERS} headers, names of lower-case
 * letters, digits, {@code -} and {@code _}, values of at most {@value #MAX_VALUE} printable ASCII characters.
 *
 * @param headers the headers, in the order given
 */
public record TraceContext(Map<String, String> headers) {
    public static final int MAX_HEADERS = 8;
    public static final int MAX_VALUE = 512;
    /** No trace. */
    public static final TraceContext NONE = new TraceContext(Map.of());

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7e]{0," + MAX_VALUE + "}");
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    public TraceContext {
        Objects.requireNonNull(headers, "headers");
        if (headers.size() > MAX_HEADERS) {
            throw new IllegalArgumentException("at most " + MAX_HEADERS + " trace headers, got " + headers.size());
        }
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("bad trace header name: " + name);
            }
            if (value == null || !VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("bad value of trace header " + name);
            }
            copy.put(name, value);
        });
        headers = Collections.unmodifiableMap(copy);
    }

    /** The context of these headers, or {@link #NONE} for none. */
    public static TraceContext of(Map<String, String> headers) {
        return headers.isEmpty() ? NONE : new TraceContext(headers);
    }

    public boolean isEmpty() {
        return headers.isEmpty();
    }

    /** The trace id of the {@code traceparent} header (32 lower-case hex digits), when there is a valid one. */
    public Optional<String> traceId() {
        String parent = headers.get("traceparent");
        if (parent == null) {
            return Optional.empty();
        }
        Matcher m = TRACEPARENT.matcher(parent);
        return m.matches() && !m.group(1).equals("0".repeat(32)) ? Optional.of(m.group(1)) : Optional.empty();
    }
}
