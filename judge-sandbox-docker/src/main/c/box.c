/*
 * Keeps the runner out of the runs' reach.
 *
 * The container starts as root with only CAP_SETUID, CAP_SETGID, CAP_KILL and CAP_SETPCAP. The runner
 * moves at once to its own user (never a box user), keeping those four capabilities: then no run can
 * prlimit, renice, pin, signal or trace it, since all of that needs the same user or a capability. Its
 * file system user is the box user, so the files it writes into the work dir belong to the run and the
 * files a run leaves are its to remove. A run's first process sets every resource limit, its priority
 * and its CPU affinity from the values recorded at the runner's start (never from what it inherited),
 * drops the bounding set, becomes the box user and clears its capabilities before exec.
 */
#define _GNU_SOURCE
#include "box.h"

#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#define RUNNER_CAPS ((1u << CAP_SETUID) | (1u << CAP_SETGID) | (1u << CAP_KILL) | (1u << CAP_SETPCAP))

/* A new resource limit in the kernel headers must get a value in enter_limits() before this builds. */
_Static_assert(RLIM_NLIMITS == 16, "every resource limit needs a per-run value in box.c");

static uid_t runner_uid, box_uid;
static struct rlimit base_limits[RLIM_NLIMITS];
static int base_nice;
static cpu_set_t base_cpus;

static void fail(const char *what) {
    dprintf(2, "runner: %s: %s\n", what, strerror(errno));
    exit(70);
}

static uid_t parse_uid(const char *s) {
    char *end;
    errno = 0;
    unsigned long v = s ? strtoul(s, &end, 10) : 0;
    if (!s || errno || *end || v < 1 || v >= 0xFFFFFFFFul) {
        errno = EINVAL;
        fail("the runner needs its user id and the box user id as arguments");
    }
    return (uid_t) v;
}

static int set_caps(uint32_t caps) {
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    data[0].effective = data[0].permitted = caps;
    return (int) syscall(SYS_capset, &header, data);
}

static void point_files_at_box(void) {
    setfsgid(box_uid);
    setfsuid(box_uid);
}

void box_init(const char *runner_arg, const char *box_arg) {
    runner_uid = parse_uid(runner_arg);
    box_uid = parse_uid(box_arg);
    if (runner_uid == box_uid) {
        errno = EINVAL;
        fail("the runner's user must not be the box user");
    }
    if (getuid() != 0) {
        errno = EPERM;
        fail("the runner must start as root (with CAP_SETUID, CAP_SETGID, CAP_KILL, CAP_SETPCAP only)");
    }
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0) fail("PR_SET_KEEPCAPS");
    if (setgroups(0, NULL) != 0) fail("setgroups");
    if (setresgid(runner_uid, runner_uid, runner_uid) != 0) fail("setresgid");
    if (setresuid(runner_uid, runner_uid, runner_uid) != 0) fail("setresuid");
    if (set_caps(RUNNER_CAPS) != 0) fail("keeping CAP_SETUID, CAP_SETGID, CAP_KILL and CAP_SETPCAP");
    prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
    /* Only the four stay in the bounding set (Docker leaves just them anyway); each run drops those four. Up
     * to 63, not CAP_LAST_CAP: a kernel newer than these headers may know more. */
    for (int cap = 0; cap < 64; cap++) {
        if (!(RUNNER_CAPS & (1ull << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) {
            fail("PR_CAPBSET_DROP");
        }
    }
    /* Nothing may pass to the runs by exec; EINVAL on kernels without ambient capabilities is fine. */
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    point_files_at_box();
    if ((uid_t) setfsuid((uid_t) -1) != box_uid) {
        errno = EPERM;
        fail("setfsuid");
    }
    for (int r = 0; r < RLIM_NLIMITS; r++) {
        if (getrlimit(r, &base_limits[r]) != 0) fail("getrlimit");
    }
    errno = 0;
    base_nice = getpriority(PRIO_PROCESS, 0);
    if (errno) fail("getpriority");
    if (sched_getaffinity(0, sizeof base_cpus, &base_cpus) != 0) fail("sched_getaffinity");
}

/* The per-run value: at most the container's ceiling as recorded at the runner's start. */
static int set_exact(int resource, rlim_t soft, rlim_t hard) {
    rlim_t ceiling = base_limits[resource].rlim_max;
    if (ceiling != RLIM_INFINITY && (hard == RLIM_INFINITY || hard > ceiling)) hard = ceiling;
    if (soft == RLIM_INFINITY || soft > hard) soft = hard;
    struct rlimit r = {soft, hard};
    return setrlimit(resource, &r);
}

static int enter_limits(const struct run_limits *l) {
    rlim_t inf = RLIM_INFINITY;
    /* Memory is the container's memory cgroup's to limit, so the address space and data are not. */
    return set_exact(RLIMIT_CPU, l->cpu_seconds, l->cpu_seconds + 1)
            || set_exact(RLIMIT_FSIZE, l->file_size, l->file_size)
            || set_exact(RLIMIT_DATA, inf, inf)
            || set_exact(RLIMIT_STACK, l->stack, l->stack)
            || set_exact(RLIMIT_CORE, 0, 0)
            || set_exact(RLIMIT_RSS, inf, inf)
            /* Counted per user; the box user is this container's alone. */
            || set_exact(RLIMIT_NPROC, l->processes, l->processes)
            || set_exact(RLIMIT_NOFILE, l->open_files, l->open_files)
            || set_exact(RLIMIT_MEMLOCK, 8u << 20, 8u << 20)
            || set_exact(RLIMIT_AS, inf, inf)
            || set_exact(RLIMIT_LOCKS, inf, inf)
            || set_exact(RLIMIT_SIGPENDING, base_limits[RLIMIT_SIGPENDING].rlim_max,
                    base_limits[RLIMIT_SIGPENDING].rlim_max)
            /* The kernel's default: bytes of POSIX message queues per user. */
            || set_exact(RLIMIT_MSGQUEUE, 819200, 819200)
            || set_exact(RLIMIT_NICE, 0, 0)
            || set_exact(RLIMIT_RTPRIO, 0, 0)
            || set_exact(RLIMIT_RTTIME, inf, inf) ? -1 : 0;
}

int box_enter(const struct run_limits *limits) {
    if (enter_limits(limits) != 0) return -1;
    if (setpriority(PRIO_PROCESS, 0, base_nice) != 0) return -1;
    if (sched_setaffinity(0, sizeof base_cpus, &base_cpus) != 0) return -1;
    for (int cap = 0; cap < 32; cap++) {
        if ((RUNNER_CAPS & (1u << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) return -1;
    }
    if (setresgid(box_uid, box_uid, box_uid) != 0) return -1;
    if (setresuid(box_uid, box_uid, box_uid) != 0) return -1;
    /* From one unprivileged user to another the capabilities stay: clear them. */
    return set_caps(0);
}

const char *box_runner_changed(void) {
    static char what[64];
    for (int r = 0; r < RLIM_NLIMITS; r++) {
        struct rlimit now;
        if (getrlimit(r, &now) != 0 || now.rlim_cur != base_limits[r].rlim_cur
                || now.rlim_max != base_limits[r].rlim_max) {
            static const char *const names[RLIM_NLIMITS] = {"CPU", "FSIZE", "DATA", "STACK", "CORE", "RSS", "NPROC",
                    "NOFILE", "MEMLOCK", "AS", "LOCKS", "SIGPENDING", "MSGQUEUE", "NICE", "RTPRIO", "RTTIME"};
            snprintf(what, sizeof what, "RLIMIT_%s", names[r]);
            return what;
        }
    }
    errno = 0;
    int nice = getpriority(PRIO_PROCESS, 0);
    if (errno || nice != base_nice) return "priority";
    cpu_set_t cpus;
    if (sched_getaffinity(0, sizeof cpus, &cpus) != 0 || !CPU_EQUAL(&cpus, &base_cpus)) return "CPU affinity";
    uid_t ru, eu, su;
    if (getresuid(&ru, &eu, &su) != 0 || ru != runner_uid || eu != runner_uid || su != runner_uid) return "user";
    if ((uid_t) setfsuid((uid_t) -1) != box_uid) return "file system user";
    return "";
}

/* The ids (second column) listed in a /proc/sysvipc file; returns how many were found, -1 if unreadable. */
static int sysv_ids(const char *path, int *ids, int max) {
    FILE *f = fopen(path, "re");
    if (!f) return -1;
    char line[512];
    int n = 0;
    if (fgets(line, sizeof line, f)) {
        while (n < max && fgets(line, sizeof line, f)) {
            long key;
            int id;
            if (sscanf(line, "%ld %d", &key, &id) == 2) ids[n++] = id;
        }
    }
    fclose(f);
    return n;
}

int box_remove_sysv_ipc(void) {
    static int shm[1024], sem[1024], msg[1024];
    int nshm = sysv_ids("/proc/sysvipc/shm", shm, 1024);
    int nsem = sysv_ids("/proc/sysvipc/sem", sem, 1024);
    int nmsg = sysv_ids("/proc/sysvipc/msg", msg, 1024);
    if (nshm < 0 || nsem < 0 || nmsg < 0) return 1; /* unreadable: box_leftovers says so */
    if (nshm + nsem + nmsg == 0) return 0;
    /* Only the creator (or CAP_SYS_ADMIN) may remove an object: act as the box user, whose runs are all
     * gone by now, then come back. Neither switch touches the capabilities (both users are unprivileged). */
    if (setresuid((uid_t) -1, box_uid, (uid_t) -1) != 0) return 1;
    for (int i = 0; i < nshm; i++) shmctl(shm[i], IPC_RMID, NULL);
    for (int i = 0; i < nsem; i++) semctl(sem[i], 0, IPC_RMID);
    for (int i = 0; i < nmsg; i++) msgctl(msg[i], IPC_RMID, NULL);
    if (setresuid((uid_t) -1, runner_uid, (uid_t) -1) != 0) fail("setresuid back to the runner's user");
    point_files_at_box();
    return 1;
}

const char *box_leftovers(int check_ipc, const char *const *dirs) {
    static char what[128];
    static const char *const ipc[] = {"/proc/sysvipc/shm", "/proc/sysvipc/sem", "/proc/sysvipc/msg"};
    int ids[1];
    for (int i = 0; check_ipc && i < 3; i++) {
        if (sysv_ids(ipc[i], ids, 1) != 0) {
            snprintf(what, sizeof what, "System V IPC objects (%s)", ipc[i]);
            return what;
        }
    }
    for (const char *const *d = dirs; *d; d++) {
        DIR *dir = opendir(*d);
        if (!dir) continue;
        struct dirent *e;
        int found = 0;
        while (!found && (e = readdir(dir)) != NULL) {
            found = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
        }
        closedir(dir);
        if (found) {
            snprintf(what, sizeof what, "files in %s", *d);
            return what;
        }
    }
    return "";
}
