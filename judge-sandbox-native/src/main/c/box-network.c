/*
 * The box network of a slot: a network namespace of its own (never the host's), its outbound traffic
 * carried by slirp4netns, a user-mode TCP/IP stack that opens ordinary sockets in the host's namespace
 * on the box's behalf. Inside, nftables rejects whatever is addressed to the host or to a private range
 * before slirp4netns sees it:
 *
 *   - slirp4netns runs with --disable-host-loopback, so its gateway (10.0.2.2) is not the host's
 *     127.0.0.1;
 *   - the output chain rejects IPv4 packets to 0/8, 10/8, 100.64/10, 127/8 (other than the box's own
 *     loopback device), 169.254/16, 172.16/12, 192.168/16, multicast and reserved space, and to every
 *     subnet the host has an address in (its public ones too: slirp4netns would otherwise reach the
 *     host's services listening on them); such a packet is rejected, so the sending call fails at once;
 *   - the one exception is slirp4netns's DNS forwarder, 10.0.2.3 port 53;
 *   - IPv6 leaves only through the loopback device (slirp4netns runs without IPv6).
 *
 * The namespace and slirp4netns live as long as the helper: the helper holds the write end of
 * slirp4netns's exit pipe (close-on-exec, so no program inherits it), and slirp4netns ends when every
 * copy of it is closed. The namespace belongs to the host's user namespace, so a program (root only in
 * the slot's own user namespace) cannot change its rules or routes. slirp4netns itself runs with its
 * own sandbox (a private mount namespace, capabilities dropped) and its seccomp filter.
 */
#define _GNU_SOURCE
#include "box-network.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* slirp4netns's default addresses (--cidr 10.0.2.0/24): the box is .100, the DNS forwarder .3 */
#define SLIRP_DNS "10.0.2.3"
/* answered at once (a connect fails with EHOSTUNREACH) rather than dropped, which would leave it hanging */
#define REJECT "reject with icmpx type admin-prohibited"

static const char *const denied_v4[] = {
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
};

static int fail(char *why, int why_len, const char *fmt, ...) {
    int e = errno;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, (size_t) why_len, fmt, ap);
    va_end(ap);
    errno = e;
    return -1;
}

typedef struct {
    char *p;
    size_t len, cap;
} text_t;

static int add(text_t *t, const char *fmt, ...) {
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(t->p ? t->p + t->len : NULL, t->p ? t->cap - t->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0) return -1;
        if (t->p && t->len + (size_t) n < t->cap) { t->len += (size_t) n; return 0; }
        size_t cap = (t->cap + (size_t) n + 1) * 2;
        char *p = realloc(t->p, cap);
        if (!p) return -1;
        t->p = p;
        t->cap = cap;
    }
}

/* The nftables rules of the box's namespace; the host's own subnets are read here, in its namespace. */
static char *ruleset(void) {
    text_t t = {0};
    add(&t, "table inet judge_box {\n chain output {\n  type filter hook output priority 0; policy accept;\n"
            "  oifname \"lo\" accept\n"
            "  ip daddr " SLIRP_DNS " udp dport 53 accept\n"
            "  ip daddr " SLIRP_DNS " tcp dport 53 accept\n"
            "  meta nfproto ipv6 " REJECT "\n");
    for (size_t i = 0; i < sizeof denied_v4 / sizeof denied_v4[0]; i++) add(&t, "  ip daddr %s " REJECT "\n", denied_v4[i]);
    struct ifaddrs *ifs;
    if (getifaddrs(&ifs) == 0) {
        for (struct ifaddrs *i = ifs; i; i = i->ifa_next) {
            if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || !i->ifa_netmask) continue;
            uint32_t a = ntohl(((struct sockaddr_in *) i->ifa_addr)->sin_addr.s_addr);
            uint32_t m = ntohl(((struct sockaddr_in *) i->ifa_netmask)->sin_addr.s_addr);
            int bits = __builtin_popcount(m);
            struct in_addr net = {htonl(a & m)};
            char s[INET_ADDRSTRLEN];
            inet_ntop(AF_INET, &net, s, sizeof s);
            add(&t, "  ip daddr %s/%d " REJECT "\n", s, bits);
        }
        freeifaddrs(ifs);
    }
    if (add(&t, " }\n}\n") < 0) { free(t.p); return NULL; }
    return t.p;
}

/* Runs nft -f /dev/stdin inside the namespace with the rules on its stdin. */
static int load_rules(const char *nft, int ns_fd, const char *rules, char *why, int why_len) {
    int in[2];
    if (pipe2(in, O_CLOEXEC) < 0) return fail(why, why_len, "pipe");
    pid_t c = fork();
    if (c < 0) return fail(why, why_len, "fork");
    if (c == 0) {
        if (setns(ns_fd, CLONE_NEWNET) < 0 || dup2(in[0], 0) < 0) _exit(126);
        execl(nft, nft, "-f", "/dev/stdin", (char *) NULL);
        _exit(127);
    }
    close(in[0]);
    size_t n = strlen(rules);
    int ok = write(in[1], rules, n) == (ssize_t) n;
    close(in[1]);
    int st;
    while (waitpid(c, &st, 0) < 0) if (errno != EINTR) return fail(why, why_len, "waitpid");
    if (!ok || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        errno = EINVAL;
        return fail(why, why_len, "%s could not load the box's rules (status %d)", nft, st);
    }
    return 0;
}

/* Starts slirp4netns on the namespace and waits until it has configured the box's interface. */
static int start_slirp(const char *slirp, int ns_fd, char *why, int why_len) {
    int ready[2], exit_pipe[2];
    if (pipe2(ready, O_CLOEXEC) < 0 || pipe2(exit_pipe, O_CLOEXEC) < 0) return fail(why, why_len, "pipe");
    pid_t c = fork();
    if (c < 0) return fail(why, why_len, "fork");
    if (c == 0) {
        /* descriptors 3, 4 and 5, open across exec: the namespace, the exit pipe, the ready pipe (moved out
         * of the way first, so that no dup2 overwrites a source still to be moved) */
        int ns = fcntl(ns_fd, F_DUPFD, 64), ex = fcntl(exit_pipe[0], F_DUPFD, 64), rd = fcntl(ready[1], F_DUPFD, 64);
        if (ns < 0 || ex < 0 || rd < 0 || dup2(ns, 3) < 0 || dup2(ex, 4) < 0 || dup2(rd, 5) < 0) _exit(126);
        int devnull = open("/dev/null", O_RDWR);
        if (devnull >= 0) { dup2(devnull, 0); dup2(devnull, 1); }
        prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        execl(slirp, slirp, "--configure", "--mtu=65520", "--disable-host-loopback", "--enable-sandbox",
              "--enable-seccomp", "--exit-fd=4", "--ready-fd=5", "--netns-type=path", "/proc/self/fd/3", "tap0",
              (char *) NULL);
        _exit(127);
    }
    close(ready[1]);
    close(exit_pipe[0]);
    char b = 0;
    ssize_t r;
    while ((r = read(ready[0], &b, 1)) < 0 && errno == EINTR) {}
    close(ready[0]);
    if (r != 1 || b != '1') {
        kill(c, SIGKILL);
        waitpid(c, NULL, 0);
        errno = EIO;
        return fail(why, why_len, "%s did not configure the box's network", slirp);
    }
    /* exit_pipe[1] stays open for the helper's life: closing it (by exiting) ends slirp4netns */
    return 0;
}

int box_network_start(const char *slirp4netns, const char *nft, char *why, int why_len) {
    int host = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (host < 0) return fail(why, why_len, "/proc/self/ns/net");
    if (unshare(CLONE_NEWNET) < 0) { close(host); return fail(why, why_len, "unshare(CLONE_NEWNET)"); }
    int box = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    int back = setns(host, CLONE_NEWNET);
    close(host);
    if (back < 0) return fail(why, why_len, "setns back to the host's network namespace");
    if (box < 0) return fail(why, why_len, "/proc/self/ns/net of the box");
    char *rules = ruleset();
    if (!rules) { errno = ENOMEM; return fail(why, why_len, "nftables rules"); }
    int loaded = load_rules(nft, box, rules, why, why_len);
    free(rules);
    if (loaded < 0 || start_slirp(slirp4netns, box, why, why_len) < 0) {
        close(box);
        return -1;
    }
    return box;
}
