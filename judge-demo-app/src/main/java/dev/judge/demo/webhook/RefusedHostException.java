package dev.judge.demo.webhook;

import java.net.UnknownHostException;

/**
 * A callback host whose lookup gave an address callbacks may not reach. An {@link UnknownHostException}, so the
 * HTTP client's connection setup stops at the lookup and never opens a socket.
 */
public class RefusedHostException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    public RefusedHostException(String reason) {
        super(reason);
    }
}
