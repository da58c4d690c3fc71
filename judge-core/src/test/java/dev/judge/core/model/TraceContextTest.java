package dev.judge.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceContextTest {
    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsTheTraceIdOfAValidTraceparentOnly() {
        assertThat(TraceContext.of(Map.of("traceparent", PARENT)).traceId())
                .hasValue("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceContext.NONE.traceId()).isEmpty();
        assertThat(TraceContext.of(Map.of("traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")).traceId())
                .as("the all-zero trace id is invalid").isEmpty();
        assertThat(TraceContext.of(Map.of("traceparent", "garbage")).traceId()).isEmpty();
        assertThat(TraceContext.of(Map.of("b3", "x")).traceId()).isEmpty();
    }

    @Test
    void isBoundedBecauseItTravelsWithEveryJob() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i <= TraceContext.MAX_HEADERS; i++) {
            many.put("h" + i, "v");
        }
        assertThatThrownBy(() -> TraceContext.of(many)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most");
        assertThatThrownBy(() -> TraceContext.of(Map.of("traceparent", "x".repeat(TraceContext.MAX_VALUE + 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TraceContext.of(Map.of("Trace Parent", PARENT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> TraceContext.of(Map.of("baggage", "line\nbreak")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baggage");
    }

    @Test
    void keepsItsHeadersInOrderAndUnmodifiable() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("traceparent", PARENT);
        given.put("tracestate", "judge=1");
        TraceContext trace = TraceContext.of(given);
        given.put("baggage", "later");
        assertThat(trace.headers()).containsExactly(Map.entry("traceparent", PARENT), Map.entry("tracestate", "judge=1"));
        assertThatThrownBy(() -> trace.headers().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(TraceContext.of(Map.of())).isSameAs(TraceContext.NONE);
    }
}
