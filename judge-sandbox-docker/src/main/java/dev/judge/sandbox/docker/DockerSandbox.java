package dev.judge.sandbox.docker;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Sandbox} that runs each command in a hardened container of a warm pool on a Docker engine.
 *
 * <p>Containers are created and started ahead of demand, one pool per image. The first process of each
 * is a small runner (part of the runtime image) to which the sandbox stays attached: a run is one
 * request to an idle container's runner, which runs the command in an empty work dir, under the run's
 * limits, and measures it. Every container has no network, a memory limit with swap equal to it, a pids limit, a CPU
 * quota, a read-only root filesystem, size-limited tmpfs work dir and {@code /tmp}, its own IPC namespace,
 * {@code no-new-privileges}, Docker's default seccomp profile, ulimits for open files and file size, and no
 * host mounts besides the read-only binds configured here. Its runner has a user id of its own and only the
 * capabilities to run commands as the container's box user; runs have that unprivileged user and no
 * capabilities, so they cannot change the runner's limits, priority or CPUs, and every run gets all its
 * resource limits set afresh. Between runs the runner empties the work dir, {@code /tmp}, {@code /dev/shm},
 * {@code /dev/mqueue} and the System V IPC objects. A container is replaced after
 * {@link Builder#maxRunsPerContainer(int) a number of runs} and right after a run that hit a time limit, was
 * OOM-killed, left processes or IPC objects behind, broke the runner, or after which the runner's own limits,
 * priority or CPU affinity are not those it started with.
 *
 * <p>The runtime image needs no registry: the sandbox builds it on the engine when it is missing or was
 * built from another runner ({@link Builder#buildImageIfMissing(boolean)}), or {@link RuntimeImage} (run by
 * {@code scripts/build-docker-image.sh}) builds it ahead of time. It carries no toolchain, so the usual
 * set-up binds the host's toolchain read-only with {@link Builder#hostToolchain()}.
 *
 * <pre>{@code
 * Sandbox sandbox = DockerSandbox.builder().hostToolchain().poolSize(4).build();
 * }</pre>
 *
 * <p>Instances are thread-safe; at most {@code poolSize} runs per image run at once, further calls wait
 * for a container. Close the sandbox to remove its containers. Containers carry the label
 * {@code dev.judge.sandbox.pool=<poolName>}; at start the sandbox removes any container with its pool
 * name left by an earlier process, so two live sandboxes on one engine need different pool names. Their user
 * ids differ by themselves ({@link Builder#uidLockDir(Path)}).
 */
public final class DockerSandbox implements Sandbox {
    private static final Logger LOG = LoggerFactory.getLogger(DockerSandbox.class);

    private final PairFifos fifos;
    private final UidLease uids;
    private final Engine engine;
    private final ContainerPools pools;
    private volatile boolean closed;

    private DockerSandbox(Settings settings) {
        this.uids = UidLease.acquire(settings.uidLockDir(), settings.uidBase(), RootFs.USERS, settings.uidsNeeded());
        PairFifos pairFifos = null;
        Engine connected = null;
        try {
            pairFifos = PairFifos.create(settings.poolName());
            connected = new Engine(settings, pairFifos.root().toString());
            EngineChecks.prepare(connected, settings);
        } catch (RuntimeException e) {
            if (connected != null) {
                connected.close();
            }
            if (pairFifos != null) {
                pairFifos.close();
            }
            uids.close();
            throw e;
        }
        this.fifos = pairFifos;
        this.engine = connected;
        this.pools = new ContainerPools(engine, settings, uids);
    }

    /** A builder with the defaults listed on each option. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public SandboxResult run(SandboxRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            throw new SandboxException("the Docker sandbox is closed");
        }
        if (request.limits().network()) {
            return SandboxResult.failure("the Docker sandbox gives runs no network; limits.network must be false");
        }
        ContainerPool pool = pools.forProfile(request.profile());
        // A container that died while idle but looked alive when taken, or whose runner refused the run,
        // gets one more try on another one.
        for (int attempt = 1; ; attempt++) {
            RunOutcome outcome = ContainerRun.attempt(engine, pool, request);
            if (!outcome.containerGone() || attempt == 2) {
                return outcome.result();
            }
            LOG.warn("a warm container could not take the run (it was gone, or its runner had changed);"
                    + " running again on another one");
        }
    }

    /**
     * Runs the two commands in two warm containers connected by FIFOs; see {@link Sandbox#runPair}. Both
     * containers come from the pools of the requests' profiles; a pair on one image needs {@code poolSize} of at
     * least 2. Needs the engine on this machine: the FIFOs live in a host folder bound into the containers.
     */
    @Override
    public PairResult runPair(SandboxRequest program, SandboxRequest peer) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(peer, "peer");
        if (closed) {
            throw new SandboxException("the Docker sandbox is closed");
        }
        if (program.limits().network() || peer.limits().network()) {
            SandboxResult refused = SandboxResult.failure(
                    "the Docker sandbox gives runs no network; limits.network must be false");
            return new PairResult(refused, refused, PairResult.Side.PROGRAM);
        }
        return PairRun.run(engine, pools, fifos, program, peer);
    }

    /** The host folder of the pairs' FIFOs (tests look into it). */
    Path pairFolder() {
        return fifos.root();
    }

    /** Removes every container of this sandbox; runs in progress end with a sandbox failure. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pools.close();
        try {
            // Anything a background task started after the pools closed.
            for (String id : engine.listOwn()) {
                engine.remove(id);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot sweep containers of pool '{}': {}", engine.poolName(), e.getMessage());
        }
        engine.close();
        try {
            fifos.close();
        } catch (RuntimeException e) {
            LOG.warn("cannot remove the folder of the pairs' FIFOs: {}", e.getMessage());
        }
        // Last: another sandbox may take the ids once no container of this one runs under them.
        uids.close();
    }

    /** Options of a {@link DockerSandbox}; every setter checks its argument at once. */
    public static final class Builder {
        private String dockerHost;
        private String apiVersion;
        private String image = "judge-runtime:latest";
        private final Map<String, String> profileImages = new LinkedHashMap<>();
        private int poolSize = 2;
        private int maxRunsPerContainer = 100;
        private final List<ReadOnlyBind> binds = new ArrayList<>();
        private ByteSize workDirSize = ByteSize.ofMiB(256);
        private ByteSize tmpSize = ByteSize.ofMiB(256);
        private double cpus = 1.0;
        private long pidsLimit = 1024;
        private int maxOpenFiles = 4096;
        private ByteSize maxFileSize = ByteSize.ofGiB(1);
        private int uidBase = 61000;
        private Path uidLockDir = Path.of(System.getProperty("java.io.tmpdir"), "judge-docker-uids");
        private String poolName = "judge";
        private Duration acquireTimeout = Duration.ofMinutes(2);
        private boolean buildImageIfMissing = true;

        private Builder() {
        }

        /** The engine address, e.g. {@code unix:///var/run/docker.sock}; default {@code DOCKER_HOST} or the local socket. */
        public Builder dockerHost(String uri) {
            this.dockerHost = requireText(uri, "dockerHost");
            return this;
        }

        /** The Docker API version to speak, e.g. {@code 1.41}; default unversioned (the engine's own). */
        public Builder apiVersion(String version) {
            this.apiVersion = requireText(version, "apiVersion");
            return this;
        }

        /** The runtime image for every profile without its own; default {@code judge-runtime:latest}. */
        public Builder image(String image) {
            this.image = requireText(image, "image");
            return this;
        }

        /** The runtime image for requests of one {@link SandboxRequest#profile() profile}, e.g. {@code jvm}. */
        public Builder image(String profile, String image) {
            profileImages.put(requireText(profile, "profile"), requireText(image, "image"));
            return this;
        }

        /** Warm containers per image, which is also how many runs per image run at once; default 2. */
        public Builder poolSize(int size) {
            if (size < 1 || size > 64) {
                throw new IllegalArgumentException("poolSize must be between 1 and 64, was " + size);
            }
            this.poolSize = size;
            return this;
        }

        /** Runs a container serves before it is replaced; default 100. */
        public Builder maxRunsPerContainer(int runs) {
            if (runs < 1) {
                throw new IllegalArgumentException("maxRunsPerContainer must be at least 1, was " + runs);
            }
            this.maxRunsPerContainer = runs;
            return this;
        }

        /** Binds a host path read-only into every container at the same path. */
        public Builder readOnlyBind(String path) {
            return readOnlyBind(path, path);
        }

        /** Binds a host path read-only into every container. */
        public Builder readOnlyBind(String hostPath, String containerPath) {
            binds.add(new ReadOnlyBind(hostPath, containerPath));
            return this;
        }

        /**
         * Binds this machine's toolchain read-only: {@code /usr}, those of {@code /bin}, {@code /lib},
         * {@code /lib64}, {@code /sbin} that are real folders (on a merged-/usr system the image's own
         * symlinks cover them), {@code /etc/alternatives}, {@code /etc/ld.so.cache} and the JDKs'
         * {@code /etc/java-*} configuration folders. Meant for an engine on the same machine, whose image was
         * built there (by the sandbox itself or by {@code scripts/build-docker-image.sh}).
         */
        public Builder hostToolchain() {
            readOnlyBind("/usr");
            for (String dir : List.of("/bin", "/lib", "/lib64", "/sbin")) {
                Path p = Path.of(dir);
                if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
                    readOnlyBind(dir);
                }
            }
            // Mono reads its configuration, and GHC its package database, outside /usr (Debian's layout)
            for (String file : List.of("/etc/alternatives", "/etc/ld.so.cache", "/etc/mono", "/var/lib/ghc")) {
                if (Files.exists(Path.of(file))) {
                    readOnlyBind(file);
                }
            }
            // Debian's JDKs keep their configuration (security, logging) under /etc/java-<version>-openjdk.
            try (var etc = Files.newDirectoryStream(Path.of("/etc"), "java-*")) {
                for (Path p : etc) {
                    if (Files.isDirectory(p)) {
                        readOnlyBind(p.toString());
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot list /etc", e);
            }
            return this;
        }

        /** Size of the tmpfs work dir; its files count against the run's memory; default 256 MiB. */
        public Builder workDirSize(ByteSize size) {
            this.workDirSize = requireAtLeast(size, ByteSize.ofMiB(1), "workDirSize");
            return this;
        }

        /** Size of the tmpfs {@code /tmp}, which also holds the run's stdin; default 256 MiB. */
        public Builder tmpSize(ByteSize size) {
            this.tmpSize = requireAtLeast(size, ByteSize.ofMiB(1), "tmpSize");
            return this;
        }

        /** CPU quota of each container in CPUs; default 1. */
        public Builder cpus(double cpus) {
            if (!(cpus >= 0.01 && cpus <= 256)) {
                throw new IllegalArgumentException("cpus must be between 0.01 and 256, was " + cpus);
            }
            this.cpus = cpus;
            return this;
        }

        /** Process limit of each container (the per-run limit comes from the request); default 1024. */
        public Builder pidsLimit(long limit) {
            if (limit < 8) {
                throw new IllegalArgumentException("pidsLimit must be at least 8, was " + limit);
            }
            this.pidsLimit = limit;
            return this;
        }

        /** Ceiling of open files per process in every container (ulimit); default 4096. */
        public Builder maxOpenFiles(int files) {
            if (files < 16 || files > Limits.MAX_OPEN_FILES) {
                throw new IllegalArgumentException("maxOpenFiles must be between 16 and " + Limits.MAX_OPEN_FILES
                        + ", was " + files);
            }
            this.maxOpenFiles = files;
            return this;
        }

        /** Ceiling of the file size in every container (ulimit); default 1 GiB. */
        public Builder maxFileSize(ByteSize size) {
            this.maxFileSize = requireAtLeast(size, ByteSize.ofKiB(64), "maxFileSize");
            return this;
        }

        /**
         * First user id of the sandbox's containers; default 61000. The sandbox holds one id for its runners and
         * one per warm container, the lowest free ones from here on that no other sandbox of this machine holds
         * (see {@link #uidLockDir(Path)}), so per-user process limits are per container and no run shares an
         * id with a runner or with another sandbox's runs. The runtime image names {@value RootFs#USERS} users
         * from the uid base (an image the sandbox builds uses this value).
         */
        public Builder uidBase(int uid) {
            if (uid < 1000 || uid > 2_000_000_000) {
                throw new IllegalArgumentException("uidBase must be between 1000 and 2000000000, was " + uid);
            }
            this.uidBase = uid;
            return this;
        }

        /**
         * The folder of the user id locks ({@code uid-<n>.lock}, one exclusive lock per id a live sandbox holds):
         * sandboxes that share it never share a user id. Default {@code judge-docker-uids} in
         * {@code java.io.tmpdir}; every process that runs sandboxes on one engine must use the same folder,
         * or different {@link #uidBase(int) uid bases}.
         */
        public Builder uidLockDir(Path folder) {
            this.uidLockDir = Objects.requireNonNull(folder, "uidLockDir");
            return this;
        }

        /** The value of the containers' label; leftovers with it are removed at start; default {@code judge}. */
        public Builder poolName(String name) {
            requireText(name, "poolName");
            if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new IllegalArgumentException("poolName must be 1-64 of [A-Za-z0-9_.-], was '" + name + "'");
            }
            this.poolName = name;
            return this;
        }

        /** How long a run waits for an idle container before it fails; default 2 minutes. */
        public Builder acquireTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "acquireTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("acquireTimeout must be positive, was " + timeout);
            }
            this.acquireTimeout = timeout;
            return this;
        }

        /**
         * Whether {@link #build()} builds the default {@link #image(String) image} on the engine when it is
         * missing, or when it is a runtime image holding a different runner (its {@code dev.judge.runner}
         * label differs, e.g. after an upgrade of this library). The image is built for this builder's
         * {@link #uidBase(int) uid base} and mirrors this machine's {@code /bin}, {@code /lib}, {@code /lib64},
         * {@code /sbin} and {@code /etc/java-*} layout, in a second or two; see {@link RuntimeImage}. A runtime
         * image built for another uid base is kept (its users are then unnamed, which runs do not need). An
         * image without the label is never touched, nor are the {@link #image(String, String) profile
         * images}. When false, a missing image fails {@link #build()}. Default true.
         */
        public Builder buildImageIfMissing(boolean build) {
            this.buildImageIfMissing = build;
            return this;
        }

        /**
         * Connects to the engine, builds the default image if needed and enabled, checks every configured
         * image, removes leftovers of this pool name and starts warming a pool per image.
         *
         * @throws SandboxException when the engine does not answer, an image is missing or cannot be built
         */
        public DockerSandbox build() {
            return new DockerSandbox(settings());
        }

        Settings settings() {
            return new Settings(dockerHost, apiVersion, image, Map.copyOf(profileImages), poolSize,
                    maxRunsPerContainer, List.copyOf(binds), workDirSize, tmpSize, cpus, pidsLimit, maxOpenFiles,
                    maxFileSize, uidBase, uidLockDir, poolName, acquireTimeout, buildImageIfMissing);
        }

        private static String requireText(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }

        private static ByteSize requireAtLeast(ByteSize size, ByteSize min, String name) {
            Objects.requireNonNull(size, name);
            if (size.compareTo(min) < 0) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", was " + size);
            }
            return size;
        }
    }
}
