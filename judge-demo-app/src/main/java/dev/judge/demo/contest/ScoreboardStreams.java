package dev.judge.demo.contest;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live scoreboards: each watcher (an SSE stream, a STOMP subscription) gets the whole board when it starts and
 * whenever the board it sees changes. Boards of watched contests are computed again once a second (one public and
 * one jury board per contest, whoever watches) and sent only where they differ from what the stream last got, so
 * a change made on any node (a result, a rejudge, a registration, an unfreeze) shows within a second, and an idle
 * server with nobody watching does no work.
 */
@Component
class ScoreboardStreams implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ScoreboardStreams.class);
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private final ContestService contests;
    private final Map<Long, List<Stream>> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scoreboard-streams");
        t.setDaemon(true);
        return t;
    });

    ScoreboardStreams(ContestService contests) {
        this.contests = contests;
        ticker.scheduleWithFixedDelay(this::tick, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Opens an SSE stream of contest {@code id}'s board ({@code jury}: the unfrozen one): {@code scoreboard} events. */
    SseEmitter open(long id, boolean jury) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Runnable close = watch(id, jury, board -> {
            try {
                emitter.send(SseEmitter.event().name("scoreboard").data(board));
            } catch (IOException e) {
                throw new IllegalStateException("the client went away", e);
            }
        }, emitter::completeWithError);
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(e -> close.run());
        return emitter;
    }

    /**
     * Sends contest {@code id}'s board to {@code send} now and at every change until the returned action runs;
     * {@code failed} hears why the watch ended on its own (the contest is gone, the watcher failed).
     */
    Runnable watch(long id, boolean jury, Consumer<Scoreboard> send, Consumer<RuntimeException> failed) {
        Scoreboard now = contests.scoreboard(contests.require(id), jury);
        Stream s = new Stream(send, failed, jury);
        streams.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(s);
        Runnable close = () -> streams.computeIfPresent(id, (k, list) -> {
            list.remove(s);
            return list.isEmpty() ? null : list;
        });
        s.send(now);
        return close;
    }

    int open() {
        return streams.values().stream().mapToInt(List::size).sum();
    }

    private void tick() {
        for (Map.Entry<Long, List<Stream>> e : streams.entrySet()) {
            try {
                Contest c = contests.require(e.getKey());
                Scoreboard open = null;
                Scoreboard jury = null;
                for (Stream s : e.getValue()) {
                    if (s.jury) {
                        jury = jury != null ? jury : contests.scoreboard(c, true);
                        s.send(jury);
                    } else {
                        open = open != null ? open : contests.scoreboard(c, false);
                        s.send(open);
                    }
                }
            } catch (RuntimeException ex) {
                // a deleted contest or a database hiccup: end these streams; clients reconnect or give up
                log.debug("scoreboard of contest {} not sent", e.getKey(), ex);
                e.getValue().forEach(s -> s.failed.accept(ex));
                streams.remove(e.getKey());
            }
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
        streams.values().forEach(list -> list.forEach(s -> s.failed.accept(new IllegalStateException("stopping"))));
        streams.clear();
    }

    /** One watcher and the board it was sent last. */
    private static final class Stream {
        final Consumer<Scoreboard> send;
        final Consumer<RuntimeException> failed;
        final boolean jury;
        Scoreboard last;

        Stream(Consumer<Scoreboard> send, Consumer<RuntimeException> failed, boolean jury) {
            this.send = send;
            this.failed = failed;
            this.jury = jury;
        }

        synchronized void send(Scoreboard board) {
            if (board.equals(last)) {
                return;
            }
            try {
                send.accept(board);
                last = board;
            } catch (RuntimeException gone) {
                failed.accept(gone); // the watcher went away; its end removes the stream
            }
        }
    }
}
