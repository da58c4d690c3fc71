package dev.judge.demo.stomp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.demo.auth.AuthenticatedUser;
import dev.judge.demo.auth.BearerAuthentication;
import dev.judge.demo.auth.TokenHeaderResolver;
import dev.judge.demo.auth.UserAuthentication;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

/**
 * Every frame a STOMP client sends passes here first. CONNECT must carry a valid token (checked as on HTTP); a
 * SUBSCRIBE is to a {@link Topic} that allows it, or refused with an ERROR frame; SEND is refused (clients only
 * listen). An accepted subscription gets its messages sent to that one subscriber (not through the broker, so two
 * clients watching one submission each get their own start), and ends with UNSUBSCRIBE or the session.
 */
@Component
class StompSubscriptions implements ChannelInterceptor {
    private static final Logger log = LoggerFactory.getLogger(StompSubscriptions.class);
    private final BearerAuthentication bearer;
    private final List<Topic> topics;
    private final ObjectMapper json;
    private final MessageChannel outbound;
    /** Open subscriptions by session id, then subscription id. */
    private final Map<String, Map<String, AutoCloseable>> open = new ConcurrentHashMap<>();

    StompSubscriptions(BearerAuthentication bearer, List<Topic> topics, ObjectMapper json,
            @Lazy @Qualifier("clientOutboundChannel") MessageChannel outbound) {
        this.bearer = bearer;
        this.topics = List.copyOf(topics);
        this.json = json;
        this.outbound = outbound;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (frame == null || frame.getCommand() == null) {
            return message;
        }
        switch (frame.getCommand()) {
            case CONNECT, STOMP -> frame.setUser(authenticate(frame));
            case SUBSCRIBE -> subscribe(frame);
            case UNSUBSCRIBE -> close(frame.getSessionId(), frame.getSubscriptionId());
            case DISCONNECT -> closeAll(frame.getSessionId());
            case SEND -> throw new MessageDeliveryException("clients only subscribe on this server");
            default -> {
                // ACK, NACK, transactions: nothing to check
            }
        }
        return message;
    }

    private UserAuthentication authenticate(StompHeaderAccessor frame) {
        String token = frame.getFirstNativeHeader(TokenHeaderResolver.HEADER);
        String authorization = frame.getFirstNativeHeader("Authorization");
        if (token == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).trim();
        }
        if (token == null || token.isBlank()) {
            throw new MessageDeliveryException("CONNECT needs an 'Authorization: Bearer <token>' header");
        }
        try {
            return bearer.authenticate(token);
        } catch (AuthenticationException e) {
            throw new MessageDeliveryException("the token is not valid: " + e.getMessage());
        }
    }

    private void subscribe(StompHeaderAccessor frame) {
        AuthenticatedUser user = user(frame.getUser());
        String destination = frame.getDestination();
        String session = frame.getSessionId();
        String subscription = frame.getSubscriptionId();
        if (destination == null || subscription == null) {
            throw new MessageDeliveryException("SUBSCRIBE needs a destination and an id");
        }
        Topic topic = topics.stream().filter(t -> t.serves(destination)).findFirst()
                .orElseThrow(() -> new MessageDeliveryException("there is no topic " + destination));
        AutoCloseable handle = topic.open(destination, user, payload -> send(session, subscription, destination,
                payload));
        AutoCloseable previous = open.computeIfAbsent(session, k -> new ConcurrentHashMap<>()).put(subscription, handle);
        closeQuietly(previous);
    }

    private static AuthenticatedUser user(Principal principal) {
        if (principal instanceof UserAuthentication u) {
            return u.getPrincipal();
        }
        throw new MessageDeliveryException("CONNECT with a token first");
    }

    private void send(String session, String subscription, String destination, Object payload) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(session);
        headers.setSubscriptionId(subscription);
        headers.setDestination(destination);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        try {
            outbound.send(MessageBuilder.createMessage(json.writeValueAsBytes(payload), headers.getMessageHeaders()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + payload.getClass().getSimpleName(), e);
        }
    }

    private void close(String session, String subscription) {
        Map<String, AutoCloseable> of = open.get(session);
        if (of != null && subscription != null) {
            closeQuietly(of.remove(subscription));
        }
    }

    private void closeAll(String session) {
        Map<String, AutoCloseable> of = session == null ? null : open.remove(session);
        if (of != null) {
            of.values().forEach(StompSubscriptions::closeQuietly);
        }
    }

    int open() {
        return open.values().stream().mapToInt(Map::size).sum();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.debug("closing a subscription failed", e);
        }
    }
}
