package dev.judge.sandbox.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PruneResponse;
import com.github.dockerjava.api.model.PruneType;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.judge.core.sandbox.SandboxException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The few Docker engine operations the sandbox needs, over docker-java. */
final class Engine implements AutoCloseable {
    /** Docker refuses memory limits below this. */
    /** What the serving runner needs: its own user and the box user (SETUID, SETGID), killing a run's
     * processes (KILL), and emptying the bounding set of a run (SETPCAP). */
    static final List<Capability> RUNNER_CAPABILITIES = List.of(Capability.SETUID, Capability.SETGID,
            Capability.KILL, Capability.SETPCAP);
    static final long MIN_MEMORY = 6L * 1024 * 1024;

    /** Label of runtime images built by this module: the digest prefix of their root filesystem's tar. */
    static final String ROOTFS_LABEL = "dev.judge.rootfs";
    /** Label of runtime images built by this module: the digest prefix of the runner they hold. */
    static final String RUNNER_LABEL = "dev.judge.runner";

    private final DockerClient client;
    private final DockerHttpClient http;
    private final ObjectMapper json;
    private final String apiPrefix;
    private final Settings settings;
    /** The host folder bound read-only at {@link PairFifos#CONTAINER_PATH} into warm containers, or null. */
    private final String pairRoot;

    Engine(Settings settings) {
        this(settings, null);
    }

    /** An engine whose warm containers get {@code pairRoot} (a host folder, may be null) for pairs' FIFOs. */
    Engine(Settings settings, String pairRoot) {
        this.settings = settings;
        this.pairRoot = pairRoot;
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (settings.dockerHost() != null) {
            config.withDockerHost(settings.dockerHost());
        }
        config.withApiVersion(settings.apiVersion() == null
                ? RemoteApiVersion.UNKNOWN_VERSION : RemoteApiVersion.parseConfig(settings.apiVersion()));
        DefaultDockerClientConfig cfg = config.build();
        this.json = cfg.getObjectMapper();
        this.apiPrefix = settings.apiVersion() == null ? ""
                : "/v" + RemoteApiVersion.parseConfig(settings.apiVersion()).getVersion();
        this.http = new ApacheDockerHttpClient.Builder()
                .dockerHost(cfg.getDockerHost())
                .sslConfig(cfg.getSSLConfig())
                // Every warm container holds one attached connection; a few more serve the engine calls.
                .maxConnections(settings.poolSize() * (1 + settings.profileImages().size()) + 16)
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        this.client = DockerClientImpl.getInstance(cfg, http);
    }

    /** Fails with a clear message when the engine does not answer. */
    void ping() {
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            throw new SandboxException("the Docker engine at " + hostForMessages() + " does not answer: " + e.getMessage(), e);
        }
    }

    /**
     * Fails with a clear message when the image is missing; {@code buildable}: the sandbox could build it
     * (the default image), so the message names that option too.
     */
    void check(String image, boolean buildable) {
        try {
            client.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new SandboxException("Docker image '" + image + "' not found; build it with "
                    + "scripts/build-docker-image.sh " + image
                    + (buildable ? ", or let the sandbox build it with DockerSandbox.Builder.buildImageIfMissing(true)"
                            : " (or your own way: the image of a profile is never built by the sandbox)"), e);
        }
    }

    /** The image's labels (empty when it has none), or {@code null} when the image is missing. */
    Map<String, String> imageLabels(String image) {
        InspectImageResponse inspect;
        try {
            inspect = client.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            return null;
        }
        Map<String, String> labels = inspect.getConfig() == null ? null : inspect.getConfig().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /**
     * The image's {@value #ROOTFS_LABEL} label: {@code null} when the image is missing, empty when it exists
     * without the label (an image this module did not build).
     */
    String rootfsLabel(String image) {
        Map<String, String> labels = imageLabels(image);
        return labels == null ? null : labels.getOrDefault(ROOTFS_LABEL, "");
    }

    /**
     * The configuration a runtime image is imported with ({@code docker import --change} instructions): the
     * labels with the root filesystem's and the runner's digests, {@code CMD ["/opt/judge/runner", "serve"]}
     * and {@code WORKDIR /work}.
     */
    static List<String> runtimeConfig(String rootfsDigest, String runnerDigest) {
        return List.of("LABEL " + ROOTFS_LABEL + "=" + rootfsDigest, "LABEL " + RUNNER_LABEL + "=" + runnerDigest,
                "CMD [\"" + Settings.RUNNER + "\", \"serve\"]", "WORKDIR " + Settings.WORK_DIR);
    }

    /**
     * Imports a root filesystem tar as {@code image} with the given {@code docker import --change}
     * instructions and returns the engine's answer (the new image's id). The request goes through
     * docker-java's transport because docker-java's import command ({@code createImageCmd}) has no
     * parameter for these instructions.
     */
    String importImage(String image, byte[] tar, List<String> changes) {
        String[] ref = splitReference(image);
        StringBuilder path = new StringBuilder(apiPrefix).append("/images/create?fromSrc=-")
                .append("&repo=").append(encode(ref[0])).append("&tag=").append(encode(ref[1]));
        for (String change : changes) {
            path.append("&changes=").append(encode(change));
        }
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path(path.toString())
                .putHeader("Content-Type", "application/x-tar")
                .body(new ByteArrayInputStream(tar))
                .build();
        String id = null;
        try (DockerHttpClient.Response response = http.execute(request);
             BufferedReader lines = new BufferedReader(new InputStreamReader(response.getBody(), StandardCharsets.UTF_8))) {
            if (response.getStatusCode() / 100 != 2) {
                throw new SandboxException("cannot import Docker image '" + image + "': HTTP "
                        + response.getStatusCode() + " " + lines.lines().reduce("", String::concat).trim());
            }
            // A stream of JSON messages; the last status holds the image id, a failure comes as "error".
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode message = json.readTree(line);
                if (message.hasNonNull("error")) {
                    throw new SandboxException("cannot import Docker image '" + image + "': "
                            + message.get("error").asText());
                }
                if (message.hasNonNull("status")) {
                    id = message.get("status").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import Docker image '" + image + "'", e);
        }
        if (id == null) {
            throw new SandboxException("cannot import Docker image '" + image + "': the engine named no image");
        }
        return id;
    }

    /** {@code [repository, tag]} of an image reference; the tag defaults to {@code latest}. */
    static String[] splitReference(String image) {
        if (image.contains("@")) {
            throw new IllegalArgumentException("cannot build an image by digest reference: " + image);
        }
        int colon = image.lastIndexOf(':');
        if (colon > image.lastIndexOf('/')) {
            return new String[] {image.substring(0, colon), image.substring(colon + 1)};
        }
        return new String[] {image, "latest"};
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Removes untagged runtime images (carrying {@value #ROOTFS_LABEL}) that no container uses: what a
     * rebuild under the same name leaves behind. Returns the bytes reclaimed.
     */
    long pruneDanglingRuntimeImages() {
        PruneResponse response = client.pruneCmd(PruneType.IMAGES)
                .withDangling(true)
                .withLabelFilter(ROOTFS_LABEL)
                .exec();
        Long reclaimed = response.getSpaceReclaimed();
        return reclaimed == null ? 0 : reclaimed;
    }

    private String hostForMessages() {
        return settings.dockerHost() == null ? "the default address (DOCKER_HOST or /var/run/docker.sock)" : settings.dockerHost();
    }

    /**
     * Creates and starts one hardened container whose first process is the serving runner. The container
     * starts as root with four capabilities only, which the runner needs to move to {@code runnerUid} at once
     * and to run every command as {@code boxUid} (see {@code box.c}); no run ever has a capability.
     */
    String createWarm(String image, int runnerUid, int boxUid, long memory) {
        String id = create(image, "0:0", RUNNER_CAPABILITIES, memory,
                List.of(Settings.RUNNER, "serve", Integer.toString(runnerUid), Integer.toString(boxUid)));
        try {
            client.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            remove(id);
            throw e;
        }
        return id;
    }

    /**
     * One container per run, the way the warm pool avoids: create, start, wait, remove. Only the
     * benchmark uses it, as the baseline the pool is measured against; the hardening is the same.
     */
    long runCold(String image, int uid, long memory, List<String> command) throws InterruptedException {
        String id = create(image, uid + ":" + uid, List.of(), memory, command);
        try {
            client.startContainerCmd(id).exec();
            return client.waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
        } finally {
            remove(id);
        }
    }

    private String create(String image, String user, List<Capability> capabilities, long memory,
            List<String> command) {
        long mem = Math.max(MIN_MEMORY, memory);
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withMemory(mem)
                .withMemorySwap(mem)
                .withPidsLimit(settings.pidsLimit())
                .withCpuPeriod(100_000L)
                .withCpuQuota(Math.round(settings.cpus() * 100_000))
                .withReadonlyRootfs(true)
                .withTmpFs(tmpfs())
                .withCapDrop(Capability.ALL)
                .withCapAdd(capabilities.toArray(Capability[]::new))
                // Docker's default seccomp profile applies because no seccomp option is given.
                .withSecurityOpts(List.of("no-new-privileges"))
                .withIpcMode("private")
                .withUlimits(List.of(
                        new Ulimit("nofile", (long) settings.maxOpenFiles(), (long) settings.maxOpenFiles()),
                        new Ulimit("fsize", settings.maxFileSize().bytes(), settings.maxFileSize().bytes()),
                        new Ulimit("core", 0L, 0L)))
                .withBinds(binds());
        return client.createContainerCmd(image)
                .withUser(user)
                .withLabels(Map.of(Settings.LABEL, settings.poolName()))
                .withCmd(command)
                // The first process is the serving runner: requests arrive on its stdin.
                .withStdinOpen(true)
                .withStdInOnce(false)
                .withAttachStdin(true)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .withTty(false)
                .withEnv(List.of())
                .withWorkingDir(Settings.WORK_DIR)
                .withNetworkDisabled(true)
                .withHostConfig(host)
                .exec()
                .getId();
    }

    private List<Bind> binds() {
        List<Bind> binds = new ArrayList<>();
        for (ReadOnlyBind b : settings.binds()) {
            binds.add(new Bind(b.hostPath(), new Volume(b.containerPath()), AccessMode.ro));
        }
        if (pairRoot != null) {
            binds.add(new Bind(pairRoot, new Volume(PairFifos.CONTAINER_PATH), AccessMode.ro));
        }
        return binds;
    }

    private Map<String, String> tmpfs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Settings.WORK_DIR, "rw,exec,nosuid,nodev,size=" + settings.workDirSize().bytes() + ",mode=1777");
        // Docker's tmpfs default is noexec: right for /tmp, but compiled programs run from the work dir.
        m.put("/tmp", "rw,noexec,nosuid,nodev,size=" + settings.tmpSize().bytes() + ",mode=1777");
        return m;
    }

    /** Sets the container's memory (and swap to the same, so no swap) for the next run. */
    void setMemory(String id, long memory) {
        long mem = Math.max(MIN_MEMORY, memory);
        client.updateContainerCmd(id).withMemory(mem).withMemorySwap(mem).exec();
    }

    /** Whether the engine saw the container's first process (the runner) killed by the OOM killer. */
    boolean wasOomKilled(String id) {
        try {
            Boolean oom = client.inspectContainerCmd(id).exec().getState().getOOMKilled();
            return Boolean.TRUE.equals(oom);
        } catch (NotFoundException e) {
            return false;
        }
    }

    void remove(String id) {
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    /** Containers of this pool name, running or not: leftovers of an earlier process when called at start. */
    List<String> listOwn() {
        return client.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Settings.LABEL, settings.poolName()))
                .exec()
                .stream()
                .map(Container::getId)
                .toList();
    }

    /** The label value of this sandbox's containers. */
    String poolName() {
        return settings.poolName();
    }

    /** Attaches to the serving runner's stdin and stdout: the channel every run of the container uses. */
    RunnerChannel attach(String id) {
        RunnerChannel channel = new RunnerChannel();
        client.attachContainerCmd(id)
                .withStdIn(channel.stdin())
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .withLogs(false)
                .exec(channel.callback());
        return channel;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // nothing useful to do on shutdown
        }
    }
}
