package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Part of the security suite: hostile runs that aim at what outlives them in a warm container (its runner's
 * limits, priority and CPU affinity, the container's IPC objects) or at a second sandbox on the same engine
 * (its users' process counts). Each test then checks that the next run, or the other sandbox, is unaffected.
 */
class DockerRunIsolationTest {
    private static final String POOL = TestSandboxes.POOL + "-isolation";

    private static Limits limits() {
        return Limits.defaults().withProcesses(16).withWallTime(Duration.ofSeconds(10))
                .withCpuTime(Duration.ofSeconds(5)).withMemory(ByteSize.ofMiB(256))
                .withStack(ByteSize.ofMiB(16)).withFileSize(ByteSize.ofMiB(8)).withOpenFiles(64);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static SandboxResult python(Sandbox sandbox, String script, Limits limits, String... args) {
        List<String> command = Stream.concat(Stream.of("python3", "-c", script), Stream.of(args)).toList();
        return sandbox.run(SandboxRequest.of(command, limits));
    }

    /** The ids of the containers of a pool name. */
    private static List<String> containersOf(String pool) throws IOException {
        try (TestEngine engine = new TestEngine()) {
            return engine.labelled().stream().filter(c -> pool.equals(c.getLabels().get(Settings.LABEL)))
                    .map(Container::getId).toList();
        }
    }

    @AfterEach
    void noRunIsLeftOnTheHost() {
        assertThat(DockerSecurityTest.runProcessesOnHost()).as("processes of runs still alive on the host").isEmpty();
    }

    /**
     * What a run sees of its own limits, priority and CPUs, then some work: a 1 MiB file written and
     * collected, a child process, 48 MiB of memory touched and a quarter second of CPU.
     */
    private static final String PROBE = """
            import os, resource, subprocess, time
            names = ['CPU', 'FSIZE', 'DATA', 'STACK', 'CORE', 'RSS', 'NPROC', 'NOFILE', 'MEMLOCK', 'AS', 'LOCKS',
                     'SIGPENDING', 'MSGQUEUE', 'NICE', 'RTPRIO', 'RTTIME']
            for number, name in enumerate(names):
                print(name, resource.getrlimit(number)[1])
            print('nice', os.getpriority(os.PRIO_PROCESS, 0))
            print('cpus', len(os.sched_getaffinity(0)))
            with open('out.bin', 'wb') as f:
                f.write(b'x' * (1 << 20))
            print('child', subprocess.run(['/bin/sh', '-c', 'echo $$'], capture_output=True).returncode)
            block = bytearray(48 << 20)
            for i in range(0, len(block), 4096):
                block[i] = 1
            end = time.process_time() + 0.25
            while time.process_time() < end:
                pass
            """;

    private static void assertProbe(SandboxResult r, Limits l) {
        assertThat(r.termination()).as(r.message() + text(r.stderr())).isEqualTo(Termination.EXITED);
        assertThat(r.exitCode()).as(text(r.stderr())).isZero();
        Map<String, String> seen = new java.util.HashMap<>();
        text(r.stdout()).lines().forEach(line -> seen.put(line.split(" ")[0], line.split(" ")[1]));
        assertThat(seen).containsEntry("STACK", String.valueOf(l.stack().bytes()))
                .containsEntry("FSIZE", String.valueOf(l.fileSize().bytes()))
                .containsEntry("NOFILE", String.valueOf(l.openFiles()))
                .containsEntry("NPROC", String.valueOf(l.processes()))
                .containsEntry("CORE", "0")
                .containsEntry("AS", "-1")
                .containsEntry("DATA", "-1")
                .containsEntry("NICE", "0")
                .containsEntry("RTPRIO", "0")
                .containsEntry("nice", "0")
                .containsEntry("child", "0");
        assertThat(r.collected()).singleElement().satisfies(f -> assertThat(f.content()).hasSize(1 << 20));
        assertThat(r.peakMemory()).isGreaterThanOrEqualTo(ByteSize.ofMiB(48));
        assertThat(r.cpuTime()).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(Duration.ofSeconds(3));
    }

    private static SandboxResult probe(Sandbox sandbox, Limits l) {
        return sandbox.run(SandboxRequest.of(List.of("python3", "-c", PROBE), l).withCollect(List.of("out.bin")));
    }

    @Test
    void aRunCannotLowerTheRunnersLimitsNorReniceOrPinIt() throws IOException {
        Limits l = limits();
        try (Sandbox sandbox = TestSandboxes.create(DockerSandbox.builder().poolSize(1).maxRunsPerContainer(100)
                , POOL)) {
            SandboxResult before = probe(sandbox, l);
            assertProbe(before, l);
            String cpus = text(before.stdout()).lines().filter(s -> s.startsWith("cpus ")).findFirst().orElseThrow();

            SandboxResult hostile = python(sandbox, """
                    import os, resource
                    for name, value in (('AS', 64 << 20), ('STACK', 64 << 10), ('NPROC', 1), ('FSIZE', 1024),
                                        ('NOFILE', 8), ('DATA', 32 << 20)):
                        try:
                            resource.prlimit(1, getattr(resource, 'RLIMIT_' + name), (value, value))
                            print('lowered', name)
                        except OSError as e:
                            print('refused', name, e.errno)
                    for what, call in (('renice', lambda: os.setpriority(os.PRIO_PROCESS, 1, 19)),
                                       ('pin', lambda: os.sched_setaffinity(1, {0}))):
                        try:
                            call()
                            print('done', what)
                        except OSError as e:
                            print('refused', what, e.errno)
                    """, l);
            assertThat(hostile.termination()).as(text(hostile.stderr())).isEqualTo(Termination.EXITED);
            assertThat(text(hostile.stdout()).lines()).as("every change to the runner refused")
                    .allMatch(line -> line.startsWith("refused "));

            SandboxResult after = probe(sandbox, l);
            assertProbe(after, l);
            assertThat(text(after.stdout())).contains(cpus + "\n");
            assertThat(containersOf(POOL)).hasSize(1);
        }
    }

    @Test
    void aRunnerChangedFromOutsideIsReplacedBeforeItServesAgain() throws Exception {
        Limits l = limits();
        try (Sandbox sandbox = TestSandboxes.create(DockerSandbox.builder().poolSize(1).maxRunsPerContainer(100)
                , POOL);
             TestEngine engine = new TestEngine()) {
            assertProbe(probe(sandbox, l), l);
            String container = containersOf(POOL).get(0);
            // What a run that got past the user separation could do: a process of the runner's own user in the
            // container lowers the runner's limits (the runner's capabilities keep even its own user from
            // renicing or pinning it).
            String runnerUid = engine.inspect(container).getConfig().getCmd()[2];
            String exec = engine.client.execCreateCmd(container).withUser(runnerUid + ":" + runnerUid)
                    .withCmd("prlimit", "--pid", "1", "--fsize=4096:4096", "--nproc=2:2")
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            engine.client.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>()).awaitCompletion(30, TimeUnit.SECONDS);
            assertThat(engine.client.inspectExecCmd(exec).exec().getExitCodeLong()).as("prlimit's exit code").isZero();

            assertProbe(probe(sandbox, l), l);
            assertThat(containersOf(POOL)).as("the changed container was replaced").doesNotContain(container);
        }
    }

    @Test
    void ipcObjectsAndSharedMemoryFilesDoNotOutliveTheirRun() throws IOException {
        Limits l = limits();
        try (Sandbox sandbox = TestSandboxes.create(DockerSandbox.builder().poolSize(1).maxRunsPerContainer(100)
                , POOL)) {
            SandboxResult first = python(sandbox, """
                    import ctypes, ctypes.util, os
                    libc = ctypes.CDLL(None, use_errno=True)
                    rt = ctypes.CDLL(ctypes.util.find_library('rt'), use_errno=True)
                    key, marker = 0x4a554447, b'MARKER-IPC'
                    shm = libc.shmget(key, 1 << 20, 0o1666)
                    libc.shmat.restype = ctypes.c_void_p
                    addr = libc.shmat(shm, None, 0)
                    ctypes.memmove(addr, marker, len(marker))
                    ctypes.memset(addr + 4096, 1, (1 << 20) - 4096)
                    libc.shmdt(ctypes.c_void_p(addr))
                    sem = libc.semget(key, 1, 0o1666)
                    libc.semctl(sem, 0, 16, 42)  # SETVAL
                    msq = libc.msgget(key, 0o1666)
                    class Msg(ctypes.Structure):
                        _fields_ = [('mtype', ctypes.c_long), ('mtext', ctypes.c_char * 16)]
                    libc.msgsnd(msq, ctypes.byref(Msg(1, marker)), 16, 0)
                    mq = rt.mq_open(b'/judge-marker', os.O_CREAT | os.O_WRONLY, 0o666, None)
                    # ENOSYS: the syscall allowlist has no POSIX message queues, nothing to leave behind then
                    mq_refused = mq < 0 and ctypes.get_errno() == 38
                    if mq >= 0:
                        rt.mq_send(mq, marker, len(marker), 0)
                    with open('/dev/shm/judge-marker', 'wb') as f:
                        f.write(marker)
                    print(shm >= 0, sem >= 0, msq >= 0, mq >= 0 or mq_refused)
                    """, l);
            assertThat(text(first.stdout())).as(text(first.stderr())).isEqualTo("True True True True\n");

            SandboxResult second = python(sandbox, """
                    import ctypes, ctypes.util, os
                    libc = ctypes.CDLL(None, use_errno=True)
                    rt = ctypes.CDLL(ctypes.util.find_library('rt'), use_errno=True)
                    key = 0x4a554447
                    for kind in ('shm', 'sem', 'msg'):
                        print(kind, len(open('/proc/sysvipc/' + kind).read().splitlines()) - 1)
                    print('shmget', libc.shmget(key, 0, 0), 'semget', libc.semget(key, 0, 0),
                          'msgget', libc.msgget(key, 0))
                    print('mq_open', rt.mq_open(b'/judge-marker', os.O_RDONLY))
                    print('/dev/shm', os.listdir('/dev/shm'))
                    print('/dev/mqueue', os.listdir('/dev/mqueue') if os.path.isdir('/dev/mqueue') else [])
                    """, l);
            assertThat(text(second.stdout())).as(text(second.stderr())).isEqualTo("""
                    shm 0
                    sem 0
                    msg 0
                    shmget -1 semget -1 msgget -1
                    mq_open -1
                    /dev/shm []
                    /dev/mqueue []
                    """);
            assertThat(containersOf(POOL)).as("both runs in one container").hasSize(1);
        }
    }

    /**
     * Process counts are per user on the whole machine: two sandboxes whose runs share a user id share them,
     * so one run at its process limit would leave the other sandbox's runs unable to start a process.
     */
    @Test
    void twoSandboxesOnOneEngineDoNotShareProcessCounts() throws Exception {
        Limits l = limits().withWallTime(Duration.ofSeconds(30)).withCpuTime(Duration.ofSeconds(20));
        String marker = "hold-" + UUID.randomUUID();
        Sandbox holder = TestSandboxes.create(DockerSandbox.builder().poolSize(1), POOL + "-a");
        CompletableFuture<SandboxResult> held;
        try (Sandbox other = TestSandboxes.create(DockerSandbox.builder().poolSize(1), POOL + "-b")) {
            held = CompletableFuture.supplyAsync(() -> python(holder, """
                    import os, signal, sys
                    marker = sys.argv[1]
                    while True:
                        try:
                            if os.fork() == 0:
                                signal.pause()
                        except OSError:
                            break
                    os.execv(sys.executable, ['python3', '-c', 'import signal; signal.pause()', marker + '-full'])
                    """, l, marker));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (processesWith(marker + "-full") == 0 && !held.isDone() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertThat(processesWith(marker + "-full")).as("the holder is at its limit: "
                    + (held.isDone() ? held.get() : "")).isEqualTo(1);
            assertThat(processesWith(marker)).as("the holder's processes").isEqualTo(l.processes());

            SandboxResult r = other.run(SandboxRequest.of(List.of("/bin/sh", "-c", "echo $(echo forked) | cat"), l));
            assertThat(r.termination()).as(r.message() + text(r.stderr())).isEqualTo(Termination.EXITED);
            assertThat(text(r.stdout())).isEqualTo("forked\n");
            assertThat(processesWith(marker)).as("still holding while the other sandbox ran").isEqualTo(l.processes());
        } finally {
            holder.close();
        }
        // The holder's run ends with its sandbox closed under it: a failure, or the closed sandbox's exception.
        held.handle((result, failure) -> result).get(30, TimeUnit.SECONDS);
    }

    /** Host processes whose command line holds {@code marker}. */
    private static int processesWith(String marker) throws IOException {
        int n = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                if (p.getFileName().toString().matches("\\d+")) {
                    try {
                        if (new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains(marker)) {
                            n++;
                        }
                    } catch (IOException e) {
                        // ended while being read
                    }
                }
            }
        }
        return n;
    }
}
