package dev.judge.demo.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which address a request is charged to, with and without trusted proxies (the HTTP tests cover the wiring). */
class ClientAddressTest {
    private final ClientAddress behindProxies = new ClientAddress(List.of("10.1.0.0/16", "192.0.2.7", "fd00::/8"));

    private static MockHttpServletRequest from(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/runs");
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader(ClientAddress.FORWARDED_FOR, header);
        }
        return request;
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(behindProxies.of(from("198.51.100.9", "203.0.113.5"))).isEqualTo("198.51.100.9");
        assertThat(new ClientAddress(List.of()).of(from("10.1.2.3", "203.0.113.5"))).isEqualTo("10.1.2.3");
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
        assertThat(behindProxies.of(from("10.1.2.3", "203.0.113.5"))).isEqualTo("203.0.113.5");
        // the client wrote "6.6.6.6" itself; the trusted proxies appended the rest
        assertThat(behindProxies.of(from("10.1.2.3", "6.6.6.6, 203.0.113.5, 192.0.2.7"))).isEqualTo("203.0.113.5");
        assertThat(behindProxies.of(from("192.0.2.7", "6.6.6.6", "203.0.113.5, 10.1.9.9"))).isEqualTo("203.0.113.5");
        assertThat(behindProxies.of(from("fd00::1", "2001:db8::5"))).isEqualTo("2001:db8:0:0:0:0:0:5");
    }

    @Test
    void withoutUsableHopsTheLastVouchedAddressIsKept() {
        assertThat(behindProxies.of(from("10.1.2.3"))).isEqualTo("10.1.2.3");
        assertThat(behindProxies.of(from("10.1.2.3", "203.0.113.5, unknown"))).isEqualTo("10.1.2.3");
        assertThat(behindProxies.of(from("10.1.2.3", "evil.example, 10.1.0.1"))).isEqualTo("10.1.0.1");
        assertThat(behindProxies.of(from("10.1.2.3", "999.1.1.1"))).isEqualTo("10.1.2.3");
    }

    @Test
    void badConfigurationNamesTheProperty() {
        for (String bad : List.of("10.0.0.0/33", "proxy.example", "10.0.0/8", "::1/129")) {
            assertThatThrownBy(() -> new ClientAddress(List.of(bad))).as(bad)
                    .hasMessageContaining("judge.demo.rate-limit.trusted-proxies");
        }
    }
}
