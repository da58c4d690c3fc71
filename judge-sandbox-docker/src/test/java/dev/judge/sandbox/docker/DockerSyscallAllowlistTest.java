package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The runner's syscall allowlist, stacked on Docker's default profile: kernel interfaces no judged program
 * needs fail (privileged ones with EPERM, the rest of what is off the list with ENOSYS), and sockets are
 * UNIX, INET or INET6 only, in every image.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerSyscallAllowlistTest {
    /** Makes each call with harmless arguments through libc's syscall() and prints name=EPERM|ENOSYS|allowed. */
    private static final String CALLS = """
            import ctypes, socket
            libc = ctypes.CDLL(None, use_errno=True)
            libc.syscall.restype = ctypes.c_long
            buf = ctypes.create_string_buffer(64)
            def show(name, nr, *args):
                ctypes.set_errno(0)
                rc = libc.syscall(ctypes.c_long(nr), *[a if isinstance(a, ctypes.Array) else ctypes.c_long(a) for a in args])
                e = ctypes.get_errno()
                print(name + '=' + ({1: 'EPERM', 38: 'ENOSYS'}.get(e, 'allowed') if rc == -1 else 'allowed'))
            show('io_uring_setup', 425, 1, buf)
            show('bpf', 321, 0, buf, 0)
            show('perf_event_open', 298, 0, 0, -1, -1, 0)
            show('userfaultfd', 323, 0)
            show('keyctl', 250, 0, -2, 0)
            show('add_key', 248, 0, 0, 0, 0, -2)
            show('ptrace', 101, 0, 0, 0, 0)
            show('mount', 165, 0, 0, 0, 0, 0)
            show('unshare', 272, 0x04000000)
            show('setns', 308, 0, 0)
            show('kexec_load', 246, 0, 0, 0, 0)
            show('open_by_handle_at', 304, -100, buf, 0)
            show('process_vm_writev', 311, 1, 0, 0, 0, 0, 0)
            show('modify_ldt', 154, 0, buf, 64)
            show('fsopen', 430, 0, 0)
            show('landlock_create_ruleset', 444, 0, 0, 1)
            show('ioprio_set', 251, 1, 0, 0)
            show('personality', 135, 0xffffffff)
            show('number_1000', 1000)
            show('getpid', 39)
            for family, kind in ((1, 1), (2, 1), (10, 2), (16, 3), (38, 5)):
                try:
                    socket.socket(family, kind, 0).close()
                    print('socket', family, 'ok')
                except OSError as e:
                    print('socket', family, e.errno)
            """;

    private Sandbox sandbox;

    @BeforeAll
    void open() {
        sandbox = TestSandboxes.create(1);
    }

    @AfterAll
    void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void kernelInterfacesOffTheListFailAndOnlyInetAndUnixSocketsOpen() {
        Limits l = Limits.defaults().withProcesses(16).withWallTime(Duration.ofSeconds(10))
                .withCpuTime(Duration.ofSeconds(5)).withMemory(ByteSize.ofMiB(128));
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("python3", "-c", CALLS), l));
        assertThat(r.termination()).as(new String(r.stderr(), StandardCharsets.UTF_8)).isEqualTo(Termination.EXITED);
        assertThat(new String(r.stdout(), StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "io_uring_setup=EPERM", "bpf=EPERM", "perf_event_open=EPERM", "userfaultfd=EPERM", "keyctl=EPERM",
                "add_key=EPERM", "ptrace=EPERM", "mount=EPERM", "unshare=EPERM", "setns=EPERM", "kexec_load=EPERM",
                "open_by_handle_at=EPERM", "process_vm_writev=EPERM", "modify_ldt=EPERM", "fsopen=EPERM",
                "landlock_create_ruleset=ENOSYS", "ioprio_set=ENOSYS", "personality=ENOSYS", "number_1000=ENOSYS",
                "getpid=allowed", "socket 1 ok", "socket 2 ok", "socket 10 ok", "socket 16 97", "socket 38 97");
    }
}
