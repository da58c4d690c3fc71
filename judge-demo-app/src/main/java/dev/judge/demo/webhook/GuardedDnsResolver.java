package dev.judge.demo.webhook;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The webhook client's only way from a host name to addresses: one lookup through the {@link CallbackGuard},
 * whose checked answer is what the connection then uses. Checking and connecting can therefore not see
 * different DNS answers (rebinding), and a refused answer ends the attempt before any socket is opened.
 */
final class GuardedDnsResolver implements DnsResolver {
    private final CallbackGuard guard;

    GuardedDnsResolver(CallbackGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return guard.permitted(host);
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(a -> new InetSocketAddress(a, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return host; // never used for connecting; no second lookup
    }
}
