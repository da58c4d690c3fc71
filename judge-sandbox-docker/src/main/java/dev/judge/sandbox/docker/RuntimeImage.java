package dev.judge.sandbox.docker;

import dev.judge.core.sandbox.SandboxException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Docker sandbox's runtime image on the engine, without a registry: a root filesystem of
 * folders, unprivileged users and the runner bundled in this jar, imported with the label
 * {@code dev.judge.rootfs=<digest of the root filesystem>} (and {@code dev.judge.runner=<digest of the
 * runner>}). An image whose label already carries the same digest is left alone, any other image of that
 * name is replaced, and untagged runtime images that earlier builds left behind are removed.
 *
 * <p>{@link DockerSandbox.Builder#buildImageIfMissing(boolean)} builds at sandbox start only when the
 * image is missing or holds another runner; this entry point is for building ahead of time
 * ({@code scripts/build-docker-image.sh}), e.g. after the host's toolchain layout changed:
 *
 * <pre>{@code
 * java -cp <module jar and its dependencies> dev.judge.sandbox.docker.RuntimeImage [image]
 * }</pre>
 *
 * <p>The image defaults to {@code judge-runtime:latest}; the engine comes from {@code DOCKER_HOST} (else
 * the local socket) and the first user id from {@code JUDGE_DOCKER_UID_BASE} (default 61000). The image
 * mirrors this machine's top-level {@code /bin}, {@code /lib}, {@code /lib64}, {@code /sbin} (symlinks into
 * {@code /usr} or folders to bind over) and {@code /etc/java-*} folders, so build it on the engine's host.
 */
public final class RuntimeImage {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeImage.class);
    /** One build at a time per process: two sandboxes starting together import once. */
    private static final Object BUILD_LOCK = new Object();

    private RuntimeImage() {
    }

    /**
     * Builds the image named by the first argument (default {@code judge-runtime:latest}) unless it is up to
     * date, printing what it did; exits with status 1 and a message when the engine or the build fails.
     *
     * @param args at most one argument, the image reference
     */
    public static void main(String[] args) {
        if (args.length > 1) {
            System.err.println("usage: RuntimeImage [image]");
            System.exit(2);
        }
        String uidBase = System.getenv("JUDGE_DOCKER_UID_BASE");
        DockerSandbox.Builder builder = DockerSandbox.builder();
        try {
            if (args.length == 1) {
                builder.image(args[0]);
            }
            if (uidBase != null && !uidBase.isBlank()) {
                builder.uidBase(Integer.parseInt(uidBase.trim()));
            }
            Settings settings = builder.settings();
            try (Engine engine = new Engine(settings)) {
                engine.ping();
                Result result = ensure(engine, settings.defaultImage(), settings.uidBase(), Policy.UNLESS_IDENTICAL);
                System.out.println((result.built() ? "built " : "up to date: ") + settings.defaultImage()
                        + " (" + Engine.ROOTFS_LABEL + "=" + result.digest() + ")");
            }
        } catch (RuntimeException e) {
            System.err.println("cannot build the runtime image: " + e.getMessage());
            System.exit(1);
        }
    }

    /** What {@link #ensure} did: whether it imported, and the root filesystem's digest. */
    record Result(boolean built, String digest) {
    }

    /** When {@link #ensure} builds. */
    enum Policy {
        /**
         * Unless the image holds exactly this root filesystem (its {@code dev.judge.rootfs} label): the
         * builder's entry point, which also replaces an image of that name built some other way.
         */
        UNLESS_IDENTICAL,
        /**
         * When the image is missing, or is a runtime image holding another runner (its
         * {@code dev.judge.runner} label differs): the sandbox at start. A runtime image built for another uid
         * base or host layout still serves, so sandboxes with different uid bases do not rebuild the image in
         * turn; an image without the label (built some other way) is never replaced.
         */
        IF_MISSING_OR_OTHER_RUNNER
    }

    /** Imports the runtime image as {@code image} for users from {@code uidBase} when the policy asks for it. */
    static Result ensure(Engine engine, String image, int uidBase, Policy policy) {
        synchronized (BUILD_LOCK) {
            byte[] runner = RootFs.bundledRunner();
            String runnerDigest = RootFs.sha256(runner).substring(0, 12);
            RootFs.Tar tar = RootFs.build(uidBase, RootFs.Host.local(), runner);
            Map<String, String> labels = engine.imageLabels(image);
            boolean build = switch (policy) {
                case UNLESS_IDENTICAL -> labels == null || !tar.digest().equals(labels.get(Engine.ROOTFS_LABEL));
                case IF_MISSING_OR_OTHER_RUNNER -> labels == null || (labels.containsKey(Engine.ROOTFS_LABEL)
                        && !runnerDigest.equals(labels.get(Engine.RUNNER_LABEL)));
            };
            if (!build) {
                return new Result(false, tar.digest());
            }
            LOG.info("building Docker image {} ({}={}, was {})", image, Engine.ROOTFS_LABEL, tar.digest(),
                    labels == null ? "missing" : labels.getOrDefault(Engine.ROOTFS_LABEL, "without the label"));
            engine.importImage(image, tar.bytes(), Engine.runtimeConfig(tar.digest(), runnerDigest));
            String now = engine.rootfsLabel(image);
            if (!tar.digest().equals(now)) {
                throw new SandboxException("the import of Docker image '" + image + "' did not take effect (label "
                        + Engine.ROOTFS_LABEL + " is " + (now == null ? "missing" : "'" + now + "'")
                        + ", expected '" + tar.digest() + "')");
            }
            try {
                long reclaimed = engine.pruneDanglingRuntimeImages();
                LOG.debug("removed untagged runtime images: {} bytes", reclaimed);
            } catch (RuntimeException e) {
                // The new image is in place; an old one left over is only untidy.
                LOG.warn("cannot remove untagged runtime images: {}", e.getMessage());
            }
            return new Result(true, tar.digest());
        }
    }

    /** {@link #ensure} for the sandbox: wraps failures so they read as the sandbox's. */
    static void ensureForSandbox(Engine engine, String image, int uidBase) {
        try {
            ensure(engine, image, uidBase, Policy.IF_MISSING_OR_OTHER_RUNNER);
        } catch (SandboxException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SandboxException("cannot build the Docker image '" + image + "': " + e.getMessage(), e);
        }
    }
}
