package dev.judge.sandbox.linux;

import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One box: a long-lived helper that holds the box's prepared namespaces and root, the box's uid and its
 * cgroup. Used by one run at a time; a helper that died is started again by the next run.
 */
final class Box {
    private final int id;
    private final int uid;
    private final Settings settings;
    private final SandboxInstance instance;
    /** {@code null} when running as root. */
    private final RootlessCheck.Setup rootless;
    private final Path root;
    private final Path log;
    private BoxCgroup cgroup;
    private Helper helper;
    /** Set once a run asked for network: from then on the box's helpers are started with a box network. */
    private BoxNetworkTools network;

    Box(int id, int uid, Settings settings, SandboxInstance instance, RootlessCheck.Setup rootless) {
        this.id = id;
        this.uid = uid;
        this.settings = settings;
        this.instance = instance;
        this.rootless = rootless;
        this.root = instance.dir().resolve("root-" + id);
        this.log = instance.dir().resolve("helper-" + id + ".log");
    }

    /** Creates the box's cgroup (once) and mount point, and starts its helper. */
    void start() throws IOException {
        CgroupDriver cgroups = instance.cgroups();
        if (cgroups != null && cgroup == null) {
            cgroup = cgroups.create(instance.name(), id, OptionalInt.of(settings.cpus().cpuOf(id)));
        }
        if (cgroup != null) {
            drain(cgroup);
            cgroup.runEndedAbnormally();
        }
        if (!Files.isDirectory(root)) {
            Files.createDirectory(root);
        }
        helper = Helper.start(instance.helperBinary(),
                HelperArguments.start(root, instance.pipes(), uid, id, settings, rootless, cgroup, network), log);
    }

    /**
     * After a helper died its box's processes are killed, but until the host's init reaps them they still
     * count against the box's process limit: wait for the cgroup to empty.
     */
    private static void drain(BoxCgroup cg) throws IOException {
        for (int i = 0; i < 300; i++) {
            List<Integer> left = cg.pids();
            if (left.isEmpty() && cg.taskCount() == 0) {
                return;
            }
            for (int pid : left) {
                Libc.INSTANCE.kill(pid, Libc.SIGKILL);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while emptying the box's cgroup", e);
            }
        }
        throw new IOException("processes of an earlier run are still in the box's cgroup: " + cg.pids() + ", "
                + cg.taskCount() + " tasks");
    }

    /** The CPU the box's runs are pinned to; empty when the host's cgroups cannot place it. */
    OptionalInt cpu() {
        return cgroup == null ? OptionalInt.empty() : cgroup.cpu();
    }

    /** Stops the helper, killing a run in progress. */
    void destroy() {
        if (helper != null) {
            helper.close();
            helper = null;
        }
    }

    /**
     * What one run gave: its result and when the helper saw the command end, on the host's monotonic clock;
     * {@code endedAt} is absent when the run failed before its command could end.
     */
    record Outcome(SandboxResult result, OptionalLong endedAt) {
        static Outcome failed(SandboxResult result) {
            return new Outcome(result, OptionalLong.empty());
        }
    }

    /** Runs one request; whatever goes wrong in the box is a sandbox failure, and the helper is restarted. */
    SandboxResult run(SandboxRequest request) {
        return run(request, null).result();
    }

    /** Runs one request, on its own or ({@code pair} non-null) as one command of a pair. */
    Outcome run(SandboxRequest request, Helper.PairEnd pair) {
        try {
            Limits l = request.limits();
            if (l.network() && rootless != null) {
                // slirp4netns and the box's nftables rules need root in the namespace that owns the network
                return Outcome.failed(
                        SandboxResult.failure("network access is not available to a rootless native sandbox"));
            }
            if (l.network() && network == null) {
                // the box network costs a slirp4netns process per box: only boxes that run with network get one
                network = BoxNetworkTools.find().orElse(null);
                if (network == null) {
                    return Outcome.failed(SandboxResult.failure(
                            "network access needs slirp4netns and nft on the host (packages slirp4netns, nftables)"));
                }
                destroy();
            }
            if (helper == null || !helper.alive()) {
                destroy();
                start();
            }
            if (cgroup != null) {
                cgroup.prepare(l);
            }
            // without a memory cgroup the address space limit bounds the run's memory instead
            Helper.Response resp = helper.run(HelperArguments.request(request,
                    cgroup == null ? l.memory().bytes() : 0, settings.maxCollected(), pair));
            if (resp.failure() != null) {
                if (cgroup != null) {
                    cgroup.runEndedAbnormally();
                }
                return Outcome.failed(SandboxResult.failure(resp.failure()));
            }
            CgroupUsage usage = cgroup == null ? null : cgroup.usage(resp.readings());
            return new Outcome(ResultDecoder.decode(l, request.command().get(0), resp, usage),
                    OptionalLong.of(resp.endNs()));
        } catch (IOException | RuntimeException e) {
            String why = helper == null ? "" : " (" + helper.reason() + ")";
            destroy();
            return Outcome.failed(SandboxResult.failure("sandbox helper failed: " + e.getMessage() + why));
        }
    }
}
