/* The seccomp programs of the boxes: one allowlist per profile and network setting. */
#ifndef JUDGE_SYSCALL_FILTER_H
#define JUDGE_SYSCALL_FILTER_H

#include <linux/filter.h>

/* profiles, as numbered in the run request */
#define PROFILE_DEFAULT 0
#define PROFILE_JVM 1
#define PROFILE_NODE 2
#define N_PROFILES 3

/* Compiles every program once; afterwards syscall_filter hands them out. Returns -1 (errno set) on failure. */
int syscall_filters_prepare(void);

/* The compiled program of a profile (an unknown one is the default) with or without network. */
struct sock_fprog syscall_filter(int profile, int network);

/*
 * The program for a box whose profile is not known (the Docker sandbox's runner): the union of every
 * profile's list, INET and INET6 sockets allowed. Built on first use; length 0 if it could not be.
 */
struct sock_fprog syscall_filter_any_profile(void);

/*
 * Runs every compiled program over every syscall number (and the argument cases the programs inspect) and
 * compares each answer with the plain tables; prints "ok" or the first mismatch. Returns 0 when all agree.
 */
int syscall_filters_check(void);

#endif
