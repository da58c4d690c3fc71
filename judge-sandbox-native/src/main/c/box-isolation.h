/*
 * What keeps one run of a box from reaching the next run or the host beyond the namespaces judge-helper.c
 * builds: a fresh work dir and /tmp per run (capped in bytes and inodes), a /proc that shows a run nothing
 * but its own processes, a cgroup namespace rooted at the box's cgroup, and a bounded walk when the output
 * files are collected.
 */
#ifndef JUDGE_BOX_ISOLATION_H
#define JUDGE_BOX_ISOLATION_H

#include <stdint.h>
#include <stddef.h>

/* collection result flags, shared with the run result (see judge-helper.c) */
#define RES_COLLECT_TRUNCATED 32u
#define RES_COLLECT_BUDGET 128u

/* Entries (files, directories, anything) the collection of one run may look at, and how deep. */
#define COLLECT_MAX_ENTRIES 10000u
#define COLLECT_MAX_DEPTH 16

/* Mounts a fresh tmpfs at where, replacing (lazily detaching) whatever was mounted there. The work dir
 * (box != 0) is owned by uid/gid with mode 0755, /tmp by root with mode 1777; both are capped at size bytes
 * and inodes inodes. Returns -1 with errno when the new mount fails. */
int mount_fresh_work(const char *where, int box, unsigned long long size, unsigned long long inodes, int uid,
                     int gid);

/* Mounts the box's /proc at target: processes the reader may not ptrace (the box's init, every process of
 * another uid) are invisible. Returns -1 with errno on failure. */
int mount_box_proc(const char *target);

/* Puts the calling process (already in the box's cgroups) into a new cgroup namespace rooted there, so
 * /proc/self/cgroup shows "/" instead of the judge's cgroup path. Returns -1 with errno on failure. */
int enter_box_cgroup_namespace(void);

typedef void (*iso_put_fn)(void *buf, const char *path, int executable, const unsigned char *data, size_t len);

/*
 * Collects the regular files under dfd (closed here) whose path matches one of the patterns, never following
 * links, at most COLLECT_MAX_DEPTH directories deep and COLLECT_MAX_ENTRIES entries looked at, and at most
 * *bytes bytes in all (decremented). Each file goes to put(buf, ...). Sets RES_COLLECT_TRUNCATED in *flags
 * when a file did not fit the bytes, RES_COLLECT_BUDGET when the walk stopped at the entry or depth budget.
 * Returns how many files were collected.
 */
uint32_t collect_files(int dfd, char **pats, uint32_t npat, uint64_t *bytes, uint32_t *flags, iso_put_fn put,
                       void *buf);

#endif
