package dev.judge.demo.stomp;

import dev.judge.demo.auth.AuthenticatedUser;
import java.util.function.Consumer;

/**
 * A family of STOMP destinations a client may subscribe to, with the same authorisation as the HTTP resource they
 * mirror. Each subscription gets its own messages (the state so far, then every change), sent to that subscriber
 * alone.
 */
public interface Topic {

    /** Whether this topic serves {@code destination}. */
    boolean serves(String destination);

    /**
     * Opens a subscription of {@code user} to {@code destination}: checks the user may see it, sends what there is
     * to {@code send} and every later change until the returned handle is closed.
     *
     * @throws org.springframework.messaging.MessagingException (or a subclass) when the user may not subscribe
     *         or there is no such resource
     */
    AutoCloseable open(String destination, AuthenticatedUser user, Consumer<Object> send);
}
