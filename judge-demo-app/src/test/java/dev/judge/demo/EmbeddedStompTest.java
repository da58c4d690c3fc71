package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.demo.support.EmbeddedServerTest;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * STOMP over WebSocket beside the SSE streams, with the same authorisation: a submission's live events and a
 * contest's live scoreboard reach their subscribers; no token, someone else's submission or the jury board without
 * the role end in an ERROR frame.
 */
@EmbeddedServerTest
class EmbeddedStompTest extends JudgingSupport {
    private final WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
    private final BlockingQueue<String> errors = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        client.stop();
    }

    private StompSession connect(String token) throws Exception {
        StompHeaders headers = new StompHeaders();
        if (token != null) {
            headers.add("Authorization", "Bearer " + token);
        }
        return client.connectAsync("ws://localhost:" + port + "/ws", new WebSocketHttpHeaders(), headers,
                new StompSessionHandlerAdapter() {
                    @Override
                    public void handleException(StompSession s, StompCommand c, StompHeaders h, byte[] p,
                            Throwable e) {
                        errors.add(String.valueOf(e));
                    }

                    @Override
                    public void handleTransportError(StompSession s, Throwable e) {
                        errors.add(String.valueOf(e.getMessage()));
                    }

                    @Override
                    public void handleFrame(StompHeaders h, Object payload) {
                        errors.add(String.valueOf(h.getFirst("message")));
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    /** Subscribes and collects the messages' JSON. */
    private BlockingQueue<JsonNode> subscribe(StompSession session, String destination) {
        BlockingQueue<JsonNode> got = new LinkedBlockingQueue<>();
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                try {
                    got.add(JSON.readTree((byte[]) payload));
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }
        });
        return got;
    }

    @Test
    void aSubmissionsLiveEventsArriveOverStomp() throws Exception {
        String admin = adminToken();
        long problem = sumProblem(admin);
        String user = userToken();
        StompSession session = connect(user);
        String id = submit(user, problem, "c", SLOW_SUM_C); // two seconds: the subscription is in place before the end
        BlockingQueue<JsonNode> events = subscribe(session, "/topic/submissions/" + id);
        JsonNode finished = null;
        List<String> types = new java.util.ArrayList<>();
        while (finished == null) {
            JsonNode e = events.poll(60, TimeUnit.SECONDS);
            assertThat(e).as("events so far: %s", types).isNotNull();
            types.add(e.path("type").asText());
            if (e.path("type").asText().equals("finished")) {
                finished = e.path("data");
            }
        }
        assertThat(types).contains("test");
        assertThat(finished.path("verdict").asText()).isEqualTo("AC");
        assertThat(finished.path("id").asText()).isEqualTo(id);

        // someone else's submission: refused, as GET answers 404
        StompSession other = connect(userToken());
        subscribe(other, "/topic/submissions/" + id);
        assertThat(errors.poll(10, TimeUnit.SECONDS)).contains("there is no submission");
    }

    @Test
    void aContestsScoreboardArrivesOverStompAndTheJuryBoardNeedsTheRole() throws Exception {
        String admin = adminToken();
        long problem = sumProblem(admin);
        Instant now = Instant.now();
        Response created = postJson("/api/v1/contests", admin, json(Map.of("title", "Stomp Cup", "scoring", "IOI",
                "startsAt", now.minusSeconds(60).toString(), "endsAt", now.plusSeconds(3600).toString(),
                "problems", List.of(Map.of("label", "A", "problemId", problem)))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long contest = created.json().path("id").asLong();
        String user = userToken();
        assertThat(postJson("/api/v1/contests/" + contest + "/registrations", user, "{}").status()).isEqualTo(200);

        StompSession session = connect(user);
        BlockingQueue<JsonNode> boards = subscribe(session, "/topic/contests/" + contest + "/scoreboard");
        JsonNode first = boards.poll(20, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.path("rows").get(0).path("score").asDouble()).isZero();
        awaitFinished(submit(user, problem, "c", SUM_C), user);
        // a board can come before the solve's (one was seen still at 0): wait for the solve to show
        List<Double> scores = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!scores.contains(2.0) && System.nanoTime() < deadline) {
            JsonNode next = boards.poll(1, TimeUnit.SECONDS);
            if (next != null) {
                scores.add(next.path("rows").get(0).path("score").asDouble());
            }
        }
        assertThat(scores).as("the scores on the boards after the solve").contains(2.0);

        // On a session of its own: Spring closes the connection right after queueing the ERROR frame, and a board
        // in flight to the same session holds the send, so the frame can be dropped (Spring's
        // ConcurrentWebSocketSessionDecorator stops sending once closing); the refusal never depends on that.
        subscribe(connect(user), "/topic/contests/" + contest + "/scoreboard/jury");
        assertThat(errors.poll(10, TimeUnit.SECONDS)).contains("only administrators");
    }

    @Test
    void connectingWithoutAValidTokenIsRefused() throws Exception {
        for (String[] attempt : new String[][] {{"not-a-token", "not valid"}, {null, "needs an 'Authorization"}}) {
            CompletableFuture<StompSession> refused = CompletableFuture.supplyAsync(() -> {
                try {
                    return connect(attempt[0]);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            // the ERROR frame's message; the earlier attempt's connection may report its closing meanwhile
            List<String> heard = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (heard.stream().noneMatch(e -> e.contains(attempt[1])) && System.nanoTime() < deadline) {
                String e = errors.poll(1, TimeUnit.SECONDS);
                if (e != null) {
                    heard.add(e);
                }
            }
            assertThat(heard).as("what the client heard").anyMatch(e -> e.contains(attempt[1]));
            assertThat(refused.isDone() && !refused.isCompletedExceptionally()).as("no session").isFalse();
            refused.cancel(true);
            errors.clear();
        }
    }
}
