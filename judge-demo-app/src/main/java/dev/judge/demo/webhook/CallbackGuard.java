package dev.judge.demo.webhook;

import dev.judge.demo.DemoProperties;
import dev.judge.demo.web.ApiException;
import dev.judge.demo.web.FieldProblem;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Keeps callbacks off the server's own network (SSRF): a callback URL must be http(s) with a host whose every
 * address is public, that is not loopback, link-local, site-local (private), unique-local, multicast or
 * unspecified, unless the host is listed in {@code judge.demo.webhook-allow}. Checked when a submission names
 * the URL, and at each delivery on the very lookup the connection uses ({@link GuardedDnsResolver}), so a name
 * whose DNS answer changes in between (rebinding) cannot lead the callback to an internal address.
 */
@Component
public class CallbackGuard {
    private final Set<String> allowed;
    private final HostResolver resolver;

    public CallbackGuard(DemoProperties properties, HostResolver resolver) {
        this.allowed = properties.webhookAllow().stream().map(h -> h.toLowerCase(Locale.ROOT).trim())
                .collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** The URL if it may be called, else a 422 naming {@code field}. */
    public URI check(String field, String url) {
        if (url.length() > 2048) {
            throw refuse(field, "must be at most 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refuse(field, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refuse(field, "must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw refuse(field, "must name a host and no user information");
        }
        String reason = blockedReason(uri.getHost());
        if (reason != null) {
            throw refuse(field, reason);
        }
        return uri;
    }

    /** Why the host may not be called now (after a fresh lookup), or null when it may. */
    public String blockedReason(String host) {
        try {
            permitted(host);
            return null;
        } catch (RefusedHostException e) {
            return e.getMessage();
        } catch (UnknownHostException e) {
            return "names a host that does not resolve";
        }
    }

    /**
     * Looks {@code host} up once and returns the addresses a callback may connect to: all of them, when every one
     * is public or allow-listed (or the host name itself is allow-listed); otherwise refuses the host as a whole.
     */
    public InetAddress[] permitted(String host) throws UnknownHostException {
        String h = host.toLowerCase(Locale.ROOT);
        String bare = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        InetAddress[] addresses = resolver.lookup(bare);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(bare);
        }
        if (allowed.contains(h) || allowed.contains(bare)) {
            return addresses;
        }
        for (InetAddress a : addresses) {
            if (allowed.contains(a.getHostAddress())) {
                continue;
            }
            if (blocked(a)) {
                throw new RefusedHostException("must not point at a loopback, private, link-local, multicast or"
                        + " unspecified address (" + a.getHostAddress() + ")");
            }
        }
        return addresses;
    }

    static boolean blocked(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()
                || a.isAnyLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local
            }
            boolean v4Mapped = true;
            for (int i = 0; i < 10; i++) {
                v4Mapped &= b[i] == 0;
            }
            if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return blocked(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 // "this network"
                || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                || (first == 169 && second == 254) // link-local (cloud metadata)
                || first >= 240; // reserved and broadcast
    }

    private static ApiException refuse(String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "the callback URL is refused",
                List.of(new FieldProblem(field, message)));
    }
}
