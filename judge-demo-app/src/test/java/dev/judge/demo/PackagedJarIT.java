package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command: {@code java -jar judge-demo-app.jar} in an empty directory starts the server on the
 * embedded default, creates {@code ./data}, logs where it listens and the generated admin password, and
 * that password logs in.
 */
class PackagedJarIT {
    private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)");
    private static final Pattern PASSWORD = Pattern.compile("generated password: (\\S+)");

    @TempDir
    Path work;

    @Test
    void theJarStartsOnTheEmbeddedDefaultAndTellsHowToLogIn() throws Exception {
        // Failsafe sets demo.jar after packaging; a surefire run selecting every class (-Dtest) has no jar yet.
        assumeTrue(System.getProperty("demo.jar") != null, "runs in the integration-test phase (failsafe)");
        Path jar = Path.of(System.getProperty("demo.jar"));
        assertThat(jar).isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-jar", jar.toString(), "--server.port=0")
                .directory(work.toFile()).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            String password = null;
            int port = -1;
            StringBuilder log = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (port < 0 && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    assertThat(server.isAlive()).as("server exited early:%n%s", log).isTrue();
                    continue;
                }
                log.append(line).append('\n');
                Matcher p = PASSWORD.matcher(line);
                if (p.find()) {
                    password = p.group(1);
                }
                Matcher l = LISTENING.matcher(line);
                if (l.find()) {
                    port = Integer.parseInt(l.group(1));
                }
            }
            assertThat(port).as("no 'listening on' line in:%n%s", log).isPositive();
            assertThat(password).as("no generated password in:%n%s", log).isNotNull();
            assertThat(work.resolve("data/judge.mv.db")).isRegularFile();
            assertThat(work.resolve("data/jwt-secret")).isRegularFile();

            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"admin\",\"password\":\"" + password + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(login.body()).contains("\"accessToken\"");
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
