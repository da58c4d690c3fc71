package dev.judge.demo.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.demo.DemoProperties;
import dev.judge.demo.web.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpStatus;

/**
 * Deliveries through the real HTTP client to listeners on loopback, with a scripted DNS: a name whose answer turns
 * internal between the submission's check and the delivery (rebinding) never reaches the listener, while an
 * allow-listed name is delivered to exactly the address its guarded lookup gave.
 */
class WebhookRebindingTest {
    private static final byte[] PUBLIC = {(byte) 203, 0, 113, 10}; // TEST-NET-3: public by the guard's rules
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<WebhookSender> senders = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (WebhookSender s : senders) {
            s.destroy();
        }
        for (Listener l : listeners) {
            l.close();
        }
    }

    @Test
    void aNameRebindingToLoopbackAfterTheCheckNeverReachesIt() throws Exception {
        Listener loopback = listen("127.0.0.1", "HTTP/1.1 204 No Content");
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> lookups.incrementAndGet() == 1 ? answer(host, PUBLIC)
                : answer(host, new byte[] {127, 0, 0, 1});
        CallbackGuard guard = new CallbackGuard(properties(Map.of()), rebinding);
        String url = "http://rebound.test:" + loopback.port() + "/hook";

        assertThat(guard.check("callbackUrl", url).getHost()).as("public at submission").isEqualTo("rebound.test");
        boolean delivered = sender(guard, Map.of()).send(url, "POST", Map.of("id", "x")).get(30, TimeUnit.SECONDS);

        assertThat(delivered).isFalse();
        assertThat(loopback.connections()).as("connections to the loopback listener").isZero();
        assertThat(lookups.get()).as("one lookup at submission, one at delivery, checked and connected to")
                .isEqualTo(2);
    }

    @Test
    void anAnswerMixingPublicAndLoopbackIsRefusedAsAWhole() throws Exception {
        Listener loopback = listen("127.0.0.1", "HTTP/1.1 204 No Content");
        HostResolver mixed = host -> new InetAddress[] {InetAddress.getByAddress(host, PUBLIC),
                InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        CallbackGuard guard = new CallbackGuard(properties(Map.of()), mixed);
        String url = "http://mixed.test:" + loopback.port() + "/hook";

        assertThatThrownBy(() -> guard.check("callbackUrl", url)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY));
        assertThat(sender(guard, Map.of()).send(url, "PUT", Map.of()).get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(loopback.connections()).isZero();
    }

    @Test
    void anAllowListedNameIsDeliveredToTheAddressOfItsGuardedLookup() throws Exception {
        Listener loopback = listen("127.0.0.1", "HTTP/1.1 204 No Content");
        // The name exists in no DNS: a delivery can only land through the guard's own lookup.
        HostResolver scripted = host -> {
            if (!host.equals("hooks.test")) {
                throw new UnknownHostException(host);
            }
            return answer(host, new byte[] {127, 0, 0, 1});
        };
        Map<String, String> allow = Map.of("judge.demo.webhook-allow", "hooks.test",
                "judge.demo.webhook-secret", "s3cret");
        CallbackGuard guard = new CallbackGuard(properties(allow), scripted);
        String url = "http://hooks.test:" + loopback.port() + "/done";

        guard.check("callbackUrl", url);
        assertThat(sender(guard, allow).send(url, "POST", Map.of("id", "y")).get(30, TimeUnit.SECONDS)).isTrue();

        assertThat(loopback.requests()).hasSize(1);
        String head = loopback.requests().get(0);
        assertThat(head).startsWith("POST /done HTTP/1.1");
        assertThat(head.toLowerCase(Locale.ROOT)).contains("host: hooks.test:" + loopback.port())
                .contains("x-judge-signature: sha256=");
    }

    @Test
    void redirectsAreNotFollowedEvenToAnAllowedTarget() throws Exception {
        Listener target = listen("127.0.0.1", "HTTP/1.1 204 No Content");
        Listener redirecting = listen("127.0.0.1", "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:"
                + target.port() + "/elsewhere");
        Map<String, String> allow = Map.of("judge.demo.webhook-allow", "127.0.0.1");
        CallbackGuard guard = new CallbackGuard(properties(allow), InetAddress::getAllByName);

        boolean delivered = sender(guard, allow).send("http://127.0.0.1:" + redirecting.port() + "/hook", "POST",
                Map.of()).get(30, TimeUnit.SECONDS);

        assertThat(delivered).as("a 3xx is a failed attempt").isFalse();
        assertThat(redirecting.requests()).as("every attempt at the URL itself").hasSize(WebhookSender.ATTEMPTS);
        assertThat(target.connections()).isZero();
    }

    private static InetAddress[] answer(String host, byte[] address) throws UnknownHostException {
        return new InetAddress[] {InetAddress.getByAddress(host, address)};
    }

    private static DemoProperties properties(Map<String, String> extra) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("judge.demo.webhook-timeout", "5s",
                "judge.demo.webhook-backoff", "20ms"));
        all.putAll(extra);
        return new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("judge.demo", DemoProperties.class);
    }

    private WebhookSender sender(CallbackGuard guard, Map<String, String> extra) {
        WebhookSender s = new WebhookSender(new ObjectMapper(), guard, properties(extra));
        senders.add(s);
        return s;
    }

    private Listener listen(String address, String statusAndHeaders) throws IOException {
        Listener l = new Listener(new ServerSocket(0, 50, InetAddress.getByName(address)), statusAndHeaders);
        listeners.add(l);
        return l;
    }

    /** A plain socket listener: counts every accepted connection and answers each request head it reads. */
    private static final class Listener implements AutoCloseable {
        private final ServerSocket socket;
        private final String response;
        private final AtomicInteger connections = new AtomicInteger();
        private final List<String> requests = new CopyOnWriteArrayList<>();

        Listener(ServerSocket socket, String statusAndHeaders) {
            this.socket = socket;
            this.response = statusAndHeaders + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            Thread t = new Thread(this::serve, "listener-" + socket.getLocalPort());
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        List<String> requests() {
            return requests;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    connections.incrementAndGet();
                    String head = readHead(s.getInputStream());
                    skipBody(s.getInputStream(), head);
                    requests.add(head);
                    s.getOutputStream().write(response.getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    // closed, or a client that went away
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
                head.write(b);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        private static void skipBody(InputStream in, String head) throws IOException {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    in.readNBytes(Integer.parseInt(line.substring(15).trim()));
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
