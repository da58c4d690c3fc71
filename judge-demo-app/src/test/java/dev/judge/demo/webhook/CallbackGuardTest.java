package dev.judge.demo.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.demo.DemoProperties;
import dev.judge.demo.accept.AdmissionTest;
import dev.judge.demo.web.ApiException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The SSRF guard's address classes; literal addresses only, so no DNS is needed. */
class CallbackGuardTest {
    private final CallbackGuard guard = new CallbackGuard(AdmissionTest.properties(), InetAddress::getAllByName);

    @Test
    void refusesInternalTargets() {
        for (String url : new String[] {"http://127.0.0.1/", "http://localhost:8080/", "http://[::1]/",
                "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.0.1/", "http://169.254.169.254/",
                "http://0.0.0.0/", "http://224.0.0.1/", "http://[fd00::1]/", "http://[fe80::1]/",
                "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/", "ftp://8.8.8.8/", "http://user@8.8.8.8/",
                "not a url"}) {
            assertThatThrownBy(() -> guard.check("callbackUrl", url)).as(url).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).errors().get(0).field()).isEqualTo("callbackUrl"));
        }
    }

    @Test
    void acceptsPublicAddressesAndTheAllowList() throws Exception {
        assertThat(guard.check("callbackUrl", "https://8.8.8.8/hook").getHost()).isEqualTo("8.8.8.8");
        assertThat(CallbackGuard.blocked(InetAddress.getByName("2001:4860:4860::8888"))).isFalse();
        DemoProperties allowing = new DemoProperties(null, "admin", null, null, true, null, true, null, null, null,
                java.util.List.of("127.0.0.1"), null, null, null);
        assertThat(new CallbackGuard(allowing, InetAddress::getAllByName).check("callbackUrl", "http://127.0.0.1:9/x")
                .getPort()).isEqualTo(9);
    }
}
