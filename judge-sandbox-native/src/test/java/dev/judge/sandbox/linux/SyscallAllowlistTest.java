package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seccomp allowlist in the box: kernel interfaces no judged program needs fail, whatever the profile and
 * network setting; privileged ones with EPERM, the rest of what is off the list with ENOSYS.
 */
class SyscallAllowlistTest extends SandboxPerClass {

    SyscallAllowlistTest() {
        super(1);
    }

    /**
     * Makes each call with harmless arguments (none of them would do damage even if allowed) and prints
     * {@code name=errno-name}, or {@code name=allowed} when the call got past the filter and the kernel
     * answered it (success, or an error the filter never gives).
     */
    static final String CALLS = """
            #define _GNU_SOURCE
            #include <errno.h>
            #include <stdio.h>
            #include <string.h>
            #include <sys/syscall.h>
            #include <unistd.h>
            #include <linux/perf_event.h>
            static void show(const char *name, long rc) {
                int e = errno;
                if (rc == -1 && (e == EPERM || e == ENOSYS)) printf("%s=%s\\n", name, strerrorname_np(e));
                else printf("%s=allowed\\n", name);
            }
            int main(void) {
                char buf[64] = {0};
                struct perf_event_attr pe = {0};
                pe.size = sizeof pe;
                pe.type = PERF_TYPE_SOFTWARE;
                pe.config = PERF_COUNT_SW_CPU_CLOCK;
                pe.exclude_kernel = 1;
                show("io_uring_setup", syscall(SYS_io_uring_setup, 1, buf));
                show("bpf", syscall(SYS_bpf, 0, buf, 0));
                show("perf_event_open", syscall(SYS_perf_event_open, &pe, 0, -1, -1, 0));
                show("userfaultfd", syscall(SYS_userfaultfd, 0));
                show("keyctl", syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -2, 0));
                show("add_key", syscall(SYS_add_key, "user", "judge", "x", 1, -2));
                show("ptrace", syscall(SYS_ptrace, 0 /* PTRACE_TRACEME */, 0, 0, 0));
                show("mount", syscall(SYS_mount, "none", "/tmp", "tmpfs", 0, ""));
                show("unshare", syscall(SYS_unshare, 0x04000000 /* CLONE_NEWUTS */));
                show("setns", syscall(SYS_setns, 0, 0));
                show("kexec_load", syscall(SYS_kexec_load, 0, 0, NULL, 0));
                show("open_by_handle_at", syscall(SYS_open_by_handle_at, -100, buf, 0));
                show("process_vm_writev", syscall(SYS_process_vm_writev, getpid(), NULL, 0, NULL, 0, 0));
                show("modify_ldt", syscall(SYS_modify_ldt, 0, buf, sizeof buf));
                show("fsopen", syscall(SYS_fsopen, "tmpfs", 0));
                show("landlock_create_ruleset", syscall(444, NULL, 0, 1));
                show("ioprio_set", syscall(SYS_ioprio_set, 1, 0, 0));
                show("personality", syscall(SYS_personality, 0xffffffff));
                show("number_1000", syscall(1000));
                show("getpid", syscall(SYS_getpid));
                return 0;
            }
            """;

    private List<String> run(String profile, boolean network) {
        Limits l = Limits.defaults().withCpuTime(Duration.ofSeconds(2)).withWallTime(Duration.ofSeconds(10))
                .withMemory(ByteSize.ofMiB(64)).withProcesses(8).withNetwork(network);
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("./calls"), l).withProfile(profile)
                .withFiles(List.of(SandboxFile.executable("calls", CPrograms.compile(CALLS)))));
        assertThat(r.termination()).as(r.message()).isEqualTo(Termination.EXITED);
        return new String(r.stdout(), StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void kernelInterfacesOffTheListFailInEveryProfile() {
        List<String> expected = List.of("io_uring_setup=EPERM", "bpf=EPERM", "perf_event_open=EPERM",
                "userfaultfd=EPERM", "keyctl=EPERM", "add_key=EPERM", "ptrace=EPERM", "mount=EPERM",
                "unshare=EPERM", "setns=EPERM", "kexec_load=EPERM", "open_by_handle_at=EPERM",
                "process_vm_writev=EPERM", "modify_ldt=EPERM", "fsopen=EPERM", "landlock_create_ruleset=ENOSYS",
                "ioprio_set=ENOSYS", "personality=ENOSYS", "number_1000=ENOSYS", "getpid=allowed");
        for (String profile : List.of("default", "jvm", "node")) {
            assertThat(run(profile, false)).as(profile).containsExactlyElementsOf(expected);
        }
        assertThat(run("default", true)).as("with network").containsExactlyElementsOf(expected);
    }
}
