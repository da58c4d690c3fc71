package dev.judge.sandbox.linux;

import dev.judge.core.model.ByteSize;
import dev.judge.core.sandbox.SandboxRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The native sandbox's spawn path with every isolation step left out, for the spawn benchmark: the same
 * Java request encoding, pipe protocol, server loop, file shipping, output collection and work dir clean-up,
 * served by the helper compiled with {@code -DJUDGE_BARE_BENCH} (no namespaces, cgroups, rlimits, uid switch
 * or seccomp). Never a sandbox: it runs programs as the caller.
 */
public final class BareSpawnPath implements AutoCloseable {
    private final Helper helper;

    private BareSpawnPath(Helper helper) {
        this.helper = helper;
    }

    /** Starts the bare helper binary with its work dirs under {@code dir}. */
    public static BareSpawnPath start(Path bareHelper, Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("bare-root"));
        return new BareSpawnPath(Helper.launch(bareHelper,
                List.of("--root", root.toString(), "--uid", "65534", "--gid", "65534"), dir.resolve("bare.log")));
    }

    /** Runs the request's command; returns the wait status (0 when it exited with 0). */
    public int run(SandboxRequest request) throws IOException {
        Helper.Response r = helper.run(HelperArguments.request(request, 0, ByteSize.ofMiB(64), null));
        if (r.failure() != null) {
            throw new IOException("bare run failed: " + r.failure());
        }
        return r.has(Helper.RES_EXEC_FAILED) ? 127 << 8 : r.waitStatus();
    }

    @Override
    public void close() {
        helper.close();
    }
}
