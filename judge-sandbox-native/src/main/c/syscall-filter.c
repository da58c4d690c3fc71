/*
 * The seccomp programs of the boxes, as allowlists.
 *
 * A syscall runs only if it is on the allowlist of the run's profile. Privileged calls a judged program has
 * no business making (mount, ptrace, bpf, ...) fail with EPERM, as they would for any unprivileged caller;
 * every other syscall off the list fails with ENOSYS, as on a kernel that does not have it, because that is
 * the answer programs and libraries are written to fall back on (glibc retries clone3 as clone, faccessat2
 * as faccessat; runtimes probe rseq, io_uring, pidfd_open, ...), where EPERM would be taken as a real
 * error. Two calls are checked by argument: clone with a namespace flag fails with EPERM; socket opens only
 * UNIX sockets without network (INET and INET6 too for the jvm and node profiles, whose runtimes open them
 * even when they only talk to themselves: the box's namespace has nothing but a loopback), and UNIX, INET
 * and INET6 sockets with network; any other family fails with EAFNOSUPPORT. Before all that, a foreign
 * architecture and the x32 ABI (whose numbers would bypass the list) kill the process.
 *
 * The lists were derived by tracing the toolchains of the language registry (compile and run) in the box
 * with a build whose default action logs instead of refusing (-DJUDGE_SECCOMP_TRACE, never bundled), and
 * reading the audit records (type=1326).
 *
 * Layout of a program: the architecture and x32 checks, then a binary search tree over the syscall number
 * whose leaves are runs of consecutive numbers with one answer. A tree rather than a list of comparisons:
 * the kernel runs the program over every syscall number when it is attached (to cache the syscalls it
 * always allows, which then cost nothing), so a run's attach cost grows with the longest path, and the
 * per-syscall cost of the few calls not cached (clone, socket) with the depth.
 */
#define _GNU_SOURCE
#include "syscall-filter.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#if defined(__x86_64__)
#define AUDIT_ARCH_SELF AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define AUDIT_ARCH_SELF AUDIT_ARCH_AARCH64
#else
#error "unsupported architecture"
#endif

#define NS_FLAGS (CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS \
                  | CLONE_NEWCGROUP | 0x00000080 /* CLONE_NEWTIME */)

/* syscall numbers above this are never allowed (the tree's last run covers them all) */
#define NR_LIMIT 1024

#ifdef JUDGE_SECCOMP_TRACE
#define RET_UNLISTED SECCOMP_RET_LOG
#else
#define RET_UNLISTED (SECCOMP_RET_ERRNO | ENOSYS)
#endif

/* profile masks */
#define P_DEFAULT (1u << PROFILE_DEFAULT)
#define P_JVM (1u << PROFILE_JVM)
#define P_NODE (1u << PROFILE_NODE)
#define P_ALL (P_DEFAULT | P_JVM | P_NODE)

/* Syscalls every profile may make: what the C, C++, Go, Rust, Haskell, Pascal, Mono, Python, Ruby, PHP,
 * Perl, Lua and shell toolchains, the JVM and node use, compiling and running. */
static const int allowed_all[] = {
    /* files and descriptors */
    __NR_read, __NR_write, __NR_close, __NR_fstat, __NR_newfstatat, __NR_statx, __NR_lseek, __NR_pread64,
    __NR_pwrite64, __NR_readv, __NR_writev, __NR_preadv, __NR_pwritev, __NR_preadv2, __NR_pwritev2,
    __NR_openat, __NR_faccessat, __NR_faccessat2, __NR_pipe2, __NR_dup, __NR_dup3, __NR_fcntl, __NR_flock,
    __NR_fsync, __NR_fdatasync, __NR_sync, __NR_syncfs, __NR_truncate, __NR_ftruncate, __NR_fallocate,
    __NR_getdents64, __NR_getcwd, __NR_chdir, __NR_fchdir, __NR_renameat, __NR_renameat2, __NR_mkdirat,
    __NR_linkat, __NR_unlinkat, __NR_symlinkat, __NR_readlinkat, __NR_fchmod, __NR_fchmodat, __NR_fchown,
    __NR_fchownat, __NR_umask, __NR_statfs, __NR_fstatfs, __NR_utimensat, __NR_ioctl, __NR_sendfile,
    __NR_splice, __NR_tee, __NR_vmsplice, __NR_copy_file_range, __NR_sync_file_range, __NR_fadvise64,
    __NR_readahead, __NR_close_range, __NR_memfd_create, __NR_getxattr, __NR_lgetxattr, __NR_fgetxattr,
    __NR_listxattr, __NR_llistxattr, __NR_flistxattr, __NR_setxattr, __NR_lsetxattr, __NR_fsetxattr,
    __NR_removexattr, __NR_lremovexattr, __NR_fremovexattr, __NR_inotify_init1, __NR_inotify_add_watch,
    __NR_inotify_rm_watch, __NR_openat2,
#ifdef __NR_fchmodat2
    __NR_fchmodat2,
#endif
    /* waiting and events */
    __NR_ppoll, __NR_pselect6, __NR_epoll_create1, __NR_epoll_ctl, __NR_epoll_pwait, __NR_epoll_pwait2,
    __NR_eventfd2, __NR_signalfd4, __NR_timerfd_create, __NR_timerfd_settime, __NR_timerfd_gettime,
    __NR_futex, __NR_get_robust_list, __NR_set_robust_list,
#ifdef __NR_futex_waitv
    __NR_futex_waitv,
#endif
    /* memory */
    __NR_mmap, __NR_mprotect, __NR_munmap, __NR_brk, __NR_mremap, __NR_msync, __NR_mincore, __NR_madvise,
    __NR_mlock, __NR_mlock2, __NR_munlock, __NR_mlockall, __NR_munlockall, __NR_membarrier,
#ifdef __NR_map_shadow_stack
    __NR_map_shadow_stack,
#endif
    /* processes, threads and signals */
    __NR_clone, __NR_execve, __NR_execveat, __NR_exit, __NR_exit_group, __NR_wait4, __NR_waitid, __NR_kill,
    __NR_tkill, __NR_tgkill, __NR_rt_sigaction, __NR_rt_sigprocmask, __NR_rt_sigreturn, __NR_rt_sigpending,
    __NR_rt_sigtimedwait, __NR_rt_sigqueueinfo, __NR_rt_tgsigqueueinfo, __NR_rt_sigsuspend, __NR_sigaltstack,
    __NR_set_tid_address, __NR_restart_syscall, __NR_prctl, __NR_rseq, __NR_gettid, __NR_getpid,
    __NR_getppid, __NR_getpgid, __NR_setpgid, __NR_getsid, __NR_setsid, __NR_pidfd_open,
    __NR_pidfd_send_signal, __NR_getuid, __NR_geteuid, __NR_getgid, __NR_getegid, __NR_getresuid,
    __NR_getresgid, __NR_getgroups, __NR_setuid, __NR_setgid, __NR_setreuid, __NR_setregid, __NR_setresuid,
    __NR_setresgid, __NR_setgroups, __NR_setfsuid, __NR_setfsgid, __NR_capget, __NR_capset,
    __NR_getrlimit, __NR_setrlimit, __NR_prlimit64, __NR_getrusage, __NR_getpriority, __NR_setpriority,
    __NR_sched_yield, __NR_sched_getaffinity, __NR_sched_setaffinity, __NR_sched_getparam,
    __NR_sched_setparam, __NR_sched_getscheduler, __NR_sched_setscheduler, __NR_sched_get_priority_max,
    __NR_sched_get_priority_min, __NR_sched_rr_get_interval, __NR_sched_getattr, __NR_sched_setattr,
    __NR_getcpu, __NR_seccomp,
    /* time */
    __NR_clock_gettime, __NR_clock_getres, __NR_clock_nanosleep, __NR_nanosleep, __NR_gettimeofday,
    __NR_getitimer, __NR_setitimer, __NR_timer_create, __NR_timer_settime, __NR_timer_gettime,
    __NR_timer_getoverrun, __NR_timer_delete, __NR_times,
    /* system information, randomness */
    __NR_uname, __NR_sysinfo, __NR_getrandom,
    /* sockets (socket itself is checked by family) */
    __NR_socket, __NR_socketpair, __NR_connect, __NR_accept, __NR_accept4, __NR_bind, __NR_listen,
    __NR_shutdown, __NR_sendto, __NR_recvfrom, __NR_sendmsg, __NR_recvmsg, __NR_sendmmsg, __NR_recvmmsg,
    __NR_getsockname, __NR_getpeername, __NR_setsockopt, __NR_getsockopt,
    /* System V IPC, private to the slot's IPC namespace and emptied after each run */
    __NR_shmget, __NR_shmat, __NR_shmdt, __NR_shmctl, __NR_semget, __NR_semop, __NR_semtimedop, __NR_semctl,
    __NR_msgget, __NR_msgsnd, __NR_msgrcv, __NR_msgctl,
#if defined(__x86_64__)
    /* the legacy calls the generic syscall table left out */
    __NR_open, __NR_stat, __NR_lstat, __NR_access, __NR_pipe, __NR_dup2, __NR_poll, __NR_select,
    __NR_epoll_create, __NR_epoll_wait, __NR_eventfd, __NR_signalfd, __NR_inotify_init, __NR_fork,
    __NR_vfork, __NR_pause, __NR_alarm, __NR_getpgrp, __NR_getdents, __NR_rename, __NR_mkdir, __NR_rmdir,
    __NR_creat, __NR_link, __NR_unlink, __NR_symlink, __NR_readlink, __NR_chmod, __NR_chown, __NR_lchown,
    __NR_utime, __NR_utimes, __NR_futimesat, __NR_time, __NR_arch_prctl,
#endif
};

/* Additions of one profile: what its runtime uses and no other toolchain does. */
static const struct {
    int nr;
    unsigned profiles;
} allowed_extra[] = {
    /* V8 (node) protects its JIT code with memory protection keys (seen as pkey_alloc in its traces) */
    {__NR_pkey_alloc, P_NODE}, {__NR_pkey_free, P_NODE}, {__NR_pkey_mprotect, P_NODE},
    /* the JVM's NUMA-aware heap (-XX:+UseNUMA) binds memory to nodes */
    {__NR_mbind, P_JVM}, {__NR_get_mempolicy, P_JVM}, {__NR_set_mempolicy, P_JVM},
};

/* Privileged calls: they fail with EPERM, as for any unprivileged caller, rather than as unknown ones. */
static const int denied[] = {
    __NR_umount2, __NR_pivot_root, __NR_chroot, __NR_ptrace, __NR_bpf, __NR_keyctl, __NR_add_key,
    __NR_request_key, __NR_perf_event_open, __NR_kexec_load, __NR_kexec_file_load, __NR_reboot,
    __NR_unshare, __NR_setns, __NR_swapon, __NR_swapoff, __NR_init_module, __NR_finit_module,
    __NR_delete_module, __NR_acct, __NR_settimeofday, __NR_clock_settime, __NR_clock_adjtime,
    __NR_adjtimex, __NR_userfaultfd, __NR_open_by_handle_at, __NR_name_to_handle_at, __NR_quotactl,
    __NR_syslog, __NR_vhangup, __NR_process_vm_readv, __NR_process_vm_writev, __NR_kcmp,
    __NR_sethostname, __NR_setdomainname, __NR_mknodat, __NR_fanotify_init, __NR_lookup_dcookie,
    __NR_mount, __NR_io_uring_setup, __NR_io_uring_enter, __NR_io_uring_register, __NR_fsopen,
    __NR_fsconfig, __NR_fsmount, __NR_fspick, __NR_move_mount, __NR_open_tree, __NR_mount_setattr,
#if defined(__x86_64__)
    __NR_mknod, __NR_iopl, __NR_ioperm, __NR_uselib, __NR_modify_ldt,
#endif
};

/* what a leaf of the tree answers */
enum answer { A_UNLISTED, A_ALLOW, A_EPERM, A_CLONE, A_SOCKET };

static int listed(const int *list, size_t n, int nr) {
    for (size_t i = 0; i < n; i++)
        if (list[i] == nr) return 1;
    return 0;
}

/* The plain answer for one number, straight from the tables, for the profiles in the mask. */
static enum answer answer_of(unsigned profiles, int nr) {
    if (listed(denied, sizeof denied / sizeof denied[0], nr)) return A_EPERM;
    if (nr == __NR_clone) return A_CLONE;
    if (nr == __NR_socket) return A_SOCKET;
    if (listed(allowed_all, sizeof allowed_all / sizeof allowed_all[0], nr)) return A_ALLOW;
    for (size_t i = 0; i < sizeof allowed_extra / sizeof allowed_extra[0]; i++)
        if (allowed_extra[i].nr == nr && (allowed_extra[i].profiles & profiles)) return A_ALLOW;
    return A_UNLISTED;
}

static int inet_allowed(int profile, int network) {
    return network || profile == PROFILE_JVM || profile == PROFILE_NODE;
}

/* ---------- compiling ---------- */

#define MAX_FILTER 1024
static struct sock_filter filt[MAX_FILTER];
static int nfilt;
static int overflow;

static void emit(struct sock_filter f) {
    if (nfilt >= MAX_FILTER) { overflow = 1; return; }
    filt[nfilt++] = f;
}

#define STMT(code, k) emit((struct sock_filter) BPF_STMT(code, k))
#define JUMP(code, k, jt, jf) emit((struct sock_filter) BPF_JUMP(code, k, jt, jf))

/* runs of consecutive numbers with one answer: run i covers [run_start[i], run_start[i + 1]) */
static int run_start[NR_LIMIT + 1];
static enum answer run_answer[NR_LIMIT + 1];
static int n_runs;

static int leaf_size(enum answer a, int inet) {
    switch (a) {
    case A_CLONE: return 4;
    case A_SOCKET: return inet ? 6 : 4;
    default: return 1;
    }
}

static void emit_leaf(enum answer a, int inet) {
    switch (a) {
    case A_ALLOW: STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW); break;
    case A_EPERM: STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM); break;
    case A_UNLISTED: STMT(BPF_RET | BPF_K, RET_UNLISTED); break;
    case A_CLONE:
        /* the flags of clone are its low 32 bits; clone3 (flags in memory) is unlisted, so libc falls back */
        STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]));
        JUMP(BPF_JMP | BPF_JSET | BPF_K, NS_FLAGS, 0, 1);
        STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
        STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
        break;
    case A_SOCKET:
        /* the family is an int: the kernel reads the low 32 bits the filter compares */
        STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]));
        if (inet) {
            JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_UNIX, 3, 0);
            JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_INET, 2, 0);
            JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_INET6, 1, 0);
        } else {
            JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_UNIX, 1, 0);
        }
        STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EAFNOSUPPORT);
        STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
        break;
    }
}

/* Size of the subtree over runs [lo, hi); a node whose upper half is too long for a conditional jump's
 * 8-bit offset jumps over it with an unconditional (32-bit) jump instead. */
static int tree_size(int lo, int hi, int inet) {
    if (hi - lo == 1) return leaf_size(run_answer[lo], inet);
    int mid = (lo + hi) / 2;
    int upper = tree_size(mid, hi, inet);
    return 1 + (upper > 255 ? 1 : 0) + upper + tree_size(lo, mid, inet);
}

static void emit_tree(int lo, int hi, int inet) {
    if (hi - lo == 1) {
        emit_leaf(run_answer[lo], inet);
        return;
    }
    int mid = (lo + hi) / 2;
    int upper = tree_size(mid, hi, inet);
    if (upper <= 255) {
        /* nr >= start of the upper half: fall through into it, else jump over it */
        JUMP(BPF_JMP | BPF_JGE | BPF_K, (unsigned) run_start[mid], 0, (unsigned char) upper);
    } else {
        JUMP(BPF_JMP | BPF_JGE | BPF_K, (unsigned) run_start[mid], 1, 0);
        STMT(BPF_JMP | BPF_JA, (unsigned) upper);
    }
    emit_tree(mid, hi, inet);
    emit_tree(lo, mid, inet);
}

/* Compiles the program for the profiles in the mask into filt; inet: whether sockets may be INET and INET6. */
static int build(unsigned profiles, int inet) {
    nfilt = 0;
    overflow = 0;
    n_runs = 0;
    for (int nr = 0; nr < NR_LIMIT; nr++) {
        enum answer a = answer_of(profiles, nr);
        if (n_runs == 0 || run_answer[n_runs - 1] != a) {
            run_start[n_runs] = nr;
            run_answer[n_runs++] = a;
        }
    }
    /* numbers from NR_LIMIT up are unlisted: they join the last run or make one */
    if (run_answer[n_runs - 1] != A_UNLISTED) {
        run_start[n_runs] = NR_LIMIT;
        run_answer[n_runs++] = A_UNLISTED;
    }
    STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_SELF, 1, 0);
    STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
#if defined(__x86_64__)
    /* x32 numbers (bit 30) would otherwise be looked up as the native calls they alias */
    JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1);
    STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
#endif
    emit_tree(0, n_runs, inet);
    if (overflow) { errno = E2BIG; return -1; }
    return 0;
}

static struct sock_filter *programs[N_PROFILES][2];
static unsigned short program_len[N_PROFILES][2];

int syscall_filters_prepare(void) {
    for (int p = 0; p < N_PROFILES; p++) {
        for (int n = 0; n < 2; n++) {
            if (build(1u << p, inet_allowed(p, n)) < 0) return -1;
            programs[p][n] = malloc(sizeof(struct sock_filter) * (size_t) nfilt);
            if (!programs[p][n]) return -1;
            memcpy(programs[p][n], filt, sizeof(struct sock_filter) * (size_t) nfilt);
            program_len[p][n] = (unsigned short) nfilt;
        }
    }
    return 0;
}

struct sock_fprog syscall_filter(int profile, int network) {
    int p = profile >= 0 && profile < N_PROFILES ? profile : PROFILE_DEFAULT;
    int n = network ? 1 : 0;
    struct sock_fprog f = {program_len[p][n], programs[p][n]};
    return f;
}

/* ---------- checking ---------- */

/* Runs a program on one syscall, as the kernel would (the subset of classic BPF the programs use). */
static uint32_t run_program(struct sock_fprog f, const struct seccomp_data *d) {
    uint32_t acc = 0;
    for (int pc = 0; pc < f.len; pc++) {
        const struct sock_filter *i = &f.filter[pc];
        switch (i->code) {
        case BPF_LD | BPF_W | BPF_ABS: memcpy(&acc, (const char *) d + i->k, 4); break;
        case BPF_JMP | BPF_JA: pc += (int) i->k; break;
        case BPF_JMP | BPF_JEQ | BPF_K: pc += acc == i->k ? i->jt : i->jf; break;
        case BPF_JMP | BPF_JGE | BPF_K: pc += acc >= i->k ? i->jt : i->jf; break;
        case BPF_JMP | BPF_JSET | BPF_K: pc += (acc & i->k) ? i->jt : i->jf; break;
        case BPF_RET | BPF_K: return i->k;
        default: return 0xffffffffu;
        }
    }
    return 0xfffffffeu; /* fell off the end: the kernel would refuse such a program */
}

static uint32_t expected(unsigned profiles, int inet, uint32_t nr, uint64_t arg0) {
    if (nr >= NR_LIMIT) return RET_UNLISTED;
    switch (answer_of(profiles, (int) nr)) {
    case A_ALLOW: return SECCOMP_RET_ALLOW;
    case A_EPERM: return SECCOMP_RET_ERRNO | EPERM;
    case A_CLONE: return (arg0 & NS_FLAGS) ? SECCOMP_RET_ERRNO | EPERM : SECCOMP_RET_ALLOW;
    case A_SOCKET:
        if (arg0 == AF_UNIX || ((arg0 == AF_INET || arg0 == AF_INET6) && inet))
            return SECCOMP_RET_ALLOW;
        return SECCOMP_RET_ERRNO | EAFNOSUPPORT;
    default: return RET_UNLISTED;
    }
}

struct sock_fprog syscall_filter_any_profile(void) {
    static struct sock_filter *any;
    static unsigned short any_len;
    if (!any && build(P_ALL, 1) == 0 && (any = malloc(sizeof(struct sock_filter) * (size_t) nfilt)) != NULL) {
        memcpy(any, filt, sizeof(struct sock_filter) * (size_t) nfilt);
        any_len = (unsigned short) nfilt;
    }
    struct sock_fprog f = {any ? any_len : 0, any};
    return f;
}

/* Compares one program with the tables; prints the first mismatch. */
static int check_one(struct sock_fprog f, unsigned profiles, int inet, const char *name) {
    static const uint64_t args0[] = {0, AF_UNIX, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, 38 /* AF_ALG */,
                                     CLONE_NEWUSER, CLONE_NEWNET | CLONE_VM, CLONE_VM | CLONE_THREAD};
    if (!f.filter) {
        printf("mismatch %s: the program could not be built\n", name);
        return 1;
    }
    for (uint32_t nr = 0; nr < NR_LIMIT + 64; nr++) {
        for (size_t a = 0; a < sizeof args0 / sizeof args0[0]; a++) {
            struct seccomp_data d;
            memset(&d, 0, sizeof d);
            d.nr = (int) nr;
            d.arch = AUDIT_ARCH_SELF;
            d.args[0] = args0[a];
            uint32_t want = expected(profiles, inet, nr, args0[a]);
            uint32_t got = run_program(f, &d);
            if (got != want) {
                printf("mismatch %s nr %u arg0 %llu: got %#x, want %#x\n", name, nr, (unsigned long long) args0[a],
                       got, want);
                return 1;
            }
        }
    }
    struct seccomp_data other;
    memset(&other, 0, sizeof other);
    other.arch = AUDIT_ARCH_SELF ^ 1u;
    if (run_program(f, &other) != SECCOMP_RET_KILL_PROCESS) {
        printf("mismatch %s: a foreign architecture is not killed\n", name);
        return 1;
    }
    other.arch = AUDIT_ARCH_SELF;
    other.nr = 0x3fffffff;
    if (run_program(f, &other) != RET_UNLISTED) {
        printf("mismatch %s: the largest number is not refused\n", name);
        return 1;
    }
#if defined(__x86_64__)
    other.nr = 0x40000000 | __NR_getpid;
    if (run_program(f, &other) != SECCOMP_RET_KILL_PROCESS) {
        printf("mismatch %s: an x32 syscall is not killed\n", name);
        return 1;
    }
#endif
    return 0;
}

int syscall_filters_check(void) {
    if (syscall_filters_prepare() < 0) {
        printf("mismatch: the programs could not be built: %s\n", strerror(errno));
        return 1;
    }
    for (int p = 0; p < N_PROFILES; p++) {
        for (int n = 0; n < 2; n++) {
            char name[64];
            snprintf(name, sizeof name, "profile %d network %d", p, n);
            if (check_one(syscall_filter(p, n), 1u << p, inet_allowed(p, n), name)) return 1;
        }
    }
    if (check_one(syscall_filter_any_profile(), P_ALL, 1, "any profile")) return 1;
    printf("ok\n");
    return 0;
}
