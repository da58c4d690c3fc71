package dev.judge.sandbox.linux;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Linux sandbox: each run gets fresh PID namespace, its own /proc, a tmpfs work dir and /tmp, a
 * read-only root made of the host's toolchain directories, no network (unless the limits allow it), an
 * unprivileged uid without capabilities, a seccomp filter, rlimits and a cgroup for memory, processes
 * and CPU accounting.
 *
 * <p>A pool of long-lived helper processes (one per slot) holds the prepared environment, so a run costs
 * about a fork and an exec. {@link #run} blocks while every slot is busy.
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
    // far above the uids distributions hand out, so no host user or other sandbox is likely to hold them
    static final int DEFAULT_FIRST_UID = 1_600_000;
    static final List<Path> DEFAULT_READ_ONLY = List.of(Path.of("/bin"), Path.of("/sbin"), Path.of("/usr"),
            Path.of("/lib"), Path.of("/lib32"), Path.of("/lib64"), Path.of("/libx32"), Path.of("/etc/alternatives"),
            Path.of("/etc/ld.so.cache"), Path.of("/etc/ld.so.conf"), Path.of("/etc/ld.so.conf.d"),
            Path.of("/etc/java-17-openjdk"), Path.of("/etc/java-21-openjdk"), Path.of("/etc/localtime"));
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Map<String, String> BASE_ENV = Map.of(
            "PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/box", "LANG", "C.UTF-8");

    private final Builder config;
    private final int firstUid;
    private final String instance;
    private final Path instanceDir;
    private final Path helperBinary;
    private final CgroupDriver cgroups;
    private final DoctorReport report;
    /** {@code null} when running as root. */
    private final RootlessCheck.Setup rootless;
    private final List<Slot> slots = new ArrayList<>();
    private final BlockingQueue<Slot> idle;
    private volatile boolean closed;

    /** Produces the doctor's report for a started sandbox (a parameter so that tests can give their own). */
    interface Doctor {
        DoctorReport check(Path helper, int firstUid, RootlessCheck.Result rootless);
    }

    private NativeSandbox(Builder b, Doctor doctor) {
        this.config = b;
        int number = INSTANCES.incrementAndGet();
        this.firstUid = b.firstUid != null ? b.firstUid : defaultFirstUid(ProcessHandle.current().pid(), number);
        RootlessCheck.Result rootlessCheck = null;
        if (!NativeSandboxDoctor.isRoot()) {
            RootlessHost host = RootlessHost.current();
            // a subordinate range that cannot hold the slots is a configuration error, not a weaker box
            RootlessCheck.plan(host, firstUid, b.slots);
            rootlessCheck = RootlessCheck.check(host, firstUid, b.slots);
        }
        this.rootless = rootlessCheck == null ? null : rootlessCheck.setup();
        this.instance = InstanceDirs.currentInstance(number);
        this.idle = new ArrayBlockingQueue<>(b.slots);
        Path dir = null;
        CgroupDriver driver = null;
        try {
            InstanceDirs.ensurePrivateBase(b.stateDirectory);
            InstanceDirs.reapDirs(b.stateDirectory);
            dir = Files.createDirectory(b.stateDirectory.resolve(instance));
            this.helperBinary = HelperBinary.extract(dir);
            this.report = doctor.check(helperBinary, firstUid, rootlessCheck);
            requireConfinement(report, b.allowUnconfined);
            CgroupDetector.Detection det = CgroupDetector.detectFor(b.cgroupParent);
            if (report.protection("cgroups").map(Protection::active).orElse(false) && det.driver() != null) {
                driver = det.driver();
                InstanceDirs.reapCgroups(driver);
            }
            this.cgroups = driver;
            this.instanceDir = dir;
            for (int i = 0; i < b.slots; i++) {
                Slot s = new Slot(i);
                slots.add(s);
                s.start();
                idle.add(s);
            }
        } catch (IOException | RuntimeException e) {
            for (Slot s : slots) {
                s.destroy();
            }
            removeInstance(driver, dir);
            if (e instanceof SandboxException se) {
                throw se;
            }
            throw new SandboxException("cannot start the native sandbox: " + e.getMessage(), e);
        }
    }

    /**
     * Without an explicit first uid each sandbox takes its own block of 256 uids, chosen from the JVM's
     * pid and the sandbox's number, so that boxes of other sandboxes (in this JVM or another) do not share
     * a uid, and with it the per-uid process count and the right to signal each other.
     */
    static int defaultFirstUid(long pid, int number) {
        return DEFAULT_FIRST_UID + (int) (((pid % 4096) * 64 + number % 64) * 256);
    }

    private static void requireConfinement(DoctorReport report, boolean allowUnconfined) {
        List<Protection> missing = report.missing();
        if (missing.isEmpty()) {
            return;
        }
        List<Protection> fatal = missing.stream().filter(p -> !p.name().equals("cgroups")).toList();
        if (!fatal.isEmpty()) {
            // without root (or rootless operation), namespaces or seccomp the helper cannot build a box at all
            throw new SandboxException("the native sandbox cannot run on this host: " + describe(fatal));
        }
        if (!allowUnconfined) {
            throw new SandboxException("refusing to run with weaker isolation (" + describe(missing)
                    + "); memory and process limits would rest on rlimits only. Call allowUnconfined(true) to accept.");
        }
    }

    private static String describe(List<Protection> ps) {
        return String.join("; ", ps.stream().map(p -> p.name() + " missing: " + p.detail()).toList());
    }

    /** A builder with every protection on and one slot per available processor. */
    public static Builder builder() {
        return new Builder();
    }

    /** What the doctor found when this sandbox started. */
    public DoctorReport report() {
        return report;
    }

    /** Whether the helpers run rootless, in a user namespace of the judge's user (else as root). */
    public boolean rootless() {
        return rootless != null;
    }

    /** The cgroup hierarchy in use ({@link CgroupVersion#NONE} when running without cgroups). */
    public CgroupVersion cgroupVersion() {
        return cgroups == null ? CgroupVersion.NONE : cgroups.version();
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public SandboxResult run(SandboxRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            throw new SandboxException("the native sandbox is closed");
        }
        Slot slot;
        try {
            slot = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for a free slot", e);
        }
        try {
            if (closed) {
                throw new SandboxException("the native sandbox is closed");
            }
            return slot.run(request);
        } finally {
            idle.add(slot);
        }
    }

    /** Stops every helper (killing runs in progress) and removes the slots' cgroups and directories. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Slot s : slots) {
            s.destroy();
        }
        removeInstance(cgroups, instanceDir);
    }

    private void removeInstance(CgroupDriver driver, Path dir) {
        if (driver != null) {
            for (Path parent : driver.instanceParents()) {
                try {
                    CgroupFiles.killAndRemove(parent.resolve(instance));
                } catch (IOException ignored) {
                    // reaped at the next start
                }
            }
        }
        if (dir != null) {
            try {
                InstanceDirs.deleteTree(dir);
            } catch (IOException ignored) {
                // reaped at the next start
            }
        }
    }

    static int profileId(String profile) {
        return switch (profile) {
            case "jvm" -> 1;
            case "node" -> 2;
            default -> 0;
        };
    }

    /** One helper, its uid and its cgroup. Used by one run at a time. */
    private final class Slot {
        private final int index;
        private final Path root;
        private final Path log;
        private SlotCgroup cgroup;
        private Helper helper;

        Slot(int index) {
            this.index = index;
            this.root = instanceDir.resolve("root-" + index);
            this.log = instanceDir.resolve("helper-" + index + ".log");
        }

        void start() throws IOException {
            if (cgroups != null && cgroup == null) {
                cgroup = cgroups.create(instance, index);
            }
            if (cgroup != null) {
                drain(cgroup);
                cgroup.runEndedAbnormally();
            }
            if (!Files.isDirectory(root)) {
                Files.createDirectory(root);
            }
            int uid = firstUid + index;
            List<String> args = new ArrayList<>(List.of("--root", root.toString(), "--uid", Integer.toString(uid),
                    "--gid", Integer.toString(uid), "--work-size", Long.toString(config.workDirSize.bytes())));
            if (rootless != null) {
                RootlessMapping m = rootless.mapping();
                args.addAll(List.of("--rootless", "1", "--newuidmap", rootless.newuidmap().toString(),
                        "--newgidmap", rootless.newgidmap().toString(), "--outer-uid", Long.toString(m.outerUid()),
                        "--outer-gid", Long.toString(m.outerGid()), "--host-uid", Long.toString(m.hostUid(index)),
                        "--host-gid", Long.toString(m.hostGid(index))));
            }
            for (Path p : config.readOnly) {
                args.add("--ro");
                args.add(p.toString());
            }
            if (cgroup != null) {
                for (Path p : cgroup.procsFiles()) {
                    args.add("--procs");
                    args.add(p.toString());
                }
                args.add(cgroup.cpuIsV2() ? "--cpu-v2" : "--cpu-v1");
                args.add(cgroup.cpuFile().toString());
                for (Path p : cgroup.resetFiles()) {
                    args.add("--reset");
                    args.add(p.toString());
                }
                for (Path p : cgroup.statFiles()) {
                    args.add("--stat");
                    args.add(p.toString());
                }
            }
            helper = Helper.start(helperBinary, args, log);
        }

        /**
         * After a helper died its box's processes are killed, but until the host's init reaps them they
         * still count against the slot's process limit: wait for the cgroup to empty.
         */
        private void drain(SlotCgroup cg) throws IOException {
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
                    throw new IOException("interrupted while emptying the slot's cgroup", e);
                }
            }
            throw new IOException("processes of an earlier run are still in the slot's cgroup: " + cg.pids() + ", "
                    + cg.taskCount() + " tasks");
        }

        void destroy() {
            if (helper != null) {
                helper.close();
                helper = null;
            }
        }

        SandboxResult run(SandboxRequest request) {
            try {
                if (helper == null || !helper.alive()) {
                    destroy();
                    start();
                }
                Limits l = request.limits();
                if (l.network() && rootless != null) {
                    // joining the host's network namespace needs root in the namespace that owns it
                    return SandboxResult.failure("network access is not available to a rootless native sandbox");
                }
                if (cgroup != null) {
                    cgroup.prepare(l);
                }
                Helper.Response resp = helper.run(toHelper(request));
                if (resp.failure() != null) {
                    if (cgroup != null) {
                        cgroup.runEndedAbnormally();
                    }
                    return SandboxResult.failure(resp.failure());
                }
                CgroupUsage usage = cgroup == null ? null : cgroup.usage(resp.readings());
                return toResult(l, request.command().get(0), resp, usage);
            } catch (IOException | RuntimeException e) {
                String why = helper == null ? "" : " (" + helper.reason() + ")";
                destroy();
                return SandboxResult.failure("sandbox helper failed: " + e.getMessage() + why);
            }
        }

        private Helper.Request toHelper(SandboxRequest r) {
            return helperRequest(r, cgroup == null ? r.limits().memory().bytes() : 0, config.maxCollected);
        }
    }

    /** The helper's view of a request; {@code addressSpace} 0 when a memory cgroup bounds the run instead. */
    static Helper.Request helperRequest(SandboxRequest r, long addressSpace, ByteSize maxCollected) {
        Limits l = r.limits();
        Map<String, String> env = new LinkedHashMap<>(BASE_ENV);
        env.putAll(r.environment());
        List<String> envList = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        List<Helper.FileEntry> files = r.files().stream()
                .map(f -> new Helper.FileEntry(f.path(), f.executable(), f.content())).toList();
        return new Helper.Request(l.cpuTime().toNanos(), l.wallTime().toNanos(), l.fileSize().bytes(),
                l.stack().bytes(), l.openFiles(), l.processes(), l.outputSize().bytes(), maxCollected.bytes(),
                addressSpace, l.network(), profileId(r.profile()), r.command(), envList, files, r.stdin(),
                r.collect());
    }

    static SandboxResult toResult(Limits l, String command, Helper.Response resp, CgroupUsage usage) {
        long cpuNs = usage != null ? usage.cpuNanos() : resp.rusageCpuNs();
        long peak = usage != null ? usage.peakBytes() : resp.maxRssBytes();
        int st = resp.waitStatus();
        boolean noStatus = resp.has(Helper.RES_NO_STATUS);
        boolean signaled = !noStatus && (st & 0x7f) != 0;
        int signal = noStatus ? 9 : signaled ? st & 0x7f : 0;
        int exit = noStatus || signaled ? -1 : (st >> 8) & 0xff;
        byte[] stderr = resp.stderr();
        if (resp.has(Helper.RES_EXEC_FAILED)) {
            // like a shell: the command could not be started, exit code 127 and a line on stderr
            exit = 127;
            stderr = ("judge: cannot execute '" + command + "': " + errnoText(resp.execErrno()) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
        boolean abnormal = noStatus || signaled || exit != 0;
        Termination t;
        if (resp.has(Helper.RES_OUTPUT_EXCEEDED) || resp.has(Helper.RES_FILE_LIMIT)
                || (signaled && signal == 25 /* SIGXFSZ */)) {
            t = Termination.OUTPUT_LIMIT;
        } else if (usage != null && usage.oomKills() > 0 || usage != null && abnormal && usage.limitHits() > 0
                && peak >= l.memory().bytes() * 95 / 100) {
            t = Termination.MEMORY_LIMIT;
        } else if (resp.has(Helper.RES_CPU_KILLED) || cpuNs > l.cpuTime().toNanos()
                || (signaled && signal == 24 /* SIGXCPU */)) {
            t = Termination.CPU_TIME_LIMIT;
        } else if (resp.has(Helper.RES_WALL_KILLED)) {
            t = Termination.WALL_TIME_LIMIT;
        } else if (noStatus || signaled) {
            t = Termination.SIGNALED;
        } else {
            t = Termination.EXITED;
        }
        List<SandboxFile> collected = resp.collected().stream()
                .map(f -> new SandboxFile(f.path(), f.content(), f.executable())).toList();
        return new SandboxResult(t, exit, signal, resp.stdout(), stderr,
                resp.has(Helper.RES_OUTPUT_EXCEEDED), Duration.ofNanos(Math.max(0, cpuNs)),
                Duration.ofNanos(resp.wallNs()), ByteSize.ofBytes(Math.max(0, peak)), collected, "");
    }

    private static String errnoText(int errno) {
        return switch (errno) {
            case 2 -> "No such file or directory";
            case 8 -> "Exec format error";
            case 13 -> "Permission denied";
            case 7 -> "Argument list too long";
            case 12 -> "Cannot allocate memory";
            case 11 -> "Resource temporarily unavailable";
            default -> "errno " + errno;
        };
    }

    /** Configures a {@link NativeSandbox}. Every protection is on; options only size and place things. */
    public static final class Builder {
        private int slots = Math.max(1, Runtime.getRuntime().availableProcessors());
        private List<Path> readOnly = DEFAULT_READ_ONLY;
        private Integer firstUid;
        private ByteSize workDirSize = ByteSize.ofMiB(256);
        private ByteSize maxCollected = ByteSize.ofMiB(64);
        private Path stateDirectory = defaultStateDirectory();
        private String cgroupParent = CgroupDriver.DEFAULT_PARENT;
        private boolean allowUnconfined;

        private Builder() {
        }

        /** Runs that may go on at once, one helper process each (1 to 256). */
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
            }
            this.readOnly = List.copyOf(paths);
            return this;
        }

        /**
         * The uid (and gid) of slot 0's boxes; slot i runs as {@code firstUid + i}. No host user may own them.
         * By default each sandbox picks its own block of 256 uids from 1600000 up.
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
         * Where the helper binary and the slots' mount points live (owner-only); reaped of dead instances.
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
         * Where the slots' cgroups go, relative to the mount of each cgroup hierarchy (each controller's
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
         * cannot hold its slots.
         */
        public NativeSandbox build() {
            return new NativeSandbox(this, (helper, uid, rootless) -> NativeSandboxDoctor.check(rootless, helper,
                    CgroupDetector.detectFor(cgroupParent), uid, slots));
        }

        /** For tests: a sandbox whose doctor report is given. */
        NativeSandbox build(java.util.function.Function<Path, DoctorReport> doctor) {
            return new NativeSandbox(this, (helper, uid, rootless) -> doctor.apply(helper));
        }
    }
}
