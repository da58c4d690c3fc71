/* See box-isolation.h. */
#define _GNU_SOURCE
#include "box-isolation.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

int mount_fresh_work(const char *where, int box, unsigned long long size, unsigned long long inodes, int uid,
                     int gid) {
    /*
     * A new mount rather than an emptied one: whatever a run set on the directory itself (a default ACL
     * that would break the next run's mkdir, user.* extended attributes, timestamps carrying data) goes with
     * the old mount. The run's processes are dead, so the detached tmpfs is freed (and uncharged from the
     * box's memory cgroup) at once.
     */
    if (umount2(where, MNT_DETACH) < 0 && errno != EINVAL) return -1;
    char opts[160];
    if (box)
        snprintf(opts, sizeof opts, "size=%llu,nr_inodes=%llu,mode=0755,uid=%d,gid=%d", size, inodes, uid, gid);
    else
        snprintf(opts, sizeof opts, "size=%llu,nr_inodes=%llu,mode=1777", size, inodes);
    return mount(box ? "judge-box" : "judge-tmp", where, "tmpfs", MS_NOSUID | MS_NODEV, opts);
}

int mount_box_proc(const char *target) {
    /*
     * hidepid=invisible: /proc/<pid> of a process the reader may not ptrace does not even show up, so a run
     * sees neither the box's init (root) nor anything else of another uid. subset=pid is not used: it would
     * also hide /proc/cpuinfo, /proc/meminfo and /proc/stat, which runtimes read to size themselves (Node's
     * os.cpus() comes back empty without them); those files and /proc/sys stay, read-only to the box.
     */
    if (mount("proc", target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=invisible") == 0) return 0;
    if (errno != EINVAL) return -1;
    /* kernels before 5.8 spell it as a number */
    return mount("proc", target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2");
}

int enter_box_cgroup_namespace(void) {
    return unshare(CLONE_NEWCGROUP);
}

typedef struct {
    char **pats;
    uint32_t npat;
    uint64_t *bytes;
    uint32_t *flags;
    uint32_t entries;
    uint32_t count;
    iso_put_fn put;
    void *buf;
} walk_t;

static int matches(const walk_t *w, const char *rel) {
    for (uint32_t i = 0; i < w->npat; i++)
        if (fnmatch(w->pats[i], rel, FNM_PATHNAME) == 0) return 1;
    return 0;
}

static void collect_one(walk_t *w, int dirfd_, const char *name, const char *rel) {
    if (!matches(w, rel)) return;
    int fd = openat(dirfd_, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) { close(fd); return; }
    if ((uint64_t) st.st_size > *w->bytes) { *w->flags |= RES_COLLECT_TRUNCATED; close(fd); return; }
    unsigned char *data = malloc(st.st_size ? (size_t) st.st_size : 1);
    ssize_t got = data ? pread(fd, data, (size_t) st.st_size, 0) : -1;
    close(fd);
    if (got >= 0) {
        w->put(w->buf, rel, (st.st_mode & 0100) ? 1 : 0, data, (size_t) got);
        *w->bytes -= (uint64_t) got;
        w->count++;
    }
    free(data);
}

static void walk(walk_t *w, int dfd, const char *prefix, int depth) {
    DIR *d = fdopendir(dfd);
    if (!d) { close(dfd); return; }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (w->entries >= COLLECT_MAX_ENTRIES) { *w->flags |= RES_COLLECT_BUDGET; break; }
        w->entries++;
        char rel[4096];
        if ((size_t) snprintf(rel, sizeof rel, "%s%s", prefix, e->d_name) >= sizeof rel) continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) continue;
        if (S_ISDIR(st.st_mode)) {
            if (depth >= COLLECT_MAX_DEPTH) { *w->flags |= RES_COLLECT_BUDGET; continue; }
            int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub < 0) continue;
            char next[4096];
            if ((size_t) snprintf(next, sizeof next, "%s/", rel) >= sizeof next) { close(sub); continue; }
            walk(w, sub, next, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            collect_one(w, dirfd(d), e->d_name, rel); /* links, fifos, devices are never read */
        }
    }
    closedir(d);
}

uint32_t collect_files(int dfd, char **pats, uint32_t npat, uint64_t *bytes, uint32_t *flags, iso_put_fn put,
                       void *buf) {
    walk_t w = {pats, npat, bytes, flags, 0, 0, put, buf};
    walk(&w, dfd, "", 0);
    return w.count;
}
