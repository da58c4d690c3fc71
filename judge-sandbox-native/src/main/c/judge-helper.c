/*
 * judge-helper: the native half of the Linux sandbox.
 *
 * One helper process serves one slot of the pool. It starts as root (or, with --rootless, as the judge's
 * user, and first enters a user namespace that newuidmap/newgidmap map for it), builds once what every run
 * of the slot reuses (private mount, network, IPC, UTS and PID namespaces; a read-only root made of bind
 * mounts; the slot's user namespace; the seccomp programs; open cgroup files) and then serves runs one at
 * a time over stdin/stdout with a length-prefixed binary protocol (big-endian). Per run it pays for:
 * resetting and reading the cgroup counters, one fork, joining the cgroup and the user namespace, the
 * limits, the seccomp attach and the exec; afterwards, killing what is left, mounting a fresh work dir and
 * emptying /tmp.
 *
 * Process tree: helper -> slot server (pid 1 of the slot's PID ns, root in its user ns, reaper) -> program
 * (unprivileged uid, no capabilities, no_new_privs, seccomp). After each run the server kills every other
 * process of the namespace; when the server exits the kernel does the same.
 *
 * The helper exits when its stdin reaches end of file (the JVM closed it or died), killing a run in
 * progress first.
 *
 * Pairs (an interactive problem's program and its interactor, each in a box of its own): with --pipes the
 * helper opens the JVM's directory of FIFOs before the box's root hides it, and a run that is one command of
 * a pair names its two FIFOs there; the child opens them as root, before it drops privileges, as its stdin
 * and stdout (see open_pair_pipes). The response carries the monotonic time the server saw the program end,
 * which the JVM compares between the two helpers of a pair.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <grp.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "box-isolation.h"
#include "box-network.h"
#include "syscall-filter.h"

#define PROTO_VERSION 2
#define MAX_MSG (1u << 30)
#define MAX_RO 64
#define MAX_PROCS 8
#define MAX_STATS 8
#define STAT_MAX 4096

/* flags in a run request */
#define REQ_NETWORK 1u
#define REQ_STDERR_TO_STDOUT 2u /* fd 2 is the program's stdout pipe, one stream in the order written */
/* flags in a run result */
#define RES_WALL_KILLED 1u
#define RES_CPU_KILLED 2u
#define RES_OUTPUT_EXCEEDED 4u
#define RES_EXEC_FAILED 8u
#define RES_NO_STATUS 16u
#define RES_COLLECT_TRUNCATED 32u
#define RES_FILE_LIMIT 64u

/* a run's part in a pair (two commands connected by two FIFOs) */
#define PAIR_NONE 0
#define PAIR_PROGRAM 1
#define PAIR_PEER 2

static int box_uid = -1, box_gid = -1;
static char *root_dir;
static const char *ro_paths[MAX_RO];
static int n_ro;
static const char *procs_paths[MAX_PROCS];
static int n_procs;
static int procs_fds[MAX_PROCS];
static const char *reset_paths[MAX_STATS];
static int n_resets;
static int reset_fds[MAX_STATS];
static const char *stat_paths[MAX_STATS];
static int n_stats;
static int stat_fds[MAX_STATS];
static const char *cpu_path;
static int cpu_fd = -1;
static int cpu_v2;                 /* cpu file is cgroup v2 cpu.stat (usage_usec) rather than v1 ns */
static unsigned long long work_size = 64ull << 20;
static unsigned long long work_inodes = 32768;
/* The slot's box network (see box-network.c), made at start when the helper is given slirp4netns and nft;
 * runs with network join it, and no run ever joins the host's network namespace. */
static const char *slirp4netns_path, *nft_path;
static int box_net_fd = -1;
/* The directory the JVM makes a pair's FIFOs in, opened before the box's root hides it (-1: no pairs). */
static const char *pipes_path;
static int pipes_dir_fd = -1;
static int slot_userns_fd = -1;
static int cap_last = 40;
/* rootless: the helper maps itself into a user namespace through the setuid newuidmap/newgidmap */
static int rootless;
static const char *newuidmap_path, *newgidmap_path;
static int outer_uid = -1, outer_gid = -1, host_uid = -1, host_gid = -1;
static long n_cpus = 1;
/*
 * A benchmark-only build (-DJUDGE_BARE_BENCH, never bundled) keeps the protocol, the server loop, the file
 * shipping and the output collection but leaves out every isolation step, so that the cost of isolation can
 * be measured against the same spawn path without it.
 */
#ifdef JUDGE_BARE_BENCH
static const int bare = 1;
#else
static const int bare = 0;
#endif
static char work_dir[4096] = "/box";
static char tmp_dir[4096] = "/tmp";

/* ---------- small utilities ---------- */

static void die(const char *what) {
    /* Before READY the JVM reads stderr for the reason. */
    fprintf(stderr, "judge-helper: %s: %s\n", what, strerror(errno));
    exit(2);
}

static int read_full(int fd, void *buf, size_t n) {
    char *p = buf;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r == 0) return -1;
        if (r < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += r;
        n -= (size_t) r;
    }
    return 0;
}

static int write_full(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t) w;
    }
    return 0;
}

static unsigned long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long) ts.tv_sec * 1000000000ull + (unsigned long long) ts.tv_nsec;
}

/* growable output buffer */
typedef struct { unsigned char *p; size_t len, cap; } buf_t;

static void b_reserve(buf_t *b, size_t more) {
    if (b->len + more <= b->cap) return;
    size_t nc = b->cap ? b->cap : 4096;
    while (nc < b->len + more) nc *= 2;
    unsigned char *np = realloc(b->p, nc);
    if (!np) { errno = ENOMEM; die("out of memory"); }
    b->p = np;
    b->cap = nc;
}
static void b_put(buf_t *b, const void *d, size_t n) { b_reserve(b, n); memcpy(b->p + b->len, d, n); b->len += n; }
static void b_u32(buf_t *b, uint32_t v) { unsigned char x[4] = {v >> 24, v >> 16, v >> 8, v}; b_put(b, x, 4); }
static void b_u64(buf_t *b, uint64_t v) { b_u32(b, (uint32_t) (v >> 32)); b_u32(b, (uint32_t) v); }
static void b_bytes(buf_t *b, const void *d, size_t n) { b_u32(b, (uint32_t) n); b_put(b, d, n); }
static void b_str(buf_t *b, const char *s) { b_bytes(b, s, strlen(s)); }

/* request reader */
typedef struct { const unsigned char *p; size_t len, pos; int bad; } rd_t;

static uint32_t r_u32(rd_t *r) {
    if (r->pos + 4 > r->len) { r->bad = 1; return 0; }
    const unsigned char *x = r->p + r->pos;
    r->pos += 4;
    return ((uint32_t) x[0] << 24) | ((uint32_t) x[1] << 16) | ((uint32_t) x[2] << 8) | x[3];
}
static uint64_t r_u64(rd_t *r) { uint64_t hi = r_u32(r); return (hi << 32) | r_u32(r); }
/* Returns a pointer into the message; the byte after it is not a terminator, see r_cstr. */
static const unsigned char *r_bytes(rd_t *r, uint32_t *n) {
    *n = r_u32(r);
    if (r->bad || r->pos + *n > r->len) { r->bad = 1; *n = 0; return NULL; }
    const unsigned char *p = r->p + r->pos;
    r->pos += *n;
    return p;
}
static char *r_cstr(rd_t *r) {
    uint32_t n;
    const unsigned char *p = r_bytes(r, &n);
    if (!p) return NULL;
    if (memchr(p, 0, n)) { r->bad = 1; return NULL; }
    char *s = malloc(n + 1);
    if (!s) { r->bad = 1; return NULL; }
    memcpy(s, p, n);
    s[n] = 0;
    return s;
}

static int send_msg(buf_t *b) {
    unsigned char hdr[4] = {b->len >> 24, b->len >> 16, b->len >> 8, b->len};
    if (write_full(1, hdr, 4) < 0) return -1;
    return write_full(1, b->p, b->len);
}

/* ---------- one-time setup of the slot ---------- */

static void mkdir_p_in_root(const char *rel, mode_t mode) {
    char path[4096];
    snprintf(path, sizeof path, "%s", rel);
    for (char *s = path + 1; *s; s++) {
        if (*s == '/') {
            *s = 0;
            if (mkdir(path, mode) < 0 && errno != EEXIST) die(path);
            *s = '/';
        }
    }
    if (mkdir(path, mode) < 0 && errno != EEXIST) die(path);
}

/*
 * The flags of a bind mount's source that a remount must repeat: in a user namespace the kernel locks
 * them on mounts inherited from the host, and a remount that would clear one fails with EPERM.
 */
static unsigned long locked_flags(const char *target) {
    struct statvfs sv;
    if (statvfs(target, &sv) < 0) die(target);
    unsigned long f = 0;
    if (sv.f_flag & ST_NOSUID) f |= MS_NOSUID;
    if (sv.f_flag & ST_NODEV) f |= MS_NODEV;
    if (sv.f_flag & ST_NOEXEC) f |= MS_NOEXEC;
    if (sv.f_flag & ST_NOATIME) f |= MS_NOATIME;
    if (sv.f_flag & ST_NODIRATIME) f |= MS_NODIRATIME;
    if (sv.f_flag & ST_RELATIME) f |= MS_RELATIME;
    return f;
}

static void bind_ro(const char *host) {
    struct stat st;
    if (lstat(host, &st) < 0) return; /* a toolchain dir the host lacks is simply absent in the box */
    char target[4096];
    snprintf(target, sizeof target, "%s%s", root_dir, host);
    char parent[4096];
    snprintf(parent, sizeof parent, "%s", target);
    char *slash = strrchr(parent, '/');
    if (slash && slash != parent) { *slash = 0; mkdir_p_in_root(parent, 0755); }
    if (S_ISLNK(st.st_mode)) {
        /* keep symlinks (merged /usr: /bin -> usr/bin) as symlinks instead of binding their target */
        char link[4096];
        ssize_t n = readlink(host, link, sizeof link - 1);
        if (n < 0) die(host);
        link[n] = 0;
        if (symlink(link, target) < 0 && errno != EEXIST) die(target);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        if (mkdir(target, 0755) < 0 && errno != EEXIST) die(target);
    } else {
        int fd = open(target, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
        if (fd < 0) die(target);
        close(fd);
    }
    if (mount(host, target, NULL, MS_BIND | MS_REC, NULL) < 0) die(host);
    if (mount(NULL, target, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | locked_flags(target), NULL) < 0)
        die("remount read-only");
}

static void bind_dev(const char *name) {
    char host[64], target[4096];
    snprintf(host, sizeof host, "/dev/%s", name);
    snprintf(target, sizeof target, "%s/dev/%s", root_dir, name);
    int fd = open(target, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0) die(target);
    close(fd);
    if (mount(host, target, NULL, MS_BIND, NULL) < 0) die(host);
    if (mount(NULL, target, NULL, MS_BIND | MS_REMOUNT | MS_NOSUID | MS_NOEXEC | locked_flags(target), NULL) < 0)
        die("remount dev");
}

/* Runs newuidmap or newgidmap on pid: "0 <outer> 1" (the judge's own id) and "<box> <host> 1". */
static int map_ids(const char *tool, pid_t pid, int outer, int box, int host) {
    pid_t c = fork();
    if (c < 0) return -1;
    if (c == 0) {
        char a[5][24];
        snprintf(a[0], sizeof a[0], "%d", (int) pid);
        snprintf(a[1], sizeof a[1], "%d", outer);
        snprintf(a[2], sizeof a[2], "%d", box);
        snprintf(a[3], sizeof a[3], "%d", host);
        char *argv[] = {(char *) tool, a[0], "0", a[1], "1", a[2], a[3], "1", NULL};
        char *envp[] = {NULL};
        execve(tool, argv, envp);
        fprintf(stderr, "judge-helper: cannot run %s: %s\n", tool, strerror(errno));
        _exit(127);
    }
    int st;
    while (waitpid(c, &st, 0) < 0) if (errno != EINTR) return -1;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/*
 * Rootless: the helper unshares a user namespace, and a child forked before that (so still outside) has
 * the setuid newuidmap and newgidmap write its maps from the user's subordinate ranges. Everything after
 * this (the other namespaces, mounts, the slot's user namespace, the uid switch) happens inside it.
 */
static void enter_userns(void) {
    int go[2];
    if (pipe2(go, O_CLOEXEC) < 0) die("pipe");
    pid_t self = getpid();
    pid_t c = fork();
    if (c < 0) die("fork");
    if (c == 0) {
        close(go[1]);
        char b;
        if (read(go[0], &b, 1) != 1) _exit(1); /* the helper could not unshare */
        int bad = map_ids(newuidmap_path, self, outer_uid, box_uid, host_uid) < 0
                  || map_ids(newgidmap_path, self, outer_gid, box_gid, host_gid) < 0;
        _exit(bad ? 1 : 0);
    }
    close(go[0]);
    if (unshare(CLONE_NEWUSER) < 0) die("unshare(CLONE_NEWUSER)");
    if (write(go[1], "x", 1) != 1) die("pipe");
    close(go[1]);
    int st;
    while (waitpid(c, &st, 0) < 0) if (errno != EINTR) die("waitpid");
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        errno = EPERM;
        die("newuidmap/newgidmap did not write the id maps");
    }
    /* the judge's ids are 0 inside now; the namespace's capabilities came with unshare */
    if (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0) die("switch to root of the user namespace");
}

static void setup_slot(void) {
    /* cgroup files and the host network namespace are opened before the namespaces hide them */
    for (int i = 0; i < n_procs; i++) {
        procs_fds[i] = open(procs_paths[i], O_WRONLY | O_CLOEXEC);
        if (procs_fds[i] < 0) die(procs_paths[i]);
    }
    if (cpu_path) {
        cpu_fd = open(cpu_path, O_RDONLY | O_CLOEXEC);
        if (cpu_fd < 0) die(cpu_path);
    }
    /* Reset and stat files stay open for the slot's life; a file that is both shares one descriptor (cgroup
     * v2's memory.peak resets per open file). A reset file the kernel offers read-only (memory.peak before
     * Linux 6.12) is kept for reading; each run reports that its reset failed. */
    for (int i = 0; i < n_resets; i++) {
        reset_fds[i] = open(reset_paths[i], O_RDWR | O_CLOEXEC);
        if (reset_fds[i] < 0 && errno == EACCES) reset_fds[i] = open(reset_paths[i], O_WRONLY | O_CLOEXEC);
    }
    for (int i = 0; i < n_stats; i++) {
        stat_fds[i] = -1;
        for (int j = 0; j < n_resets; j++)
            if (reset_fds[j] >= 0 && !strcmp(stat_paths[i], reset_paths[j])) stat_fds[i] = reset_fds[j];
        if (stat_fds[i] < 0) stat_fds[i] = open(stat_paths[i], O_RDONLY | O_CLOEXEC);
        if (stat_fds[i] < 0) die(stat_paths[i]);
    }
    /* made while the host's network and files are still in view; rootless runs never get network */
    if (slirp4netns_path && !rootless) {
        char why[512];
        box_net_fd = box_network_start(slirp4netns_path, nft_path, why, sizeof why);
        if (box_net_fd < 0) die(why);
    }
    FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
    if (f) {
        if (fscanf(f, "%d", &cap_last) != 1) cap_last = 40;
        fclose(f);
    }

    if (unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWPID) < 0) die("unshare");
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) die("make mounts private");
    if (sethostname("box", 3) < 0) die("sethostname");

    if (mount("judge-root", root_dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755") < 0) die("root tmpfs");
    for (int i = 0; i < n_ro; i++) bind_ro(ro_paths[i]);
    char p[4096];
    snprintf(p, sizeof p, "%s/dev", root_dir);
    mkdir_p_in_root(p, 0755);
    if (mount("judge-dev", p, "tmpfs", MS_NOSUID | MS_NOEXEC, "size=64k,mode=0755") < 0) die("dev tmpfs");
    bind_dev("null");
    bind_dev("zero");
    bind_dev("random");
    bind_dev("urandom");
    snprintf(p, sizeof p, "%s/dev/fd", root_dir);
    if (symlink("/proc/self/fd", p) < 0) die("dev/fd");
    const char *std_names[] = {"stdin", "stdout", "stderr"};
    for (int i = 0; i < 3; i++) {
        char link[32];
        snprintf(p, sizeof p, "%s/dev/%s", root_dir, std_names[i]);
        snprintf(link, sizeof link, "/proc/self/fd/%d", i);
        if (symlink(link, p) < 0) die(p);
    }
    snprintf(p, sizeof p, "%s/dev", root_dir);
    if (mount(NULL, p, NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NOEXEC, "size=64k,mode=0755") < 0) die("dev ro");
    const char *dirs[] = {"/proc", "/box", "/tmp", "/old"};
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", root_dir, dirs[i]);
        mkdir_p_in_root(p, 0755);
    }
    /* a minimal passwd/group so tools that look up their user do not fail */
    snprintf(p, sizeof p, "%s/etc", root_dir);
    mkdir_p_in_root(p, 0755);
    snprintf(p, sizeof p, "%s/etc/passwd", root_dir);
    FILE *pw = fopen(p, "wxe");
    if (pw) { fprintf(pw, "root:x:0:0::/:/bin/false\nbox:x:%d:%d::/box:/bin/sh\n", box_uid, box_gid); fclose(pw); }
    snprintf(p, sizeof p, "%s/etc/group", root_dir);
    FILE *gr = fopen(p, "wxe");
    if (gr) { fprintf(gr, "root:x:0:\nbox:x:%d:\n", box_gid); fclose(gr); }

    if (syscall_filters_prepare() < 0) die("seccomp programs");
    n_cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (n_cpus < 1) n_cpus = 1;
}

/*
 * Done by the slot server, the first process of the new PID namespace: proc must be mounted from inside
 * it, and (in a user namespace) while the host's proc is still fully visible, so before the old root is
 * detached.
 */
static void enter_root(void) {
    char p[4096];
    snprintf(p, sizeof p, "%s/proc", root_dir);
    if (mount_box_proc(p) < 0) die("mount /proc");
    if (chdir(root_dir) < 0) die("chdir root");
    if (syscall(SYS_pivot_root, ".", "old") < 0) die("pivot_root");
    if (chdir("/") < 0) die("chdir /");
    if (umount2("/old", MNT_DETACH) < 0) die("detach old root");
    rmdir("/old");
    if (mount(NULL, "/", NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, "size=1m,mode=0755") < 0) die("root ro");
}

/* ---------- per-run work ---------- */

typedef struct {
    uint64_t cpu_ns, wall_ns, fsize, stack, output_cap, collect_cap, as_limit;
    uint32_t nofile, nproc, flags, profile;
    char **argv, **envp;
    int stdin_fd;
    uint32_t pair;                 /* PAIR_NONE, or which command of a pair this run is */
    char *pipe_read, *pipe_write;  /* names in pipes_dir_fd of the FIFOs this run reads and writes */
} run_t;

static int write_files(rd_t *r, int boxfd, char *err, size_t errlen) {
    uint32_t n = r_u32(r);
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        char *path = r_cstr(r);
        uint32_t mode = r_u32(r);
        uint32_t len;
        const unsigned char *data = r_bytes(r, &len);
        if (r->bad || !path) break;
        /* parent directories, one component at a time, never following links */
        int dfd = dup(boxfd);
        char *s = path, *slash;
        while ((slash = strchr(s, '/')) != NULL) {
            *slash = 0;
            if (mkdirat(dfd, s, 0755) == 0 && fchownat(dfd, s, box_uid, box_gid, AT_SYMLINK_NOFOLLOW) < 0) {
                snprintf(err, errlen, "cannot chown directory for %s: %s", path, strerror(errno));
                close(dfd); free(path); return -1;
            }
            int nd = openat(dfd, s, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            close(dfd);
            if (nd < 0) { snprintf(err, errlen, "cannot create directory for %s: %s", path, strerror(errno)); free(path); return -1; }
            dfd = nd;
            s = slash + 1;
        }
        int fd = openat(dfd, s, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, (mode & 0100) ? 0755 : 0644);
        close(dfd);
        if (fd < 0 || write_full(fd, data, len) < 0) {
            snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
            if (fd >= 0) close(fd);
            free(path);
            return -1;
        }
        if (fchown(fd, box_uid, box_gid) < 0 || fchmod(fd, (mode & 0100) ? 0755 : 0644) < 0) {
            snprintf(err, errlen, "cannot chown %s: %s", path, strerror(errno));
            close(fd); free(path); return -1;
        }
        close(fd);
        free(path);
    }
    return r->bad ? -1 : 0;
}

static uint64_t read_cpu_ns(void) {
    if (cpu_fd < 0) return 0;
    char b[4096];
    ssize_t n = pread(cpu_fd, b, sizeof b - 1, 0);
    if (n <= 0) return 0;
    b[n] = 0;
    if (!cpu_v2) return strtoull(b, NULL, 10);
    char *u = strstr(b, "usage_usec ");
    return u ? strtoull(u + 11, NULL, 10) * 1000ull : 0;
}

static void set_rlimit(int res, uint64_t v) {
    struct rlimit rl = {(rlim_t) v, (rlim_t) v};
    setrlimit(res, &rl);
}

/*
 * Opens, in the child and as root, its ends of the pair's FIFOs: the read end becomes its stdin and the write
 * end its stdout. Both commands of a pair open the FIFO to the program first and the FIFO to the peer
 * second, so each blocking open meets the partner's matching open instead of waiting for an open the partner
 * makes only later. An open that never meets its partner is ended by the wall deadline's SIGKILL. Returns -1
 * with errno on failure.
 */
static int open_pair_pipes(run_t *run, int *in_fd, int *out_fd) {
    int program = run->pair == PAIR_PROGRAM;
    const char *names[2] = {program ? run->pipe_read : run->pipe_write, program ? run->pipe_write : run->pipe_read};
    int modes[2] = {program ? O_RDONLY : O_WRONLY, program ? O_WRONLY : O_RDONLY};
    int fds[2] = {-1, -1};
    for (int i = 0; i < 2; i++) {
        do fds[i] = openat(pipes_dir_fd, names[i], modes[i] | O_NOFOLLOW | O_CLOEXEC);
        while (fds[i] < 0 && errno == EINTR);
        struct stat st;
        if (fds[i] >= 0 && (fstat(fds[i], &st) < 0 || !S_ISFIFO(st.st_mode))) {
            close(fds[i]);
            fds[i] = -1;
            errno = EINVAL;
        }
        if (fds[i] < 0) {
            int e = errno;
            if (i == 1) close(fds[0]);
            errno = e;
            return -1;
        }
    }
    *in_fd = program ? fds[0] : fds[1];
    *out_fd = program ? fds[1] : fds[0];
    return 0;
}

/* execve, or for a file without a header the kernel knows, the shell on it (as execvp does) */
static void exec_file(const char *file, char **argv, char **envp) {
    execve(file, argv, envp);
    if (errno != ENOEXEC) return;
    int argc = 0;
    while (argv[argc]) argc++;
    char *sh[argc + 2];
    sh[0] = "/bin/sh";
    sh[1] = (char *) file;
    for (int i = 1; i <= argc; i++) sh[i + 1] = argv[i];
    execve("/bin/sh", sh, envp);
    errno = ENOEXEC;
}

/*
 * execvp with the program's own PATH (from envp, not the server's environment, and without touching the
 * server's memory: the child may share it): a name with a slash is run as it is, else each PATH directory is
 * tried in turn. Returns the errno to report: EACCES if some candidate was found but not executable, else the last.
 */
static int exec_path(char **argv, char **envp) {
    const char *file = argv[0];
    if (!file[0]) return ENOENT;
    if (strchr(file, '/')) {
        exec_file(file, argv, envp);
        return errno;
    }
    const char *path = "/bin:/usr/bin"; /* execvp's default without a PATH */
    for (char **e = envp; *e; e++) {
        if (!strncmp(*e, "PATH=", 5)) { path = *e + 5; break; }
    }
    size_t flen = strlen(file);
    int seen_eacces = 0, last = ENOENT;
    for (const char *p = path;; p++) {
        const char *end = strchrnul(p, ':');
        size_t dlen = (size_t) (end - p);
        char full[dlen + flen + 2];
        if (dlen) { memcpy(full, p, dlen); full[dlen++] = '/'; }
        memcpy(full + dlen, file, flen + 1);
        exec_file(full, argv, envp);
        last = errno;
        if (last == EACCES) seen_eacces = 1;
        else if (last != ENOENT && last != ENOTDIR && last != ESTALE && last != ENODEV && last != ETIMEDOUT) break;
        if (!*end) break;
        p = end;
    }
    return seen_eacces ? EACCES : last;
}

/* Execs the program unless an earlier step failed (e != 0); a failure goes to the server through the error
 * pipe, which closes on a successful exec. Never returns. */
__attribute__((noreturn)) static void exec_or_report(run_t *run, int e, int errpipe_w) {
    if (!e) e = exec_path(run->argv, run->envp);
    write_full(errpipe_w, &e, sizeof e);
    _exit(127);
}

/* The program, in a child of the slot server. Never returns. It may run on the server's memory (spawn_program):
 * only system calls and stack variables here, no allocation and no write to a global. */
static void exec_program(run_t *run, int out_w, int err_w, int errpipe_w) {
    int e = 0;
    int in_fd = run->stdin_fd;
    /* the helper ignores these; a program starts with the defaults, so a write to a closed pipe kills it */
    signal(SIGPIPE, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    if (bare) {
        /* a pipe that cannot be opened is reported as a negative errno, told apart from a failed exec */
        if (run->pair && open_pair_pipes(run, &in_fd, &out_w) < 0) e = -errno;
        if (dup2(in_fd, 0) < 0 || dup2(out_w, 1) < 0 || dup2((run->flags & REQ_STDERR_TO_STDOUT) ? out_w : err_w, 2) < 0) _exit(127);
        if (chdir(work_dir) < 0) e = errno;
        exec_or_report(run, e, errpipe_w);
    }
    /* into the slot's cgroup while still root; children inherit it */
    for (int i = 0; i < n_procs && !e; i++) {
        if (write(procs_fds[i], "0", 1) < 0) e = errno;
    }
    if (!e && enter_box_cgroup_namespace() < 0) e = errno;
    if (!e && (run->flags & REQ_NETWORK) && setns(box_net_fd, CLONE_NEWNET) < 0) e = errno;
    /* Last, the slot's user namespace, which maps nothing but the box's uid and gid: whatever the program
     * might gain in it is worth nothing outside, and root-owned files show as unmapped. */
    if (!e && run->pair && open_pair_pipes(run, &in_fd, &out_w) < 0) e = -errno;
    if (!e && setns(slot_userns_fd, CLONE_NEWUSER) < 0) e = errno;
    if (dup2(in_fd, 0) < 0 || dup2(out_w, 1) < 0 || dup2((run->flags & REQ_STDERR_TO_STDOUT) ? out_w : err_w, 2) < 0) _exit(127);
    /* nothing of the helper leaks into the program; the error pipe closes on exec */
    if (syscall(SYS_close_range, 3, ~0u, 4 /* CLOSE_RANGE_CLOEXEC */) < 0) {
        /* kernels before 5.11: mark them one by one */
        for (int fd = 3; fd < 65536; fd++) fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    if (!e && chdir(work_dir) < 0) e = errno;
    uint64_t cpu_s = (run->cpu_ns + 999999999ull) / 1000000000ull + 1;
    set_rlimit(RLIMIT_CPU, cpu_s);
    /* one byte of slack: a file found larger than the limit afterwards proves the limit was hit, even
     * when the process that hit it was not the one the sandbox waits for */
    set_rlimit(RLIMIT_FSIZE, run->fsize + 1);
    set_rlimit(RLIMIT_STACK, run->stack);
    set_rlimit(RLIMIT_NOFILE, run->nofile);
    set_rlimit(RLIMIT_CORE, 0);
    /* only without a memory cgroup: address space is a poor but real memory bound */
    if (run->as_limit) set_rlimit(RLIMIT_AS, run->as_limit);
    /* per-uid process count: a backstop behind the pids cgroup, the uid is this slot's own */
    set_rlimit(RLIMIT_NPROC, run->nproc);
    set_rlimit(RLIMIT_MEMLOCK, 0);
    set_rlimit(RLIMIT_MSGQUEUE, 0);
    for (int c = 0; c <= cap_last; c++) prctl(PR_CAPBSET_DROP, c, 0, 0, 0);
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    /* raw calls: libc's wrappers may signal every thread of the process, whose list is the server's memory */
    if (!e && syscall(SYS_setgroups, 0, NULL) < 0) e = errno;
    if (!e && syscall(SYS_setresgid, box_gid, box_gid, box_gid) < 0) e = errno;
    if (!e && syscall(SYS_setresuid, box_uid, box_uid, box_uid) < 0) e = errno;
    if (!e && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) e = errno;
    struct sock_fprog fp = syscall_filter((int) run->profile, (run->flags & REQ_NETWORK) ? 1 : 0);
    if (!e && prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fp, 0, 0) < 0) e = errno;
    exec_or_report(run, e, errpipe_w);
}

/* Appends one collected file to the run's result (see collect_files). */
static void put_collected(void *out, const char *path, int executable, const unsigned char *data, size_t len) {
    b_str(out, path);
    b_u32(out, executable ? 1 : 0);
    b_bytes(out, data, len);
}

/* Whether a regular file under dfd is larger than limit; links are not followed. Closes dfd. */
static int any_file_over(int dfd, uint64_t limit, int depth, int *budget) {
    DIR *d = fdopendir(dfd);
    if (!d) { close(dfd); return 0; }
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL && --*budget > 0) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) continue;
        if (S_ISREG(st.st_mode) && (uint64_t) st.st_size > limit) found = 1;
        else if (S_ISDIR(st.st_mode) && depth < 32) {
            int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0) found = any_file_over(sub, limit, depth + 1, budget);
        }
    }
    closedir(d);
    return found;
}

static void drain(int fd, buf_t *b, uint64_t cap, int *eof, int *exceeded) {
    unsigned char tmp[65536];
    for (;;) {
        ssize_t n = read(fd, tmp, sizeof tmp);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return;               /* EAGAIN: nothing more for now */
        if (n == 0) { *eof = 1; return; }
        size_t keep = (size_t) n;
        if (b->len + keep > cap) { keep = (size_t) (cap - b->len); *exceeded = 1; }
        b_put(b, tmp, keep);
        if (*exceeded) return;
    }
}

/*
 * Empties a directory of the work area without following links. Gives up (returns -1) past a depth or
 * entry budget; the caller then replaces the whole tmpfs instead.
 */
static int clean_dir(int dfd, int depth, int *budget) {
    DIR *d = fdopendir(dfd);
    if (!d) { close(dfd); return -1; }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (--*budget <= 0) { rc = -1; break; }
        if (unlinkat(dirfd(d), e->d_name, 0) == 0) continue;
        if (errno != EISDIR || depth >= 64) { rc = -1; break; }
        int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub < 0 || clean_dir(sub, depth + 1, budget) < 0 || unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR) < 0) rc = -1;
        else rewinddir(d);
    }
    closedir(d);
    return rc;
}

static int mount_work(const char *where) {
    int box = !strcmp(where, "/box");
    return mount_fresh_work(where, box, work_size, work_inodes, box ? box_uid : 0, box ? box_gid : 0);
}

/*
 * Between runs the work dir is replaced by a fresh mount (see mount_fresh_work): the box's uid owns it, so a run
 * could leave ACLs, attributes and timestamps on it. /tmp belongs to root and is sticky, so a run can set none of
 * those on it: it is emptied (about 25 us rather than 130 us for a new mount), or replaced when that fails or the
 * tree is too big.
 */
static int reset_work(const char *where) {
    if (!bare && !strcmp(where, "/box")) return mount_work(where);
    int fd = open(where, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int budget = 10000;
    if (bare) return fd < 0 ? -1 : clean_dir(fd, 0, &budget);
    if (fd >= 0) {
        int dup_fd = dup(fd);
        if (dup_fd >= 0 && clean_dir(dup_fd, 0, &budget) == 0) {
            int ok = fchown(fd, 0, 0) == 0 && fchmod(fd, 01777) == 0;
            close(fd);
            if (ok) return 0;
        } else {
            close(fd);
        }
    }
    return mount_work(where);
}

/* SysV IPC objects outlive their processes: remove what a run left in the slot's IPC namespace. */
static void reset_ipc(void) {
    /* three syscalls tell whether anything exists; the /proc listings are read only then */
    struct shm_info shm;
    struct seminfo sem;
    struct msginfo msg;
    int shm_used = shmctl(0, SHM_INFO, (struct shmid_ds *) &shm) < 0 || shm.used_ids > 0;
    int sem_used = semctl(0, 0, SEM_INFO, (struct seminfo *) &sem) < 0 || sem.semusz > 0;
    int msg_used = msgctl(0, MSG_INFO, (struct msqid_ds *) &msg) < 0 || msg.msgpool > 0;
    if (!shm_used && !sem_used && !msg_used) return;
    static const struct { const char *file; int kind; } tables[] = {
        {"/proc/sysvipc/shm", 0}, {"/proc/sysvipc/sem", 1}, {"/proc/sysvipc/msg", 2}};
    for (int t = 0; t < 3; t++) {
        FILE *f = fopen(tables[t].file, "re");
        if (!f) continue;
        char line[512];
        if (!fgets(line, sizeof line, f)) { fclose(f); continue; }
        while (fgets(line, sizeof line, f)) {
            int key, id;
            if (sscanf(line, "%d %d", &key, &id) != 2) continue;
            if (tables[t].kind == 0) shmctl(id, IPC_RMID, NULL);
            else if (tables[t].kind == 1) semctl(id, 0, IPC_RMID);
            else msgctl(id, IPC_RMID, NULL);
        }
        fclose(f);
    }
}

/* Kills every process of the slot's PID namespace but this server, and reaps them all. */
static void kill_box(void) {
    if (bare) {
        /* no PID namespace of its own: only reap what is already gone */
        while (waitpid(-1, NULL, WNOHANG | __WALL) > 0) {}
        return;
    }
    for (;;) {
        kill(-1, SIGKILL);
        int st;
        pid_t w = waitpid(-1, &st, __WALL);
        if (w < 0 && errno == ECHILD) return;
        if (w < 0 && errno != EINTR) return;
    }
}

static int write_map(pid_t pid, const char *file, int id) {
    char path[64], line[64];
    snprintf(path, sizeof path, "/proc/%d/%s", (int) pid, file);
    int n = snprintf(line, sizeof line, "%d %d 1\n", id, id);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int ok = write(fd, line, (size_t) n) == n;
    close(fd);
    return ok ? 0 : -1;
}

/*
 * The user namespace every program of the slot joins, created once: a throw-away child unshares it, the
 * server (root in the parent namespace) writes its id maps, and a descriptor keeps it after the child is
 * gone. Runs share it but nothing else of it: the maps are fixed once written, and the programs' seccomp
 * filter denies creating or joining any namespace.
 */
static void create_slot_userns(void) {
    int rp[2], gp[2];
    if (pipe2(rp, O_CLOEXEC) < 0 || pipe2(gp, O_CLOEXEC) < 0) die("pipe");
    pid_t c = fork();
    if (c < 0) die("fork");
    if (c == 0) {
        close(rp[0]);
        close(gp[1]);
        unsigned char st = unshare(CLONE_NEWUSER) == 0 ? 0 : 1;
        if (write(rp[1], &st, 1) != 1) _exit(1);
        if (read(gp[0], &st, 1) < 0) _exit(1); /* stays until the server holds the namespace */
        _exit(0);
    }
    close(rp[1]);
    close(gp[0]);
    unsigned char st = 1;
    if (read(rp[0], &st, 1) != 1 || st != 0) { errno = EPERM; die("unshare(CLONE_NEWUSER)"); }
    if (write_map(c, "uid_map", box_uid) < 0 || write_map(c, "gid_map", box_gid) < 0) die("user namespace id maps");
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/ns/user", (int) c);
    slot_userns_fd = open(path, O_RDONLY | O_CLOEXEC);
    if (slot_userns_fd < 0) die(path);
    close(gp[1]);
    close(rp[0]);
    while (waitpid(c, NULL, 0) < 0 && errno == EINTR) {}
}

/*
 * A pair's verdict depends on which command ended first, and each helper takes its command's end time when it
 * wakes on the exit. Under load a woken helper can wait milliseconds for a CPU while its partner's helper, on
 * the other CPU, sees a later end at once: the order flips. So while a pair's helper waits on its command it
 * runs real-time (SCHED_FIFO, above every normal task): its wake-up runs at once and the two end times follow
 * the kernel's order of the two exits. Only the wait: the command is started as a normal task (reset on fork)
 * and the collection after it runs normal again. Refused (no CAP_SYS_NICE, a cgroup without real-time
 * runtime): the wait runs as before. Returns whether the change took.
 */
static int wait_realtime(int on) {
    struct sched_param sp = {.sched_priority = on ? 1 : 0};
    return sched_setscheduler(0, on ? SCHED_FIFO | SCHED_RESET_ON_FORK : SCHED_OTHER, &sp) == 0;
}

/*
 * A write-only copy of the command's stdout FIFO (its pair's pipe_write, for either side), held until the
 * command's end time is taken: the partner reads end of file only after that, so a partner that ends because
 * this command ended (end of file, then its verdict or a crash) always ends later on the pair's clock, however
 * the two helpers are scheduled. Taken right after the spawn returns, when the child has exec'd and so has met
 * the partner at both FIFOs, and write-only: a copy made before the spawn (read-write first, so as not to block)
 * let the partner's opens through without this command's child, and the spawn benchmark's pairs of trivial
 * programs then hung until the JVM's watchdog killed a helper. No reader is added, so the command's own writes
 * still break when the partner has gone; with no reader left (the partner already gone) there is nothing to
 * hold (ENXIO). Returns -1 when there is none.
 */
static int hold_pair_output(const run_t *run) {
    int w = openat(pipes_dir_fd, run->pipe_write, O_WRONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (w >= 0 && (fstat(w, &st) < 0 || !S_ISFIFO(st.st_mode))) {
        close(w);
        w = -1;
    }
    return w;
}

/* Writes 0 to every reset file; returns a bit per file whose write failed. */
static uint32_t reset_counters(void) {
    uint32_t failed = 0;
    for (int i = 0; i < n_resets; i++)
        if (reset_fds[i] < 0 || write(reset_fds[i], "0\n", 2) < 0) failed |= 1u << i;
    return failed;
}

/* Appends the current content of every stat file (one pread each) as length-prefixed bytes. */
static void read_stats(buf_t *b) {
    for (int i = 0; i < n_stats; i++) {
        char tmp[STAT_MAX];
        ssize_t n = pread(stat_fds[i], tmp, sizeof tmp, 0);
        b_bytes(b, tmp, n > 0 ? (size_t) n : 0);
    }
}

/* A FIFO is named by one plain component of the pipes directory. */
static int pipe_name_ok(const char *name) {
    return name && name[0] && !strchr(name, '/') && strcmp(name, ".") && strcmp(name, "..");
}

/*
 * How a run's child is made. fork() copies the server's page tables and marks its pages copy-on-write, so the
 * server then faults on every page it writes after each fork; where page faults are dear (about 10 us each on the
 * virtual machine the benchmarks ran on, against about 1 us for a system call) that is a good part of a short run.
 * clone(CLONE_VM | CLONE_VFORK), as posix_spawn does, lets the child run on the server's memory, on a stack of
 * its own, while the server waits until the exec (or the child's exit). Used when a probe at start shows that a
 * child made so may join the slot's user namespace (kernels that refuse setns to a process sharing its memory
 * get fork()). The child's credential changes mark the shared memory not dumpable, so the server is not dumpable
 * either from then on: nobody without CAP_SYS_PTRACE over the host's namespace may trace it or read its /proc
 * files that need that, which only narrows who can look into a root process.
 */
#define SPAWN_STACK (256 * 1024)
static char *spawn_stack;

typedef struct {
    run_t *run;
    int out_w, err_w, errpipe_w, close1, close2, close3;
} spawn_t;

static int spawn_child(void *arg) {
    spawn_t *a = arg;
    close(a->close1); close(a->close2); close(a->close3);
    exec_program(a->run, a->out_w, a->err_w, a->errpipe_w);
    return 127;
}

static int probe_child(void *arg) {
    (void) arg;
    if (setns(slot_userns_fd, CLONE_NEWUSER) < 0) _exit(1);
    _exit(0);
}

/* Decides once, at start, whether runs are spawned on the server's memory (see spawn_program). */
static void choose_spawn(void) {
    char *stack = mmap(NULL, SPAWN_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) return;
    mprotect(stack, 4096, PROT_NONE); /* a guard page below the stack */
    if (bare) { /* no namespace to join: nothing to probe */
        spawn_stack = stack;
        return;
    }
    pid_t c = clone(probe_child, stack + SPAWN_STACK, CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
    int st = 1;
    if (c > 0) {
        while (waitpid(c, &st, 0) < 0 && errno == EINTR) {}
    }
    if (c > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0) spawn_stack = stack;
    else munmap(stack, SPAWN_STACK);
}

/* Starts the run's program (exec_program) in a child; returns its pid, or -1 with errno. */
static pid_t spawn_program(run_t *run, int op[2], int ep[2], int xp[2]) {
    spawn_t a = {run, op[1], ep[1], xp[1], op[0], ep[0], xp[0]};
    if (spawn_stack) return clone(spawn_child, spawn_stack + SPAWN_STACK, CLONE_VM | CLONE_VFORK | SIGCHLD, &a);
    pid_t prog = fork();
    if (prog == 0) spawn_child(&a);
    return prog;
}

static void handle_run(rd_t *r) {
    run_t run;
    memset(&run, 0, sizeof run);
    run.stdin_fd = -1;
    char err[512] = "";
    buf_t res = {0};
    buf_t out = {0}, errb = {0}, coll = {0}, before = {0};
    uint32_t failed_resets = 0;
    int measured = 0;
    char **pats = NULL;
    uint32_t npat = 0;
    int boxfd = -1;

    run.cpu_ns = r_u64(r);
    run.wall_ns = r_u64(r);
    run.fsize = r_u64(r);
    run.stack = r_u64(r);
    run.nofile = r_u32(r);
    run.nproc = r_u32(r);
    run.output_cap = r_u64(r);
    run.collect_cap = r_u64(r);
    run.as_limit = r_u64(r);
    run.flags = r_u32(r);
    run.profile = r_u32(r);
    uint32_t argc = r_u32(r);
    if (r->bad || argc == 0 || argc > 65536) { snprintf(err, sizeof err, "bad request"); goto fail; }
    run.argv = calloc(argc + 1, sizeof(char *));
    for (uint32_t i = 0; i < argc; i++) run.argv[i] = r_cstr(r);
    uint32_t envc = r_u32(r);
    if (r->bad || envc > 65536) { snprintf(err, sizeof err, "bad request"); goto fail; }
    run.envp = calloc(envc + 1, sizeof(char *));
    for (uint32_t i = 0; i < envc; i++) run.envp[i] = r_cstr(r);
    if (r->bad) { snprintf(err, sizeof err, "bad request"); goto fail; }

    boxfd = open(work_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (boxfd < 0) { snprintf(err, sizeof err, "open /box: %s", strerror(errno)); goto fail; }
    if (write_files(r, boxfd, err, sizeof err) < 0) {
        if (!err[0]) snprintf(err, sizeof err, "bad request");
        goto fail;
    }
    uint32_t inlen;
    const unsigned char *in = r_bytes(r, &inlen);
    npat = r_u32(r);
    if (r->bad || npat > 4096) { npat = 0; snprintf(err, sizeof err, "bad request"); goto fail; }
    pats = calloc(npat + 1, sizeof(char *));
    for (uint32_t i = 0; i < npat; i++) pats[i] = r_cstr(r);
    run.pair = r_u32(r);
    run.pipe_read = r_cstr(r);
    run.pipe_write = r_cstr(r);
    if (r->bad) { snprintf(err, sizeof err, "bad request"); goto fail; }
    if (run.pair > PAIR_PEER || (run.pair && (!pipe_name_ok(run.pipe_read) || !pipe_name_ok(run.pipe_write)))) {
        snprintf(err, sizeof err, "bad request: pair pipes"); goto fail;
    }
    if (run.pair && pipes_dir_fd < 0) { snprintf(err, sizeof err, "this helper has no directory for pipes"); goto fail; }

    /* stdin is a sealed memfd: no writer to feed, no deadlock with the output pipes */
    run.stdin_fd = memfd_create("stdin", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (run.stdin_fd < 0 || (inlen && write_full(run.stdin_fd, in, inlen) < 0) || lseek(run.stdin_fd, 0, SEEK_SET) < 0) {
        snprintf(err, sizeof err, "stdin: %s", strerror(errno)); goto fail;
    }
    fcntl(run.stdin_fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);

    int op[2], ep[2], xp[2];
    if (pipe2(op, O_CLOEXEC) < 0 || pipe2(ep, O_CLOEXEC) < 0 || pipe2(xp, O_CLOEXEC) < 0) {
        snprintf(err, sizeof err, "pipe: %s", strerror(errno)); goto fail;
    }
    failed_resets = reset_counters();
    read_stats(&before);
    uint64_t cpu0 = read_cpu_ns();
    /* before the spawn: a command that ends at once must not end before its helper is real-time */
    int realtime = run.pair && wait_realtime(1);
    unsigned long long start = now_ns();
    pid_t prog = spawn_program(&run, op, ep, xp);
    int held_out = run.pair && prog > 0 ? hold_pair_output(&run) : -1;
    if (prog < 0) {
        if (realtime) wait_realtime(0);
        close(op[0]); close(op[1]); close(ep[0]); close(ep[1]); close(xp[0]); close(xp[1]);
        snprintf(err, sizeof err, "fork: %s", strerror(errno)); goto fail;
    }
    close(op[1]); close(ep[1]); close(xp[1]);
    int pidfd = (int) syscall(SYS_pidfd_open, prog, 0);
    if (held_out >= 0) {
        /* ended before the copy was taken: the partner may have read end of file already; hold nothing */
        struct pollfd gone = {pidfd, POLLIN, 0};
        if (pidfd < 0 || poll(&gone, 1, 0) != 0) { close(held_out); held_out = -1; }
    }
    fcntl(op[0], F_SETFL, O_NONBLOCK);
    fcntl(ep[0], F_SETFL, O_NONBLOCK);

    uint32_t flags = 0;
    unsigned long long ended_at = 0;
    int out_eof = 0, err_eof = 0, out_ex = 0, err_ex = 0, exited = 0, stdin_hup = 0;
    unsigned long long deadline = start + run.wall_ns;
    while (!exited) {
        struct pollfd p[4] = {{op[0], POLLIN, 0}, {ep[0], POLLIN, 0}, {pidfd, POLLIN, 0}, {0, 0, 0}};
        if (out_eof) p[0].fd = -1;
        if (err_eof) p[1].fd = -1;
        unsigned long long t = now_ns();
        if (t >= deadline) { flags |= RES_WALL_KILLED; break; }
        long long wait_ms = (long long) ((deadline - t) / 1000000ull) + 1;
        /* The cgroup's CPU counter can grow at most n_cpus times as fast as the wall clock, so the next
         * look is due only when the rest of the budget could be used up: no wake-ups (which would disturb
         * the measured program) far from the limit, a check every millisecond close to it. RLIMIT_CPU
         * stays the backstop. */
        if (cpu_fd >= 0) {
            uint64_t used = read_cpu_ns() - cpu0;
            if (used > run.cpu_ns) { flags |= RES_CPU_KILLED; break; }
            long long due_ms = (long long) ((run.cpu_ns - used) / (uint64_t) n_cpus / 1000000ull);
            if (due_ms < 1) due_ms = 1;
            if (wait_ms > due_ms) wait_ms = due_ms;
        }
        int pr = poll(p, 4, (int) wait_ms);
        if (pr < 0 && errno != EINTR) break;
        /* the earliest the program's end can be seen here, before the output is drained; a pair compares its
         * two commands' end times on this clock (the same in every helper) */
        if (p[2].revents) ended_at = now_ns();
        if (p[0].revents) drain(op[0], &out, run.output_cap, &out_eof, &out_ex);
        if (p[1].revents) drain(ep[0], &errb, run.output_cap, &err_eof, &err_ex);
        if (out_ex || err_ex) { flags |= RES_OUTPUT_EXCEEDED; break; }
        if (p[2].revents) exited = 1;
        if (p[3].revents & (POLLHUP | POLLERR)) { stdin_hup = 1; break; }
    }
    if (realtime) wait_realtime(0);
    if (!exited) kill(prog, SIGKILL);
    int wst = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(prog, &wst, __WALL, &ru) < 0 && errno == EINTR) {}
    unsigned long long wall = now_ns() - start;
    /* killed at a limit: it ended when it was killed */
    unsigned long long end = ended_at ? ended_at : start + wall;
    if (held_out >= 0) close(held_out); /* the end is taken: the partner may read end of file now */
    /* whatever the program left running dies with it */
    kill_box();
    if (pidfd >= 0) close(pidfd);
    if (stdin_hup) exit(0);
    /* every writer is gone now; take what is still buffered in the pipes */
    if (!out_ex && !err_ex) {
        fcntl(op[0], F_SETFL, 0);
        fcntl(ep[0], F_SETFL, 0);
        while (!out_eof && !out_ex) drain(op[0], &out, run.output_cap, &out_eof, &out_ex);
        while (!err_eof && !err_ex) drain(ep[0], &errb, run.output_cap, &err_eof, &err_ex);
        if (out_ex || err_ex) flags |= RES_OUTPUT_EXCEEDED;
    }
    close(op[0]); close(ep[0]);
    int exec_errno = 0;
    if (read(xp[0], &exec_errno, sizeof exec_errno) == (ssize_t) sizeof exec_errno) flags |= RES_EXEC_FAILED;
    close(xp[0]);
    if (exec_errno < 0) {
        snprintf(err, sizeof err, "cannot open the pipes to the other command: %s", strerror(-exec_errno));
        goto fail;
    }

    int scan_budget = 100000;
    const char *scan_dirs[] = {work_dir, tmp_dir};
    for (int i = 0; i < 2 && !(flags & RES_FILE_LIMIT); i++) {
        int sfd = open(scan_dirs[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (sfd >= 0 && any_file_over(sfd, run.fsize, 0, &scan_budget)) flags |= RES_FILE_LIMIT;
    }

    uint32_t ncoll = 0;
    uint64_t budget = run.collect_cap;
    if (npat > 0) { ncoll = collect_files(boxfd, pats, npat, &budget, &flags, put_collected, &coll); boxfd = -1; }

    b_u32(&res, 0);
    b_u32(&res, flags);
    b_u32(&res, (uint32_t) wst);
    b_u32(&res, (uint32_t) exec_errno);
    b_u64(&res, wall);
    b_u64(&res, end);
    b_u64(&res, (uint64_t) ru.ru_utime.tv_sec * 1000000000ull + (uint64_t) ru.ru_utime.tv_usec * 1000ull
                + (uint64_t) ru.ru_stime.tv_sec * 1000000000ull + (uint64_t) ru.ru_stime.tv_usec * 1000ull);
    b_u64(&res, (uint64_t) ru.ru_maxrss * 1024ull);
    b_bytes(&res, out.p, out.len);
    b_bytes(&res, errb.p, errb.len);
    b_u32(&res, ncoll);
    b_put(&res, coll.p, coll.len);
    measured = 1;
    goto reply;

fail:
    res.len = 0;
    b_u32(&res, 1);
    b_str(&res, err);
reply:
    if (boxfd >= 0) close(boxfd);
    /* The next run starts from an empty work dir, /tmp and IPC namespace. This happens before the
     * reply: files the run wrote are charged to the slot's memory cgroup until they are gone, and the
     * JVM prepares the cgroup for the next run as soon as it has the reply. */
    if (reset_work(work_dir) < 0 || reset_work(tmp_dir) < 0) {
        fprintf(stderr, "judge-helper: cannot reset the work area: %s\n", strerror(errno));
        exit(4);
    }
    reset_ipc();
    if (measured) {
        /* read after the clean-up: nothing of the box runs, and the run's files no longer hold memory */
        buf_t after = {0};
        read_stats(&after);
        rd_t bs = {(unsigned char *) before.p, before.len, 0, 0}, as = {(unsigned char *) after.p, after.len, 0, 0};
        b_u32(&res, (uint32_t) n_stats);
        for (int i = 0; i < n_stats; i++) {
            uint32_t bn, an;
            const unsigned char *bp = r_bytes(&bs, &bn), *ap = r_bytes(&as, &an);
            b_bytes(&res, bp, bn);
            b_bytes(&res, ap, an);
        }
        b_u32(&res, failed_resets);
        free(after.p);
    }
    if (send_msg(&res) < 0) exit(0);
    if (run.stdin_fd >= 0) close(run.stdin_fd);
    if (run.argv) { for (uint32_t i = 0; i < argc && run.argv[i]; i++) free(run.argv[i]); free(run.argv); }
    if (run.envp) { for (char **a = run.envp; *a; a++) free(*a); free(run.envp); }
    free(run.pipe_read); free(run.pipe_write);
    if (pats) { for (uint32_t i = 0; i < npat; i++) free(pats[i]); free(pats); }
    free(res.p); free(out.p); free(errb.p); free(coll.p); free(before.p);
}

static volatile pid_t server_pid;

static void on_term(int sig) {
    (void) sig;
    if (server_pid > 0) kill(server_pid, SIGKILL);
    _exit(0);
}

static int write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int ok = write(fd, text, strlen(text)) == (ssize_t) strlen(text);
    close(fd);
    return ok ? 0 : -1;
}

static int map_self(uid_t uid, gid_t gid) {
    char line[64];
    snprintf(line, sizeof line, "0 %u 1\n", (unsigned) uid);
    if (write_file("/proc/self/uid_map", line) < 0) return -1;
    if (write_file("/proc/self/setgroups", "deny") < 0) return -1;
    snprintf(line, sizeof line, "0 %u 1\n", (unsigned) gid);
    return write_file("/proc/self/gid_map", line);
}

/*
 * --probe: tries, in a throw-away child, what a slot will need, and prints one line per protection
 * ("name ok" or "name missing <reason>"). Used by the doctor.
 */
static int probe(void) {
    pid_t c = fork();
    if (c < 0) die("fork");
    if (c == 0) {
        /* without root the namespaces are made inside a user namespace, as a rootless slot does; the probe
         * maps only its own ids (all an unprivileged process may write), which nested namespaces need */
        uid_t uid = geteuid();
        gid_t gid = getegid();
        if (uid != 0 && (unshare(CLONE_NEWUSER) < 0 || map_self(uid, gid) < 0))
            printf("namespaces missing user namespace without root: %s\n", strerror(errno));
        else if (unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWPID) < 0)
            printf("namespaces missing unshare: %s\n", strerror(errno));
        else
            printf("namespaces ok\n");
        pid_t u = fork();
        if (u == 0) _exit(unshare(CLONE_NEWUSER) == 0 ? 0 : errno);
        int ust = 0;
        waitpid(u, &ust, 0);
        if (WIFEXITED(ust) && WEXITSTATUS(ust) == 0) printf("user-namespace ok\n");
        else printf("user-namespace missing unshare(CLONE_NEWUSER): %s\n", strerror(WEXITSTATUS(ust)));
        struct sock_fprog fp = syscall_filters_prepare() == 0 ? syscall_filter(PROFILE_DEFAULT, 0)
                                                              : (struct sock_fprog) {0, NULL};
        if (!fp.filter || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fp, 0, 0) < 0)
            printf("seccomp missing %s\n", strerror(errno));
        else if (syscall(__NR_unshare, CLONE_NEWUTS) == 0 || errno != EPERM)
            printf("seccomp missing the filter did not deny unshare\n");
        else
            printf("seccomp ok\n");
        fflush(stdout);
        _exit(0);
    }
    int st;
    while (waitpid(c, &st, 0) < 0 && errno == EINTR) {}
    return WIFEXITED(st) ? 0 : 1;
}

/* The slot server: pid 1 of the slot's PID namespace, parent of every box process. */
static int serve(char *argv0, size_t argv_len) {
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    /* /proc/1/cmdline and comm are readable in the box: show nothing of the host's paths */
    memset(argv0, 0, argv_len);
    snprintf(argv0, argv_len, "box-init");
    prctl(PR_SET_NAME, "box-init", 0, 0, 0);
    if (!bare) enter_root();
    if (!bare && mount_work("/box") < 0) die("mount /box");
    if (!bare && mount_work("/tmp") < 0) die("mount /tmp");
    if (!bare) create_slot_userns();
    choose_spawn();

    buf_t ready = {0};
    b_u32(&ready, 0);
    b_u32(&ready, PROTO_VERSION);
    b_u32(&ready, (uint32_t) getppid());
    if (send_msg(&ready) < 0) return 0;
    free(ready.p);

    for (;;) {
        unsigned char hdr[4];
        if (read_full(0, hdr, 4) < 0) return 0;
        uint32_t len = ((uint32_t) hdr[0] << 24) | ((uint32_t) hdr[1] << 16) | ((uint32_t) hdr[2] << 8) | hdr[3];
        if (len > MAX_MSG) return 3;
        unsigned char *msg = malloc(len ? len : 1);
        if (!msg || read_full(0, msg, len) < 0) return 0;
        rd_t r = {msg, len, 0, 0};
        uint32_t type = r_u32(&r);
        if (type == 1) handle_run(&r);
        else return 3;
        free(msg);
    }
}

int main(int argc, char **argv) {
    if (argc == 2 && !strcmp(argv[1], "--probe")) return probe();
    if (argc == 2 && !strcmp(argv[1], "--check-filters")) return syscall_filters_check();
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) { fprintf(stderr, "judge-helper: missing value for %s\n", a); return 2; }
        if (!strcmp(a, "--root")) root_dir = argv[++i];
        else if (!strcmp(a, "--uid")) box_uid = atoi(argv[++i]);
        else if (!strcmp(a, "--gid")) box_gid = atoi(argv[++i]);
        else if (!strcmp(a, "--ro") && n_ro < MAX_RO) ro_paths[n_ro++] = argv[++i];
        else if (!strcmp(a, "--procs") && n_procs < MAX_PROCS) procs_paths[n_procs++] = argv[++i];
        else if (!strcmp(a, "--reset") && n_resets < MAX_STATS) reset_paths[n_resets++] = argv[++i];
        else if (!strcmp(a, "--stat") && n_stats < MAX_STATS) stat_paths[n_stats++] = argv[++i];
        else if (!strcmp(a, "--cpu-v1")) { cpu_path = argv[++i]; cpu_v2 = 0; }
        else if (!strcmp(a, "--cpu-v2")) { cpu_path = argv[++i]; cpu_v2 = 1; }
        else if (!strcmp(a, "--work-size")) work_size = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(a, "--work-inodes")) work_inodes = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(a, "--rootless")) { rootless = 1; i++; if (strcmp(v, "1")) { fprintf(stderr, "judge-helper: --rootless takes 1\n"); return 2; } }
        else if (!strcmp(a, "--newuidmap")) newuidmap_path = argv[++i];
        else if (!strcmp(a, "--newgidmap")) newgidmap_path = argv[++i];
        else if (!strcmp(a, "--outer-uid")) outer_uid = atoi(argv[++i]);
        else if (!strcmp(a, "--outer-gid")) outer_gid = atoi(argv[++i]);
        else if (!strcmp(a, "--host-uid")) host_uid = atoi(argv[++i]);
        else if (!strcmp(a, "--host-gid")) host_gid = atoi(argv[++i]);
        else if (!strcmp(a, "--pipes")) pipes_path = argv[++i];
        else if (!strcmp(a, "--slirp4netns")) slirp4netns_path = argv[++i];
        else if (!strcmp(a, "--nft")) nft_path = argv[++i];
        else { fprintf(stderr, "judge-helper: unknown option %s\n", a); return 2; }
    }
    if (!root_dir || box_uid <= 0 || box_gid <= 0) {
        fprintf(stderr, "judge-helper: --root, --uid and --gid are required\n");
        return 2;
    }
    if (!slirp4netns_path != !nft_path) {
        fprintf(stderr, "judge-helper: --slirp4netns and --nft go together\n");
        return 2;
    }
    if (slirp4netns_path && rootless) {
        fprintf(stderr, "judge-helper: a rootless helper has no box network\n");
        return 2;
    }
    if (rootless) {
        if (!newuidmap_path || !newgidmap_path || outer_uid < 0 || outer_gid < 0 || host_uid <= 0 || host_gid <= 0) {
            fprintf(stderr, "judge-helper: --rootless needs --newuidmap, --newgidmap, --outer-uid, --outer-gid, --host-uid and --host-gid\n");
            return 2;
        }
        if (host_uid == outer_uid || host_gid == outer_gid) {
            fprintf(stderr, "judge-helper: the box's host ids must differ from the judge's own\n");
            return 2;
        }
    } else if (geteuid() != 0) {
        errno = EPERM;
        die("the helper needs root (or --rootless)");
    }
    /* argv strings are copied by the parser above only as pointers: keep them, blank a copy's view later */
    root_dir = strdup(root_dir);
    for (int i = 0; i < n_ro; i++) ro_paths[i] = strdup(ro_paths[i]);
    for (int i = 0; i < n_procs; i++) procs_paths[i] = strdup(procs_paths[i]);
    for (int i = 0; i < n_resets; i++) reset_paths[i] = strdup(reset_paths[i]);
    for (int i = 0; i < n_stats; i++) stat_paths[i] = strdup(stat_paths[i]);
    if (cpu_path) cpu_path = strdup(cpu_path);
    if (newuidmap_path) newuidmap_path = strdup(newuidmap_path);
    if (newgidmap_path) newgidmap_path = strdup(newgidmap_path);
    if (slirp4netns_path) slirp4netns_path = strdup(slirp4netns_path);
    if (nft_path) nft_path = strdup(nft_path);
    size_t argv_len = (size_t) (argv[argc - 1] + strlen(argv[argc - 1]) + 1 - argv[0]);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, SIG_IGN);
    if (pipes_path) {
        pipes_dir_fd = open(pipes_path, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (pipes_dir_fd < 0) die(pipes_path);
    }
    if (bare) {
        snprintf(work_dir, sizeof work_dir, "%s/box", root_dir);
        snprintf(tmp_dir, sizeof tmp_dir, "%s/tmp", root_dir);
        if ((mkdir(work_dir, 0755) < 0 && errno != EEXIST) || (mkdir(tmp_dir, 01777) < 0 && errno != EEXIST))
            die("bare work dirs");
    } else {
        if (rootless) enter_userns();
        setup_slot();
    }

    /* the first child is pid 1 of the new PID namespace: it serves the runs; this process only waits,
     * so that the JVM's handle on the helper stays valid and a SIGKILL of either ends both */
    pid_t c = fork();
    if (c < 0) die("fork");
    if (c == 0) return serve(argv[0], argv_len);
    server_pid = c;
    signal(SIGTERM, on_term);
    close(0);
    close(1);
    int st;
    for (;;) {
        pid_t w = waitpid(c, &st, 0);
        if (w == c) break;
        if (w < 0 && errno != EINTR) return 2;
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : 3;
}
