/*
 * The two users of a warm container and what lies between them (box.c): the runner's own user, which
 * no run can reach, and the box user every run runs as.
 */
#ifndef JUDGE_BOX_H
#define JUDGE_BOX_H

#include <stdint.h>

/* The limits a request sets; every other resource limit of a run has a fixed value (see box.c). */
struct run_limits {
    uint64_t cpu_seconds;
    uint64_t file_size;
    uint64_t stack;
    uint32_t processes;
    uint32_t open_files;
};

/*
 * Called first, as root with the container's few capabilities: moves the runner to its own user and
 * group (keeping only the capabilities it needs), points its file access at the box user, and records
 * its limits, priority and CPU affinity as they are at start. Exits with a message on failure.
 */
void box_init(const char *runner_uid, const char *box_uid);

/*
 * In the run's first process before exec: every resource limit, the priority and the CPU affinity set
 * explicitly, then the box user with no capabilities at all. 0, or -1 with errno set.
 */
int box_enter(const struct run_limits *limits);

/* "" while the runner's limits, priority, affinity and ids are those of its start; else what differs. */
const char *box_runner_changed(void);

/*
 * Removes the System V shared memory segments, semaphore sets and message queues of the container's
 * IPC namespace (a run created them as the box user; only their creator may remove them). Returns 0
 * when there were none, 1 when it removed some (or could not read the lists).
 */
int box_remove_sysv_ipc(void);

/*
 * "" when no file is left in `dirs` (NULL-ended) and, with `check_ipc`, no System V IPC object either;
 * else what is left.
 */
const char *box_leftovers(int check_ipc, const char *const *dirs);

#endif
