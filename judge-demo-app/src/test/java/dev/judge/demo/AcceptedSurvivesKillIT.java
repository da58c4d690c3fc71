package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.testsupport.RequiredParts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every 201 is stored: the packaged server on the embedded default accepts submissions and an account, is killed
 * with SIGKILL right after the last answer, and after a restart in the same directory knows every one of them.
 */
class AcceptedSurvivesKillIT {
    private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)");
    private static final String ACCOUNT = "{\"username\":\"survivor\",\"password\":\"survives-a-kill\"}";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    @TempDir
    Path work;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void submissionsAnswered201SurviveAKill() throws Exception {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox probes the C toolchain)");
        List<String> tokens = new ArrayList<>();
        Server first = Server.start(work);
        try {
            for (int i = 0; i < 30; i++) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(first.uri("/judge0/submissions"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"source_code\":\"int main(void){return 0;}\",\"language_id\":50}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                Matcher m = TOKEN.matcher(r.body());
                assertThat(m.find()).as(r.body()).isTrue();
                tokens.add(m.group(1));
            }
            // an account: a plain insert of a repository, not a group commit
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(first.uri("/api/v1/auth/register"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(ACCOUNT)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        } finally {
            first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
            first.process.waitFor(30, TimeUnit.SECONDS);
        }
        Server second = Server.start(work);
        try {
            for (String token : tokens) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(second.uri("/judge0/submissions/" + token))
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("submission %s after the kill: %s", token, r.body()).isEqualTo(200);
            }
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(second.uri("/api/v1/auth/login"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(ACCOUNT)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("the account registered before the kill: %s", r.body()).isEqualTo(200);
        } finally {
            second.process.destroy();
            if (!second.process.waitFor(30, TimeUnit.SECONDS)) {
                second.process.destroyForcibly();
            }
        }
    }

    private record Server(Process process, int port) {
        URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        /** The packaged jar in {@code dir}, API only (nothing judged, so every job stays queued). */
        static Server start(Path dir) throws Exception {
            Path jar = Path.of(System.getProperty("demo.jar"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-jar", jar.toString(), "--server.port=0",
                    "--judge.worker.enabled=false", "--judge.judge0.open=true").directory(dir.toFile())
                    .redirectErrorStream(true).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder log = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            int port = -1;
            try {
                for (String line; port < 0 && System.nanoTime() < deadline && (line = r.readLine()) != null;) {
                    log.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port = Integer.parseInt(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the process ended; reported below
            }
            assertThat(port).as("no 'listening on' line in:%n%s", log).isPositive();
            Thread drain = new Thread(() -> {
                try {
                    while (r.readLine() != null) {
                        // keep the pipe from filling up
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
            return new Server(p, port);
        }
    }
}
