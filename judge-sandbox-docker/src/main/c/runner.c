/*
 * The per-run helper of the Docker sandbox. It lives in the runtime image (/opt/judge/runner, linked
 * statically so it needs nothing from the toolchain mounts).
 *
 *   runner serve RUNNER_UID BOX_UID
 *                 the first process of a warm container. It starts as root with four capabilities and
 *                 moves at once to its own user (box.c), then reads requests from stdin one after the
 *                 other (the sandbox stays attached to the container), so a run costs no engine call;
 *                 it exits at end of file. Every run runs as the box user.
 *   runner once RUNNER_UID BOX_UID
 *                 the same for one request.
 *
 * Per request (binary, length-prefixed, see RunnerProtocol.java) it fills the empty work dir, runs the
 * command under rlimits and two seccomp filters (its own, and the syscall allowlist), enforces CPU and wall time and the output cap, and
 * writes framed stdout, stderr, collected files and a result record to stdout. Then it kills whatever
 * the run left behind, empties the work dir, /tmp, /dev/shm and /dev/mqueue and removes the System V IPC
 * objects, so the container is ready for the next run. Whatever it cannot clear, and any change to its
 * own limits, priority or CPU affinity, it reports (recycle=): the sandbox then replaces the container.
 * A request that finds the runner changed is not run at all (refused=) and goes to another container.
 *
 * One side of a pair (two commands talking through pipes, each in its own container) names two FIFOs
 * instead of stdin bytes: the command's stdin and stdout. Both runners of a pair open the FIFO that
 * leads to the peer first and the one that leads to the program second, so the blocking opens meet
 * instead of waiting for each other; the command starts only once both of its ends are connected. The
 * runner keeps no copy of the stdin end, and a write-only copy of the stdout end only until it has taken
 * the command's end time: so when the command ends its partner reads end of file, and always after that
 * end was taken.
 *
 * Why a helper instead of plain `docker exec`: everything in a container shares its cgroup, so a run's
 * CPU time and peak memory are measured per run (wait4 of every reaped process), and the limits that
 * differ per run (CPU, processes, file size, stack, open files) are applied per run, with every other
 * limit set explicitly too. Being the container's init also shields it: the kernel drops signals to it
 * from inside the container; its own user does the rest.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include "syscall-filter.h"
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "box.h"

#define WORK_DIR "/work"
#define FRAME_STDOUT 1
#define FRAME_STDERR 2
#define FRAME_FILE 3
#define FRAME_RESULT 4
#define MAX_STRING (1u << 20)
#define MAX_COUNT 4096u
/* How long one side of a pair waits for the other side's runner to open the FIFOs. */
#define RENDEZVOUS_S 10
#define PAIR_NONE 0
#define PAIR_STDOUT_FIRST 1
#define PAIR_STDIN_FIRST 2
/* Bit of the pair byte: the command's fd 2 is its stdout pipe (one stream, in the order written). */
#define STDERR_TO_STDOUT 0x80

extern char **environ;

static void die(const char *what) {
    dprintf(2, "runner: %s: %s\n", what, strerror(errno));
    exit(70);
}

static void read_full(void *buf, size_t n) {
    char *p = buf;
    while (n > 0) {
        ssize_t r = read(0, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) { errno = r == 0 ? EPIPE : errno; die("reading the request"); }
        p += r;
        n -= (size_t) r;
    }
}

static void write_full(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) die("writing the response");
        p += w;
        n -= (size_t) w;
    }
}

static uint32_t read_u32(void) {
    unsigned char b[4];
    read_full(b, 4);
    return (uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 | (uint32_t) b[2] << 8 | b[3];
}

static uint64_t read_u64(void) {
    uint64_t hi = read_u32();
    return hi << 32 | read_u32();
}

static char *read_string(void) {
    uint32_t n = read_u32();
    if (n > MAX_STRING) { errno = EMSGSIZE; die("request string too long"); }
    char *s = malloc(n + 1);
    if (!s) die("malloc");
    read_full(s, n);
    s[n] = 0;
    return s;
}

static char **read_strings(void) {
    uint32_t n = read_u32();
    if (n > MAX_COUNT) { errno = E2BIG; die("too many request strings"); }
    char **v = calloc(n + 1, sizeof(char *));
    if (!v) die("calloc");
    for (uint32_t i = 0; i < n; i++) v[i] = read_string();
    return v;
}

static void free_strings(char **v) {
    for (char **p = v; *p; p++) free(*p);
    free(v);
}

static void frame(int type, const void *data, uint32_t len) {
    unsigned char h[5] = {(unsigned char) type, len >> 24, len >> 16, len >> 8, len};
    write_full(1, h, 5);
    if (len) write_full(1, data, len);
}

static int64_t now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t) t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* Reads the first number after `key` in a small cgroup file; -1 when absent. */
static long long cgroup_value(const char *path, const char *key) {
    char buf[4096];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return -1;
    buf[n] = 0;
    if (!key) return atoll(buf);
    for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        size_t k = strlen(key);
        if (strncmp(line, key, k) == 0 && line[k] == ' ') return atoll(line + k + 1);
    }
    return -1;
}

/* CPU time of the whole container in microseconds (cgroup v1 or v2); -1 when not readable. */
static long long container_cpu_us(void) {
    long long ns = cgroup_value("/sys/fs/cgroup/cpuacct/cpuacct.usage", NULL);
    if (ns < 0) ns = cgroup_value("/sys/fs/cgroup/cpu,cpuacct/cpuacct.usage", NULL);
    if (ns >= 0) return ns / 1000;
    return cgroup_value("/sys/fs/cgroup/cpu.stat", "usage_usec");
}

/* How many OOM kills the container's memory cgroup has seen; -1 when not readable. */
static long long container_oom_kills(void) {
    long long v = cgroup_value("/sys/fs/cgroup/memory/memory.oom_control", "oom_kill");
    return v >= 0 ? v : cgroup_value("/sys/fs/cgroup/memory.events", "oom_kill");
}

/* Anonymous memory of the whole container in bytes (cgroup v1 or v2); -1 when not readable. */
static long long container_anon_bytes(void) {
    long long v = cgroup_value("/sys/fs/cgroup/memory/memory.stat", "rss");
    return v >= 0 ? v : cgroup_value("/sys/fs/cgroup/memory.stat", "anon");
}

/* Removes a tree without following links; makes directories writable first (a run may chmod them). */
static void remove_tree(int parent, const char *name, int remove_self) {
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        fchmod(fd, 0700);
        DIR *d = fdopendir(fd);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d)) != NULL) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
                if (e->d_type == DT_DIR) remove_tree(dirfd(d), e->d_name, 1);
                else unlinkat(dirfd(d), e->d_name, 0);
            }
            closedir(d);
        } else {
            close(fd);
        }
        if (remove_self) unlinkat(parent, name, AT_REMOVEDIR);
    } else if (remove_self) {
        unlinkat(parent, name, 0);
    }
}

/* Whether a regular file under `dir` reached `limit` bytes: a write was cut at the file size limit. */
static int file_at_limit(const char *dir, uint64_t limit, int depth) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) != 0) continue;
        if (S_ISREG(st.st_mode) && (uint64_t) st.st_size >= limit) found = 1;
        else if (S_ISDIR(st.st_mode) && depth < 32) found = file_at_limit(path, limit, depth + 1);
    }
    closedir(d);
    return found;
}

static int make_parents(char *path) {
    for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
        *p = 0;
        int failed = mkdir(path, 0755) != 0 && errno != EEXIST;
        *p = '/';
        if (failed) return -1;
    }
    return 0;
}

/* Writes everything or returns -1 with errno set (ENOSPC when the tmpfs is full). */
static int write_some(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) return -1;
        p += w;
        n -= (size_t) w;
    }
    return 0;
}

static int matches(char **patterns, const char *rel) {
    for (char **p = patterns; *p; p++) {
        if (fnmatch(*p, rel, 0) == 0) return 1;
    }
    return 0;
}

/* Sends every regular file under the work dir whose relative path matches a pattern. */
static void collect(char **patterns, const char *rel, uint64_t max_size) {
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", WORK_DIR, *rel ? "/" : "", rel);
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char child[4096];
        snprintf(child, sizeof child, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", WORK_DIR, child);
        struct stat st;
        if (lstat(full, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            collect(patterns, child, max_size);
        } else if (S_ISREG(st.st_mode) && matches(patterns, child) && (uint64_t) st.st_size <= max_size) {
            int fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
            if (fd < 0) continue;
            uint32_t plen = (uint32_t) strlen(child);
            size_t total = 4 + plen + (size_t) st.st_size + 1;
            unsigned char *buf = malloc(total);
            if (!buf) { close(fd); continue; }
            buf[0] = plen >> 24; buf[1] = plen >> 16; buf[2] = plen >> 8; buf[3] = plen;
            memcpy(buf + 4, child, plen);
            buf[4 + plen] = (st.st_mode & 0111) ? 1 : 0;
            size_t got = 0, want = (size_t) st.st_size;
            while (got < want) {
                ssize_t r = read(fd, buf + 5 + plen + got, want - got);
                if (r <= 0) break;
                got += (size_t) r;
            }
            close(fd);
            if (got == want) frame(FRAME_FILE, buf, (uint32_t) (5 + plen + got));
            free(buf);
        }
    }
    closedir(d);
}

/*
 * Installed in the run's first process before exec and inherited by everything it starts. Docker's
 * default profile already applies, and the runner has a user of its own; this one is a second wall
 * around it: no signals to the runner, no kill(-1) or foreign process groups, no ptrace, no
 * cross-process memory access, no pidfd signalling, and only the native x86-64 system call ABI.
 */
static int install_filter(pid_t runner, pid_t own_group) {
    uint32_t neg_group = (uint32_t) -own_group;
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1),          /* x32 ABI */
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_ptrace, 10, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_process_vm_readv, 9, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_process_vm_writev, 8, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 424 /* pidfd_send_signal */, 7, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 438 /* pidfd_getfd */, 6, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_kill, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_tkill, 7, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_tgkill, 6, 9),
        /* kill(pid): allowed for pid 0, positive pids other than the runner, and the own group */
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t) runner, 1, 0),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x80000000u, 1, 6),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, neg_group, 4, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        /* tkill(tid) and tgkill(tgid, tid): anything but the runner */
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t) runner, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {.len = sizeof f / sizeof f[0], .filter = f};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) return -1;
    /* stacked on it: the native sandbox's syscall allowlist (the union of its profiles; see syscall-filter.c) */
    struct sock_fprog allow = syscall_filter_any_profile();
    if (!allow.filter) { errno = ENOMEM; return -1; }
    return (int) syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &allow);
}

/* Per run, from wait4 of every process the runner reaps (each includes the descendants it reaped):
 * a serving runner lives for many runs, so RUSAGE_CHILDREN would mix them. */
static long long run_cpu_us;
static long run_maxrss_kb;
static pid_t child;
static int child_done, status;
static int64_t end;
/* A pair side's copy of its command's stdout FIFO, closed once the command's end is taken (see run()). */
static int held_out = -1;

/* Written to by the SIGCHLD handler: wakes the output loop's poll the moment a process ends, so the run's end
 * time is taken then and not at the loop's next timeout (a pair's order of ending rests on it). */
static int chld_pipe[2] = {-1, -1};

static void on_sigchld(int sig) {
    (void) sig;
    int e = errno;
    (void) !write(chld_pipe[1], "x", 1);
    errno = e;
}

static void watch_children(void) {
    if (pipe2(chld_pipe, O_CLOEXEC | O_NONBLOCK) != 0) die("pipe2");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigchld;
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, NULL);
}

/* Reaps what has ended (waiting when `flags` is 0) and notes when the run's first process ends. */
static void reap(int flags) {
    int st;
    pid_t w;
    struct rusage ru;
    while ((w = wait4(-1, &st, flags, &ru)) > 0) {
        run_cpu_us += (long long) ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec
                + (long long) ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec;
        if (ru.ru_maxrss > run_maxrss_kb) run_maxrss_kb = ru.ru_maxrss;
        if (w == child && !child_done) {
            status = st;
            child_done = 1;
            end = now_us();
            if (held_out >= 0) { close(held_out); held_out = -1; }
        }
    }
}

/* Kills every process in the container but the runner (CAP_KILL); returns how many rounds found some. */
static int kill_all(void) {
    int found = 0;
    for (int i = 0; i < 100; i++) {
        if (kill(-1, SIGKILL) != 0) break;
        found++;
        reap(WNOHANG);
        usleep(1000);
    }
    return found;
}

/* Where a run can leave files outside the work dir and /tmp: POSIX shared memory and message queues. */
static const char *const IPC_DIRS[] = {"/dev/shm", "/dev/mqueue", NULL};

/* Empties everything a run could leave for the next; returns "" or what is still there. */
static const char *clean_container(void) {
    remove_tree(AT_FDCWD, WORK_DIR, 0);
    remove_tree(AT_FDCWD, "/tmp", 0);
    for (const char *const *d = IPC_DIRS; *d; d++) remove_tree(AT_FDCWD, *d, 0);
    int removed = box_remove_sysv_ipc();
    return box_leftovers(removed, IPC_DIRS);
}

static volatile sig_atomic_t rendezvous_over;

static void on_alarm(int sig) {
    (void) sig;
    rendezvous_over = 1;
}

/* A blocking open of a FIFO end that gives up (EINTR) once the rendezvous time is over. */
static int open_fifo(const char *path, int flags) {
    int fd;
    do {
        fd = open(path, flags | O_CLOEXEC | O_NOFOLLOW);
    } while (fd < 0 && errno == EINTR && !rendezvous_over);
    return fd;
}

/*
 * Opens the pair's ends in the global order (the FIFO towards the peer first), each open blocking until
 * the other runner opens the other end. A timer repeating every 100 ms after the deadline interrupts an
 * open, so a partner that never comes ends this side with a setup error rather than a stuck runner.
 */
static int open_pair(int order, const char *in_path, const char *out_path, int *in_fd, int *out_fd,
        char *error, size_t error_size) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    rendezvous_over = 0;
    struct itimerval timer = {{0, 100000}, {RENDEZVOUS_S, 0}};
    setitimer(ITIMER_REAL, &timer, NULL);
    *in_fd = *out_fd = -1;
    if (order == PAIR_STDOUT_FIRST) {
        *out_fd = open_fifo(out_path, O_WRONLY);
        if (*out_fd >= 0) *in_fd = open_fifo(in_path, O_RDONLY);
    } else {
        *in_fd = open_fifo(in_path, O_RDONLY);
        if (*in_fd >= 0) *out_fd = open_fifo(out_path, O_WRONLY);
    }
    int e = errno;
    struct itimerval off = {{0, 0}, {0, 0}};
    /* The handler stays: a handled signal is back to its default in the command after exec, an ignored
     * one would stay ignored there. */
    setitimer(ITIMER_REAL, &off, NULL);
    if (*in_fd >= 0 && *out_fd >= 0) return 0;
    snprintf(error, error_size, "cannot connect to the other command of the pair: %s",
            e == EINTR ? "it did not open its ends within 10 s" : strerror(e));
    if (*in_fd >= 0) close(*in_fd);
    if (*out_fd >= 0) close(*out_fd);
    *in_fd = *out_fd = -1;
    return -1;
}

/* Serves one request whose magic has been read. */
static void run_one(void) {
    child_done = 0;
    status = 0;
    end = 0;
    run_cpu_us = 0;
    run_maxrss_kb = 0;
    char **command = read_strings();
    char **env = read_strings();
    uint64_t cpu_us = read_u64(), wall_us = read_u64();
    uint32_t processes = read_u32();
    uint64_t output_cap = read_u64(), file_size = read_u64(), stack = read_u64();
    uint32_t open_files = read_u32();
    char **patterns = read_strings();
    unsigned char pair_order;
    read_full(&pair_order, 1);
    int stderr_to_stdout = (pair_order & STDERR_TO_STDOUT) != 0;
    pair_order &= (unsigned char) ~STDERR_TO_STDOUT;
    char *pair_in_path = read_string(), *pair_out_path = read_string();
    if (!command[0]) { errno = EINVAL; die("empty command"); }

    /* A runner that died mid-run may have left files: the work dir and /tmp start empty. */
    clean_container();
    /*
     * Files and stdin are always read to the end, so the next request starts in step; a file that
     * cannot be written (no space, a path through a file) ends this request with a setup error
     * instead of ending the runner, which would cost the container.
     */
    char setup_error[512] = "";
    char buf[65536];
    uint32_t nfiles = read_u32();
    for (uint32_t i = 0; i < nfiles; i++) {
        char *path = read_string();
        unsigned char exec_flag;
        read_full(&exec_flag, 1);
        uint64_t len = read_u64();
        int fd = -1;
        if (!setup_error[0]) {
            char full[4096];
            snprintf(full, sizeof full, "%s/%s", WORK_DIR, path);
            if (make_parents(full) == 0) {
                fd = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, exec_flag ? 0755 : 0644);
            }
            if (fd < 0) snprintf(setup_error, sizeof setup_error, "cannot create %s: %s", path, strerror(errno));
        }
        while (len > 0) {
            size_t n = len < sizeof buf ? (size_t) len : sizeof buf;
            read_full(buf, n);
            if (fd >= 0 && write_some(fd, buf, n) != 0) {
                snprintf(setup_error, sizeof setup_error, "cannot write %s: %s", path, strerror(errno));
                close(fd);
                fd = -1;
            }
            len -= n;
        }
        if (fd >= 0) close(fd);
        free(path);
    }
    /* Stdin goes to an unlinked file: the run can read it at its own pace and nothing is left behind. */
    char stdin_path[] = "/tmp/.stdin-XXXXXX";
    int in_fd = mkostemp(stdin_path, O_CLOEXEC);
    if (in_fd < 0 && !setup_error[0]) snprintf(setup_error, sizeof setup_error, "cannot create the stdin file: %s", strerror(errno));
    if (in_fd >= 0) unlink(stdin_path);
    uint64_t in_len = read_u64();
    while (in_len > 0) {
        size_t n = in_len < sizeof buf ? (size_t) in_len : sizeof buf;
        read_full(buf, n);
        if (in_fd >= 0 && !setup_error[0] && write_some(in_fd, buf, n) != 0) {
            snprintf(setup_error, sizeof setup_error, "cannot store stdin: %s", strerror(errno));
        }
        in_len -= n;
    }
    /* A runner whose limits, priority or CPUs are no longer those of its start would pass them on:
     * the run goes to another container and this one is replaced. */
    const char *refused = box_runner_changed();
    if (*refused && !setup_error[0]) {
        snprintf(setup_error, sizeof setup_error, "the runner's %s changed since it started", refused);
    }
    /* A side that failed to set up still meets its partner and hangs up: the partner reads end of file
     * at once instead of waiting out the rendezvous. */
    int pair_in = -1, pair_out = -1;
    if (pair_order != PAIR_NONE) {
        char pair_error[256] = "";
        if (open_pair(pair_order, pair_in_path, pair_out_path, &pair_in, &pair_out, pair_error, sizeof pair_error) != 0
                && !setup_error[0]) {
            snprintf(setup_error, sizeof setup_error, "%s", pair_error);
        }
    }
    free(pair_in_path);
    free(pair_out_path);
    if (setup_error[0]) {
        if (in_fd >= 0) close(in_fd);
        if (pair_in >= 0) close(pair_in);
        if (pair_out >= 0) close(pair_out);
        const char *left = clean_container();
        char result[1024];
        int len = snprintf(result, sizeof result, "setup_error=%s\nrefused=%s\nrecycle=%s\n", setup_error,
                refused, *refused ? refused : left);
        frame(FRAME_RESULT, result, (uint32_t) len);
        free_strings(command);
        free_strings(env);
        free_strings(patterns);
        return;
    }
    lseek(in_fd, 0, SEEK_SET);

    int out_pipe[2], err_pipe[2], exec_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) || pipe2(err_pipe, O_CLOEXEC) || pipe2(exec_pipe, O_CLOEXEC)) die("pipe");
    long long oom_before = container_oom_kills();
    /* Sampled with the CPU counter: the processes' summed memory, which wait4's maxrss (the largest
     * single process) misses when several processes hold memory at once. */
    long long anon_before = container_anon_bytes(), anon_peak = 0;
    long long cg_cpu_before = container_cpu_us();
    pid_t runner = getpid();
    int64_t start = now_us();
    child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        setpgid(0, 0);
        dup2(pair_in >= 0 ? pair_in : in_fd, 0);
        dup2(pair_out >= 0 ? pair_out : out_pipe[1], 1);
        /* The runner ignores SIGPIPE; the command gets the default, so a write to a partner that has
         * gone ends it with SIGPIPE as anywhere else. */
        signal(SIGPIPE, SIG_DFL);
        dup2(stderr_to_stdout ? (pair_out >= 0 ? pair_out : out_pipe[1]) : err_pipe[1], 2);
        struct run_limits run_limits = {(cpu_us + 999999) / 1000000 + 1, file_size, stack, processes, open_files};
        /* Any failure before exec is reported like a failed exec, never as the program's exit code. */
        if (chdir(WORK_DIR) == 0 && box_enter(&run_limits) == 0) {
            /* Becoming the box user made this process's /proc files root's; exec would make it dumpable
             * again anyway, and its oom_score_adj must be writable: the OOM killer takes the run, never
             * the runner, while the run is alive. */
            prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
            int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
            if (fd >= 0) { (void) !write(fd, "1000", 4); close(fd); }
            if (install_filter(runner, getpid()) == 0) {
                environ = env;
                execvp(command[0], command);
            }
        }
        int e = errno;
        (void) !write(exec_pipe[1], &e, sizeof e);
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    close(exec_pipe[1]);
    close(in_fd);
    /* Only the command holds its stdin's end, so its end breaks its partner's pipe at once. Its stdout's end
     * the runner keeps until it has taken the command's end time: the partner reads end of file only after
     * that, so a partner that ends because this command ended (end of file, then a verdict or a crash) is
     * always seen ending later, however the two runners are scheduled. The copy is write-only: no reader is
     * added, and the command's own writes still break when the partner has gone. */
    if (pair_in >= 0) close(pair_in);
    held_out = pair_out;

    int exec_errno = 0;
    if (read(exec_pipe[0], &exec_errno, sizeof exec_errno) != sizeof exec_errno) exec_errno = 0;
    close(exec_pipe[0]);

    const char *reason = "none";
    uint64_t sent[2] = {0, 0};
    int truncated = 0;
    struct pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {chld_pipe[0], POLLIN, 0}};
    int open_pipes = 2;
    if (pair_order != PAIR_NONE) {
        /* The command's stdout is the pair's FIFO; nothing comes through this pipe. */
        close(out_pipe[0]);
        fds[0].fd = -1;
        open_pipes = 1;
    }
    while (!child_done || open_pipes > 0) {
        int r = poll(fds, 3, child_done ? 200 : 10);
        if (r < 0 && errno != EINTR) die("poll");
        if (r > 0 && (fds[2].revents & POLLIN)) {
            char drain[64];
            while (read(chld_pipe[0], drain, sizeof drain) > 0) {
            }
        }
        for (int i = 0; i < 2 && r > 0; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n <= 0) { close(fds[i].fd); fds[i].fd = -1; open_pipes--; continue; }
            uint64_t room = output_cap - sent[i];
            if ((uint64_t) n > room) {
                if (room) frame(i == 0 ? FRAME_STDOUT : FRAME_STDERR, buf, (uint32_t) room);
                sent[i] = output_cap;
                truncated = 1;
                if (!child_done && strcmp(reason, "none") == 0) { reason = "output"; kill_all(); }
            } else {
                frame(i == 0 ? FRAME_STDOUT : FRAME_STDERR, buf, (uint32_t) n);
                sent[i] += (uint64_t) n;
            }
        }
        if (!child_done) {
            reap(WNOHANG);
            if (!child_done) {
                int64_t elapsed = now_us() - start;
                long long cg = container_cpu_us();
                long long anon = container_anon_bytes();
                if (anon_before >= 0 && anon - anon_before > anon_peak) anon_peak = anon - anon_before;
                if ((uint64_t) elapsed >= wall_us) {
                    reason = "wall";
                    kill_all();
                } else if (cg >= 0 && cg_cpu_before >= 0 && (uint64_t) (cg - cg_cpu_before) >= cpu_us) {
                    reason = "cpu";
                    kill_all();
                }
            }
            if (child_done) {
                /* The run is over when its first process ends; whatever it left behind is killed. */
                int leftovers = kill_all();
                if (leftovers && strcmp(reason, "none") == 0) reason = "leftovers";
            }
        } else if (r == 0) {
            /* Pipes still open after everything was killed: a process outside the run holds them. */
            break;
        }
    }
    kill_all();
    reap(0);
    long long used_us = run_cpu_us;
    if (anon_peak / 1024 > run_maxrss_kb) run_maxrss_kb = (long) (anon_peak / 1024);
    long long oom_after = container_oom_kills();
    int oom = oom_before >= 0 && oom_after > oom_before;

    /* A process killed by SIGXFSZ may not be the first one (a shell's child): the files tell. */
    int fsize_hit = (WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ)
            || file_at_limit(WORK_DIR, file_size, 0) || file_at_limit("/tmp", file_size, 0);
    collect(patterns, "", file_size);
    const char *recycle = box_runner_changed();
    const char *left = clean_container();
    if (!*recycle) recycle = left;

    char result[1024];
    int len = snprintf(result, sizeof result,
            "exited=%d\nexit=%d\nsignal=%d\ncpu_us=%lld\nwall_us=%lld\nmaxrss_kb=%ld\nreason=%s\noom=%d\n"
            "truncated=%d\nfsize=%d\nexec_errno=%d\nexec_error=%s\nend_us=%lld\nrecycle=%s\n",
            WIFEXITED(status), WIFEXITED(status) ? WEXITSTATUS(status) : -1,
            WIFSIGNALED(status) ? WTERMSIG(status) : 0, used_us, (long long) (end - start), run_maxrss_kb,
            reason, oom, truncated, fsize_hit, exec_errno, exec_errno ? strerror(exec_errno) : "", (long long) end,
            recycle);
    frame(FRAME_RESULT, result, (uint32_t) len);
    free_strings(command);
    free_strings(env);
    free_strings(patterns);
}

int main(int argc, char **argv) {
    if (argc != 4 || (strcmp(argv[1], "serve") != 0 && strcmp(argv[1], "once") != 0)) {
        dprintf(2, "usage: runner serve|once RUNNER_UID BOX_UID\n");
        return 64;
    }
    int serve = strcmp(argv[1], "serve") == 0;
    box_init(argv[2], argv[3]);

    signal(SIGPIPE, SIG_IGN);
    /* Not dumpable: no process but root can ptrace this one or open its /proc files. */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    /* Orphans of the run come back here, so their CPU time is counted and they can be reaped. */
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    watch_children();
    /* built once here rather than in each run's child */
    if (!syscall_filter_any_profile().filter) die("building the syscall allowlist");
    do {
        char magic[4];
        ssize_t n = read(0, magic, 1);
        if (n == 0) return 0; /* the sandbox closed the channel */
        if (n < 0) die("reading the request");
        read_full(magic + 1, 3);
        if (memcmp(magic, "JDG2", 4) != 0) { errno = EPROTO; die("bad request magic"); }
        run_one();
    } while (serve);
    return 0;
}
