package dev.judge.demo.submission;

import dev.judge.demo.auth.AuthenticatedUser;
import dev.judge.demo.stomp.Topic;
import dev.judge.demo.web.ApiException;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.stereotype.Component;

/**
 * {@code /topic/submissions/{id}}: the submission's live events over STOMP, each a message {@code {"type":
 * "status"|"test"|"finished", "data": ...}} with the data of the SSE event of that name.
 */
@Component
class SubmissionTopic implements Topic {
    private static final Pattern DESTINATION = Pattern.compile("/topic/submissions/([^/]{1,36})");
    private final SubmissionEvents events;

    SubmissionTopic(SubmissionEvents events) {
        this.events = events;
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
        try {
            return events.open(m.group(1), user, new LiveStream.Sink() {
                @Override
                public void send(String name, Object data) {
                    send.accept(Map.of("type", name, "data", data));
                }

                @Override
                public void complete() {
                    // the subscription stays until the client ends it; 'finished' was the last message
                }
            });
        } catch (ApiException e) {
            throw new MessageDeliveryException(e.getMessage());
        } catch (IOException e) {
            throw new MessageDeliveryException("cannot send to the subscriber: " + e.getMessage());
        }
    }
}
