package dev.judge.demo.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The address a request came from, for the per-address budget. The socket's peer, unless that peer is one of the
 * trusted proxies ({@code judge.demo.rate-limit.trusted-proxies}): then {@code X-Forwarded-For} is read from the
 * right, past every trusted proxy, and the first address that is not one is the client. Entries left of it were
 * written by the client itself and could be anything, so they are never used; from an untrusted peer the header
 * is ignored entirely.
 */
final class ClientAddress {
    static final String FORWARDED_FOR = "X-Forwarded-For";
    private final List<IpRange> trusted;

    ClientAddress(List<String> trustedProxies) {
        List<IpRange> ranges = new ArrayList<>();
        for (String cidr : trustedProxies) {
            try {
                ranges.add(IpRange.parse(cidr));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("judge.demo.rate-limit.trusted-proxies: " + e.getMessage(), e);
            }
        }
        this.trusted = List.copyOf(ranges);
    }

    String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trusted.isEmpty() || !isTrusted(IpRange.literal(peer))) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpRange.literal(hops.get(i));
            if (hop.isEmpty()) {
                break; // garbage (or "unknown"): keep the last address a trusted proxy vouched for
            }
            client = hop.get().getHostAddress();
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(Optional<InetAddress> address) {
        return address.isPresent() && trusted.stream().anyMatch(r -> r.contains(address.get()));
    }
}
