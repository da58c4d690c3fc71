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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live scoreboards: each open stream gets a {@code scoreboard} event with the whole board when it opens and
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

    /** Opens a stream of contest {@code id}'s board ({@code jury}: the unfrozen one) and sends it at once. */
    SseEmitter open(long id, boolean jury) {
        Scoreboard now = contests.scoreboard(contests.require(id), jury);
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Stream s = new Stream(emitter, jury);
        streams.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(s);
        Runnable close = () -> streams.computeIfPresent(id, (k, list) -> {
            list.remove(s);
            return list.isEmpty() ? null : list;
        });
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(e -> close.run());
        s.send(now);
        return emitter;
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
                e.getValue().forEach(s -> s.emitter.completeWithError(ex));
                streams.remove(e.getKey());
            }
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
        streams.values().forEach(list -> list.forEach(s -> s.emitter.complete()));
        streams.clear();
    }

    /** One client's stream and the board it was sent last. */
    private static final class Stream {
        final SseEmitter emitter;
        final boolean jury;
        Scoreboard last;

        Stream(SseEmitter emitter, boolean jury) {
            this.emitter = emitter;
            this.jury = jury;
        }

        synchronized void send(Scoreboard board) {
            if (board.equals(last)) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().name("scoreboard").data(board));
                last = board;
            } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone); // the client went away; completion removes the stream
            }
        }
    }
}
