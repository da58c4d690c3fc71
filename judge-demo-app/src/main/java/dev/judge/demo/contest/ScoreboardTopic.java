package dev.judge.demo.contest;

import dev.judge.demo.auth.AuthenticatedUser;
import dev.judge.demo.stomp.Topic;
import dev.judge.demo.web.ApiException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.stereotype.Component;

/**
 * {@code /topic/contests/{id}/scoreboard} (and {@code .../scoreboard/jury}, administrators only): the live
 * scoreboard over STOMP, each message the whole board, as the SSE stream sends it.
 */
@Component
class ScoreboardTopic implements Topic {
    private static final Pattern DESTINATION = Pattern.compile("/topic/contests/(\\d{1,18})/scoreboard(/jury)?");
    private final ContestService contests;
    private final ScoreboardStreams streams;

    ScoreboardTopic(ContestService contests, ScoreboardStreams streams) {
        this.contests = contests;
        this.streams = streams;
    }

    @Override
    public boolean serves(String destination) {
        return DESTINATION.matcher(destination).matches();
    }

    @Override
    public AutoCloseable open(String destination, AuthenticatedUser user, Consumer<Object> send) {
        Matcher m = DESTINATION.matcher(destination);
        if (!m.matches()) {
            throw new MessageDeliveryException("there is no topic " + destination);
        }
        long id = Long.parseLong(m.group(1));
        boolean jury = m.group(2) != null;
        try {
            contests.scoreboard(id, user, jury); // the JSON board's checks: the contest exists, jury needs ADMIN
            Runnable close = streams.watch(id, jury, send::accept, e -> { });
            return close::run;
        } catch (ApiException e) {
            throw new MessageDeliveryException(e.getMessage());
        }
    }
}
