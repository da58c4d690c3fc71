package dev.judge.sandbox.linux;

import dev.judge.core.model.ByteSize;
import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.UnsafeBindException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Linux sandbox: each run gets fresh PID namespace, its own /proc, a tmpfs work dir and /tmp, a
 * read-only root made of the host's toolchain directories, no network (unless the limits allow it: then the
 * box's own network namespace, whose outbound traffic slirp4netns carries and whose nftables rules keep it
 * off the host and private ranges), an unprivileged uid without capabilities, a seccomp syscall allowlist
 * per profile, rlimits and a cgroup for memory, processes and CPU accounting.
 *
 * <p>Each box is a long-lived helper process that holds the prepared environment, so a run costs about a
 * fork and an exec. {@link #run} blocks while every box is busy. {@link #runPair} takes two boxes at once
 * (so a sandbox that runs pairs needs at least two slots) and connects their commands by two FIFOs.
 *
 * <p>As root the helpers build the boxes directly. As any other user the sandbox runs rootless: each helper
 * first enters a user namespace whose ids {@code newuidmap}/{@code newgidmap} map from the user's
 * subordinate ranges ({@code /etc/subuid}, {@code /etc/subgid}), and builds the box inside it; cgroups then
 * come from a subtree delegated to the user (see {@link Builder#cgroupParent}), and runs get no network.
 *
 * <pre>{@code
 * try (Sandbox sandbox = NativeSandbox.builder().slots(4).build()) {
 *     SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/echo", "hi"), Limits.defaults()));
 * }
 * }</pre>
 */
public final class NativeSandbox implements Sandbox {
    static final List<Path> DEFAULT_READ_ONLY = List.of(Path.of("/bin"), Path.of("/sbin"), Path.of("/usr"),
            Path.of("/lib"), Path.of("/lib32"), Path.of("/lib64"), Path.of("/libx32"), Path.of("/etc/alternatives"),
            Path.of("/etc/ld.so.cache"), Path.of("/etc/ld.so.conf"), Path.of("/etc/ld.so.conf.d"),
            Path.of("/etc/java-17-openjdk"), Path.of("/etc/java-21-openjdk"), Path.of("/etc/localtime"),
            // Mono reads its configuration, and GHC its package database, outside /usr (Debian's layout)
            Path.of("/etc/mono"), Path.of("/var/lib/ghc"));
    /** Inodes of each run's work dir and /tmp unless configured: far more than a build writes. */
    public static final long DEFAULT_WORK_DIR_INODES = 32_768;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SandboxInstance instance;
    /** The box ids, held on the host until {@link #close()}. */
    private final BoxIds ids;
    private final DoctorReport report;
    /** {@code null} when running as root. */
    private final RootlessCheck.Setup rootless;
    private final BoxPool boxes;
    /** Serves the peer of each pair while the caller's thread serves the program. */
    private final ExecutorService pairThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "judge-native-pair");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /** Produces the doctor's report for a started sandbox (a parameter so that tests can give their own). */
    interface Doctor {
        DoctorReport check(Path helper, int firstUid, RootlessCheck.Result rootless);
    }

    private NativeSandbox(Settings s, Doctor doctor) {
        int number = INSTANCES.incrementAndGet();
        try {
            this.ids = BoxIds.claim(s, ProcessHandle.current().pid(), number);
        } catch (IOException e) {
            throw new SandboxException("cannot start the native sandbox: " + e.getMessage(), e);
        }
        int firstUid = ids.firstUid();
        RootlessCheck.Result rootlessCheck = ids.rootless();
        this.rootless = rootlessCheck == null ? null : rootlessCheck.setup();
        this.instance = new SandboxInstance(number);
        try {
            instance.createDirectory(s.stateDirectory());
            this.report = doctor.check(instance.helperBinary(), firstUid, rootlessCheck);
            HostChecks.requireConfinement(report, s.allowUnconfined());
            instance.useCgroups(report, s.cgroupParent());
            this.boxes = BoxPool.start(s.boxes(), id -> new Box(id, firstUid + id, s, instance, rootless));
        } catch (IOException | RuntimeException e) {
            pairThreads.shutdown();
            instance.remove();
            ids.close();
            if (e instanceof SandboxException se) {
                throw se;
            }
            throw new SandboxException("cannot start the native sandbox: " + e.getMessage(), e);
        }
    }

    /** A builder with every protection on and one box per available processor. */
    public static Builder builder() {
        return new Builder();
    }

    /** What the doctor found when this sandbox started. */
    public DoctorReport report() {
        return report;
    }

    /** Root mode with slirp4netns and nft on the host: a run with network gets the box network (see above). */
    @Override
    public boolean givesNetwork() {
        return !rootless() && BoxNetworkTools.find().isPresent();
    }

    /** Whether the helpers run rootless, in a user namespace of the judge's user (else as root). */
    public boolean rootless() {
        return rootless != null;
    }

    /**
     * The CPU each slot's runs are pinned to, by slot; empty when the host's cgroups cannot place runs (no
     * cpuset and cpu controllers this sandbox may use). See {@link Builder#cpus}.
     */
    public List<Integer> slotCpus() {
        List<OptionalInt> cpus = boxes.all().stream().map(Box::cpu).toList();
        return cpus.stream().allMatch(OptionalInt::isPresent) ? cpus.stream().map(OptionalInt::getAsInt).toList()
                : List.of();
    }

    /** The cgroup hierarchy in use ({@link CgroupVersion#NONE} when running without cgroups). */
    public CgroupVersion cgroupVersion() {
        return instance.cgroups() == null ? CgroupVersion.NONE : instance.cgroups().version();
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public SandboxResult run(SandboxRequest request) {
        Objects.requireNonNull(request, "request");
        List<Box> box = take(1);
        try {
            return box.get(0).run(request);
        } finally {
            boxes.giveBack(box);
        }
    }

    /**
     * Runs the two commands in two boxes at once (see {@link Sandbox#runPair}); each box has its own uid,
     * cgroup and namespaces, as for any run.
     *
     * @throws SandboxException when the sandbox is closed or has a single slot
     */
    @Override
    public PairResult runPair(SandboxRequest program, SandboxRequest peer) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(peer, "peer");
        if (boxes.size() < 2) {
            throw new SandboxException("a pair needs two boxes, this native sandbox has one slot");
        }
        List<Box> two = take(2);
        try {
            return PairRun.run(instance.pipes(), two.get(0), two.get(1), program, peer, pairThreads);
        } finally {
            boxes.giveBack(two);
        }
    }

    private List<Box> take(int n) {
        if (closed) {
            throw new SandboxException("the native sandbox is closed");
        }
        List<Box> taken;
        try {
            taken = boxes.take(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for a free box", e);
        }
        if (closed) {
            boxes.giveBack(taken);
            throw new SandboxException("the native sandbox is closed");
        }
        return taken;
    }

    /** For tests: how many sandboxes this JVM has numbered so far (the next one gets this plus one). */
    static int sandboxesNumbered() {
        return INSTANCES.get();
    }

    /** The uid of box 0 (box i runs as this plus i). */
    int firstUid() {
        return ids.firstUid();
    }

    /** The directory of the pairs' FIFOs, for tests that look for leftovers. */
    Path pipeDirectory() {
        return instance.pipes();
    }

    /** Stops every helper (killing runs in progress) and removes the boxes' cgroups and directories. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        boxes.destroy();
        pairThreads.shutdown();
        instance.remove();
        ids.close();
    }

    /** Configures a {@link NativeSandbox}. Every protection is on; options only size and place things. */
    public static final class Builder {
        private int slots = Math.max(1, Runtime.getRuntime().availableProcessors());
        private List<Path> readOnly = DEFAULT_READ_ONLY;
        private Integer firstUid;
        private ByteSize workDirSize = ByteSize.ofMiB(256);
        private long workDirInodes = DEFAULT_WORK_DIR_INODES;
        private ByteSize maxCollected = ByteSize.ofMiB(64);
        private Path stateDirectory = defaultStateDirectory();
        private String cgroupParent = CgroupDriver.DEFAULT_PARENT;
        private boolean allowUnconfined;
        /** {@code null}: the CPUs the process may use when the sandbox is built. */
        private CpuPlacement cpus;

        private Builder() {
        }

        /** Runs that may go on at once: the number of boxes, one helper process each (1 to 256). */
        public Builder slots(int n) {
            if (n < 1 || n > 256) {
                throw new IllegalArgumentException("slots must be between 1 and 256, was " + n);
            }
            this.slots = n;
            return this;
        }

        /**
         * Host paths bound read-only into every box (toolchains, their libraries and configuration). Paths
         * the host lacks are skipped; a symlink is recreated as the same symlink.
         *
         * @throws UnsafeBindException when a path lies in or holds {@code /run}, {@code /var/run},
         *                             {@code /proc}, {@code /sys} or {@code /dev}, is named like a socket, or
         *                             holds a socket or a FIFO (which a read-only bind leaves usable)
         */
        public Builder readOnlyPaths(List<Path> paths) {
            Objects.requireNonNull(paths, "paths");
            if (paths.size() > 60) {
                throw new IllegalArgumentException("at most 60 read-only paths, got " + paths.size());
            }
            for (Path p : paths) {
                Objects.requireNonNull(p, "read-only path");
                if (!p.isAbsolute() || !p.normalize().equals(p) || p.getNameCount() == 0) {
                    throw new IllegalArgumentException("read-only path must be absolute, normalized and not /: " + p);
                }
                String s = p.toString();
                if (s.equals("/proc") || s.equals("/dev") || s.equals("/box") || s.equals("/tmp") || s.equals("/sys")) {
                    throw new IllegalArgumentException("read-only path " + p + " is owned by the sandbox or host kernel");
                }
                ReadOnlyPathCheck.requireSafe(p);
            }
            this.readOnly = List.copyOf(paths);
            return this;
        }

        /**
         * The uid (and gid) of box 0; box i runs as {@code firstUid + i}. No host user may own them.
         * By default each sandbox picks its own block of 256 uids from 1600000 up. Sandboxes sharing a state
         * directory (all root judges of the host by default) never share a box id: a sandbox whose ids another
         * live one holds takes the next free default block, or, with ids given here, refuses to start with a
         * {@link SandboxException}. Rootless, the same holds for the host ids the boxes map to.
         */
        public Builder firstUid(int uid) {
            if (uid < 1000 || uid > 2_000_000_000) {
                throw new IllegalArgumentException("firstUid must be between 1000 and 2000000000, was " + uid);
            }
            this.firstUid = uid;
            return this;
        }

        /** Size of the tmpfs work dir (and of the private /tmp) of each run; its pages count as the run's memory. */
        public Builder workDirSize(ByteSize size) {
            Objects.requireNonNull(size, "size");
            if (size.bytes() < (1 << 20)) {
                throw new IllegalArgumentException("workDirSize must be at least 1MiB, was " + size);
            }
            this.workDirSize = size;
            return this;
        }

        /**
         * Most inodes (files, directories, links) of the work dir, and separately of the private /tmp, of
         * each run: a run that creates more gets ENOSPC, so it can never leave the judge millions of entries
         * to walk. {@value #DEFAULT_WORK_DIR_INODES} by default.
         */
        public Builder workDirInodes(long inodes) {
            if (inodes < 64 || inodes > 16_777_216) {
                throw new IllegalArgumentException("workDirInodes must be between 64 and 16777216, was " + inodes);
            }
            this.workDirInodes = inodes;
            return this;
        }

        /** Most bytes of files read back per run through {@link SandboxRequest#collect()}. */
        public Builder maxCollectedSize(ByteSize size) {
            this.maxCollected = Objects.requireNonNull(size, "size");
            return this;
        }

        private static Path defaultStateDirectory() {
            // each user its own: the directory must belong to the process that uses it
            int euid = Libc.INSTANCE.geteuid();
            return Path.of(System.getProperty("java.io.tmpdir"), euid == 0 ? "judge-native" : "judge-native-" + euid);
        }

        /**
         * Where the helper binary and the boxes' mount points live (owner-only); reaped of dead instances.
         * By default {@code judge-native} in the temporary directory, {@code judge-native-<uid>} for a user
         * other than root.
         */
        public Builder stateDirectory(Path dir) {
            Objects.requireNonNull(dir, "dir");
            if (!dir.isAbsolute()) {
                throw new IllegalArgumentException("stateDirectory must be absolute: " + dir);
            }
            this.stateDirectory = dir;
            return this;
        }

        /**
         * Where the boxes' cgroups go, relative to the mount of each cgroup hierarchy (each controller's
         * mount on cgroup v1, the unified mount on v2); {@code judge-native} by default. Root may use any
         * place. A rootless sandbox needs a parent the user may write: on v1 a directory an administrator
         * created under the memory, pids and cpuacct hierarchies and gave to the user; on v2 a place inside a
         * subtree delegated to the user (e.g. by systemd with {@code Delegate=yes}) that holds the judge's own
         * cgroup too.
         */
        public Builder cgroupParent(String parent) {
            checkCgroupParent(parent);
            this.cgroupParent = parent;
            return this;
        }

        static void checkCgroupParent(String parent) {
            Objects.requireNonNull(parent, "parent");
            Path p = Path.of(parent);
            if (parent.isEmpty() || p.isAbsolute() || !p.normalize().toString().equals(parent)
                    || parent.startsWith("..") || parent.endsWith("/")) {
                throw new IllegalArgumentException("cgroupParent must be a normalized relative path, was '"
                        + parent + "'");
            }
        }

        /**
         * The CPUs the slots are pinned to, in order: slot {@code i} runs on the {@code (i mod n)}-th of the
         * {@code n} CPUs, every process and thread of its runs (children included) on that CPU alone, and gets
         * at most one CPU's worth of time (cgroup cpuset and CPU bandwidth, on v1 and v2). With at most as many
         * slots as CPUs no run can take CPU time from another slot's run; with more slots than CPUs, slots
         * share CPUs round-robin and those on one CPU slow each other's wall time down again. CPUs left over
         * when there are fewer slots than CPUs stay free for the judge itself.
         *
         * <p>By default the CPUs the judge's process may use when the sandbox is built. Where the host's
         * cgroups offer no cpuset and cpu controllers to the sandbox (see {@link NativeSandbox#slotCpus()}),
         * runs are not placed.
         *
         * @throws IllegalArgumentException when the list is empty, repeats a CPU or names one this process may
         *                                  not use
         */
        public Builder cpus(List<Integer> cpus) {
            Objects.requireNonNull(cpus, "cpus");
            CpuPlacement placement = new CpuPlacement(cpus);
            CpuPlacement allowed = CpuPlacement.ofThisProcess();
            if (!placement.within(allowed)) {
                throw new IllegalArgumentException("cpus " + cpus + " are not all among the CPUs this process may "
                        + "use: " + allowed);
            }
            this.cpus = placement;
            return this;
        }

        /**
         * Accepts running without cgroups (memory bounded by address space, processes by RLIMIT_NPROC, CPU
         * measured by rusage). Off by default: the sandbox refuses to start with weaker isolation.
         */
        public Builder allowUnconfined(boolean allow) {
            this.allowUnconfined = allow;
            return this;
        }

        /**
         * Starts the helpers; throws {@link SandboxException} when the host cannot confine runs, and
         * {@link IllegalStateException} when a rootless sandbox's subordinate ids (/etc/subuid, /etc/subgid)
         * cannot hold its boxes.
         */
        public NativeSandbox build() {
            return new NativeSandbox(settings(), (helper, uid, rootless) -> NativeSandboxDoctor.check(rootless,
                    helper, CgroupDetector.detectFor(cgroupParent), uid, slots));
        }

        /** For tests: a sandbox whose doctor report is given. */
        NativeSandbox build(java.util.function.Function<Path, DoctorReport> doctor) {
            return new NativeSandbox(settings(), (helper, uid, rootless) -> doctor.apply(helper));
        }

        private Settings settings() {
            return new Settings(slots, firstUid, readOnly, workDirSize, workDirInodes, maxCollected, stateDirectory,
                    cgroupParent, allowUnconfined, cpus != null ? cpus : CpuPlacement.ofThisProcess());
        }
    }
}
