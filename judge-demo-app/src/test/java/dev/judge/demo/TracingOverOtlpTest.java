package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.judge.demo.support.ServerSupport;
import dev.judge.demo.support.TempDataDir;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tracing switched on, exporting over OTLP (HTTP, protobuf) to a collector inside the test: a submission whose
 * request continues the caller's trace is followed by spans through the queue to its stored result, its view
 * names the trace, and the log events of its request and of the worker judging it carry the trace id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "judge.demo.admin-password=" + ServerSupport.ADMIN_PASSWORD,
        "judge.demo.rate-limit.enabled=false",
        "management.tracing.enabled=true",
        "management.tracing.sampling.probability=1.0",
        "logging.level.dev.judge.core.worker=debug"})
@ContextConfiguration(initializers = TempDataDir.class)
@AutoConfigureObservability(metrics = false) // Boot's test support switches tracing off otherwise
class TracingOverOtlpTest extends JudgingSupport {
    private static final ConcurrentLinkedQueue<Span> SPANS = new ConcurrentLinkedQueue<>();
    private static final HttpServer COLLECTOR = collector();

    /** An OTLP/HTTP trace receiver: decodes each export request and keeps its spans. */
    private static HttpServer collector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(in.readAllBytes());
                    for (ResourceSpans resource : request.getResourceSpansList()) {
                        for (ScopeSpans scope : resource.getScopeSpansList()) {
                            SPANS.addAll(scope.getSpansList());
                        }
                    }
                }
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void exportToTheCollector(DynamicPropertyRegistry registry) {
        registry.add("management.otlp.tracing.endpoint",
                () -> "http://127.0.0.1:" + COLLECTOR.getAddress().getPort() + "/v1/traces");
    }

    @AfterAll
    static void stopCollector() {
        COLLECTOR.stop(0);
    }

    @Test
    void aSubmissionIsTracedFromItsRequestThroughTheQueueToItsStoredResult() {
        // The log events themselves, with their MDC: how a line prints the trace id is the logging pattern's
        // business, fixed by whichever application in this JVM set logging up first.
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(events);
        try {
            traceASubmission(events);
        } finally {
            root.detachAppender(events);
        }
    }

    private void traceASubmission(ListAppender<ILoggingEvent> events) {
        String admin = adminToken();
        long problem = sumProblem(admin);
        String traceId = hex(16);
        String callerSpan = hex(8);
        Response accepted = send(request("/api/v1/submissions", admin).header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("problemId", problem, "languageId", "c",
                        "source", SUM_C)))));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode view = awaitFinished(accepted.json().path("id").asText(), admin);
        assertThat(view.path("verdict").asText()).isEqualTo("AC");
        assertThat(view.path("traceId").asText()).isEqualTo(traceId);

        List<Span> trace = awaitSpans(traceId, "judge.job");
        Map<String, Long> names = trace.stream().collect(Collectors.groupingBy(Span::getName, Collectors.counting()));
        assertThat(names).containsEntry("judge.queue.wait", 1L).containsEntry("judge.job", 1L)
                .containsEntry("compile c", 1L).containsEntry("run c", 2L).containsEntry("check c", 2L)
                .containsEntry("store c", 1L);
        Span server = trace.stream().filter(s -> hex(s.getParentSpanId().toByteArray()).equals(callerSpan))
                .findFirst().orElseThrow(() -> new AssertionError("no span continues the caller's: " + names));
        assertThat(server.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        Span job = one(trace, "judge.job");
        Span wait = one(trace, "judge.queue.wait");
        assertThat(job.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(wait.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(wait.getStartTimeUnixNano()).isLessThanOrEqualTo(wait.getEndTimeUnixNano());
        for (String phase : List.of("compile c", "run c", "check c", "store c")) {
            assertThat(trace).filteredOn(s -> s.getName().equals(phase))
                    .allSatisfy(s -> assertThat(s.getParentSpanId()).as(phase).isEqualTo(job.getSpanId()));
        }

        // Log lines carry the trace: the request's access line, and the worker's line as it stores the result.
        awaitLog(events, traceId, "POST /api/v1/submissions -> 202");
        awaitLog(events, traceId, "judged: AC");
    }

    private static void awaitLog(ListAppender<ILoggingEvent> events, String traceId, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!hasLine(events, traceId, text) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        assertThat(hasLine(events, traceId, text)).as("a log event with trace %s and %s", traceId, text).isTrue();
    }

    private static boolean hasLine(ListAppender<ILoggingEvent> events, String traceId, String text) {
        List<ILoggingEvent> logged;
        synchronized (events) { // the appender appends under its own lock
            logged = List.copyOf(events.list);
        }
        return logged.stream().anyMatch(e -> traceId.equals(e.getMDCPropertyMap().get("traceId"))
                && e.getFormattedMessage().contains(text));
    }

    /** The spans of {@code traceId} once one named {@code last} has arrived (exports come in batches). */
    private static List<Span> awaitSpans(String traceId, String last) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<Span> trace = SPANS.stream().filter(s -> hex(s.getTraceId().toByteArray()).equals(traceId)).toList();
            if (trace.stream().anyMatch(s -> s.getName().equals(last))) {
                return trace;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new AssertionError("no span " + last + " of trace " + traceId + " arrived; the collector has "
                + SPANS.stream().map(Span::getName).toList());
    }

    private static Span one(List<Span> spans, String name) {
        List<Span> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.get(0);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros, which W3C Trace Context calls invalid
        return hex(b);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
