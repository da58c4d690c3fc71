package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.testsupport.RequiredParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files hold together: Debian's docker-compose accepts the Compose file, whose two judge nodes run
 * the production profile privileged beside PostgreSQL and Redis from their official images; the Kubernetes
 * manifests have API nodes without a worker, privileged worker nodes, and a KEDA ScaledObject that scales those
 * workers on the streams the Redis job queue writes. (Images cannot be pulled here, so nothing is started.)
 */
class DeploymentFilesTest {
    private static final Path DEPLOY = Path.of("deploy");

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object n = node;
        for (String key : path) {
            assertThat(n).as("parent of %s", key).isInstanceOf(Map.class);
            n = ((Map<String, Object>) n).get(key);
        }
        return (T) n;
    }

    @Test
    void dockerComposeAcceptsTheComposeFile() throws Exception {
        boolean present = new ProcessBuilder("sh", "-c", "command -v docker-compose").start().waitFor() == 0;
        RequiredParts.require(present, "docker-compose (Debian's, from scripts/setup-machine.sh)");
        ProcessBuilder config = new ProcessBuilder("docker-compose", "-f", DEPLOY.resolve("docker-compose.yml")
                .toString(), "config", "-q").redirectErrorStream(true);
        config.environment().put("JUDGE_DEMO_JWTSECRET", "a-token-key-of-more-than-thirty-two-bytes");
        Process p = config.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        // without the shared token key, Compose refuses to start anything
        ProcessBuilder unset = new ProcessBuilder("docker-compose", "-f", DEPLOY.resolve("docker-compose.yml")
                .toString(), "config", "-q").redirectErrorStream(true);
        unset.environment().remove("JUDGE_DEMO_JWTSECRET");
        Process q = unset.start();
        String refused = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(q.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(q.exitValue()).isNotZero();
        assertThat(refused).contains("JUDGE_DEMO_JWTSECRET");
    }

    @Test
    void theComposeFileRunsTwoPrivilegedNodesOnPostgresAndRedis() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("docker-compose.yml")));
        Map<String, Object> services = at(compose, "services");
        assertThat(services).containsKeys("postgres", "redis", "judge-1", "judge-2");
        assertThat((String) at(services, "postgres", "image")).startsWith("postgres:");
        assertThat((String) at(services, "redis", "image")).startsWith("redis:");
        for (String node : List.of("judge-1", "judge-2")) {
            assertThat((String) at(services, node, "image")).isEqualTo("judge-node:latest");
            assertThat((Boolean) at(services, node, "privileged")).isTrue();
            Map<String, Object> env = at(services, node, "environment");
            assertThat(env.get("SPRING_PROFILES_ACTIVE")).isEqualTo("postgres,redis");
            assertThat(env.get("SPRING_DATA_REDIS_HOST")).isEqualTo("redis");
            assertThat((String) env.get("SPRING_DATASOURCE_URL")).contains("//postgres:5432/");
        }
        assertThat(Files.readString(DEPLOY.resolve("Dockerfile"))).contains("COPY target/judge-demo-app-*.jar");
    }

    @Test
    void kubernetesRunsApiNodesAndWorkersThatKedaScalesOnTheStreams() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (String file : List.of("judge.yaml", "judge-keda.yaml")) {
            for (Object doc : new Yaml().loadAll(Files.readString(DEPLOY.resolve("k8s").resolve(file)))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) doc;
                docs.add(m);
            }
        }
        Map<String, Object> api = find(docs, "Deployment", "judge-api");
        Map<String, Object> worker = find(docs, "Deployment", "judge-worker");
        Map<String, Object> service = find(docs, "Service", "judge");
        Map<String, Object> scaled = find(docs, "ScaledObject", "judge-worker");

        Map<String, Object> apiContainer = this.<List<Map<String, Object>>>at(api, "spec", "template", "spec",
                "containers").get(0);
        assertThat((List<String>) at(apiContainer, "args")).contains("--judge.worker.enabled=false");
        Map<String, Object> workerContainer = this.<List<Map<String, Object>>>at(worker, "spec", "template", "spec",
                "containers").get(0);
        assertThat((Boolean) at(workerContainer, "securityContext", "privileged")).isTrue();
        assertThat(workerContainer.get("env")).isEqualTo(apiContainer.get("env"));
        assertThat((Map<String, Object>) at(service, "spec", "selector"))
                .isEqualTo(at(api, "spec", "selector", "matchLabels"));

        assertThat((String) at(scaled, "apiVersion")).startsWith("keda.sh/");
        assertThat((String) at(scaled, "spec", "scaleTargetRef", "name")).isEqualTo("judge-worker");
        List<Map<String, Object>> triggers = at(scaled, "spec", "triggers");
        assertThat(triggers).isNotEmpty();
        for (Map<String, Object> t : triggers) {
            assertThat(t.get("type")).isEqualTo("redis-streams");
            // the Redis job queue's names: <prefix>s:<lane ordinal>:<language>, consumer group "judge"
            assertThat((String) at(t, "metadata", "stream")).matches("judge:s:[012]:[a-z0-9_+-]+");
            assertThat((String) at(t, "metadata", "consumerGroup")).isEqualTo("judge");
            assertThat(Integer.parseInt(at(t, "metadata", "streamLength"))).isPositive();
        }
    }

    private static Map<String, Object> find(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(at(d, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
