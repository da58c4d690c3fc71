package dev.judge.sandbox.docker;

import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.testsupport.RequiredParts;

/** The sandbox the module's tests share a configuration of: the local engine and the host's toolchain. */
final class TestSandboxes {
    /** Label value of every container the tests start; the leak check looks for it. */
    static final String POOL = "judge-test";

    private static boolean imageEnsured;

    private TestSandboxes() {
    }

    /**
     * Builds the default runtime image with the module's own builder unless it is up to date, once per test
     * run, even over an image of that name built some other way: every test runs on the image this
     * module's {@link RuntimeImage} makes.
     */
    static synchronized void ensureDefaultImage() {
        if (imageEnsured) {
            return;
        }
        Settings settings = DockerSandbox.builder().settings();
        try (Engine engine = new Engine(settings)) {
            engine.ping();
            RuntimeImage.ensure(engine, settings.defaultImage(), settings.uidBase(), RuntimeImage.Policy.UNLESS_IDENTICAL);
        }
        imageEnsured = true;
    }

    /** A sandbox on the local engine, or a skipped (under JUDGE_REQUIRE_ALL: failed) test. */
    static Sandbox create(int poolSize) {
        return create(DockerSandbox.builder().poolSize(poolSize));
    }

    /** The builder's sandbox with the host toolchain and the tests' pool name, or a skipped test. */
    static Sandbox create(DockerSandbox.Builder builder) {
        return create(builder, POOL);
    }

    /** The builder's sandbox with the host toolchain and the given pool name, or a skipped test. */
    static Sandbox create(DockerSandbox.Builder builder, String pool) {
        try {
            ensureDefaultImage();
            return builder.hostToolchain().poolName(pool).build();
        } catch (SandboxException e) {
            RequiredParts.require(false, "a Docker engine (" + e.getMessage() + "); run scripts/setup-machine.sh");
            throw e;
        }
    }
}
