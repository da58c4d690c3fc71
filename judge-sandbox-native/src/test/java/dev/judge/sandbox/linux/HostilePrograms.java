package dev.judge.sandbox.linux;

/** C sources of hostile programs that the security tests of both modes (root and rootless) run. */
final class HostilePrograms {
    /** Forks for ever. */
    static final String FORK_BOMB = """
            #include <unistd.h>
            int main(void) { for (;;) fork(); }
            """;

    /** Sends SIGKILL to every process it may signal ({@code kill(-1)}) and prints the result. */
    static final String KILL_EVERY_PROCESS = """
            #include <signal.h>
            #include <stdio.h>
            int main(void) { int rc = kill(-1, SIGKILL); printf("kill=%d\\n", rc); return 0; }
            """;

    /** Tries mount, unshare, setuid(0), chroot and sethostname; prints each result and its uid. */
    static final String PRIVILEGED_CALLS = """
            #define _GNU_SOURCE
            #include <sched.h>
            #include <stdio.h>
            #include <sys/mount.h>
            #include <unistd.h>
            int main(void) {
                int m = mount("none", "/tmp", "tmpfs", 0, "");
                int u = unshare(CLONE_NEWUSER | CLONE_NEWNS);
                int s = setuid(0);
                int c = chroot("/tmp");
                int h = sethostname("x", 1);
                printf("%d %d %d %d %d uid=%d\\n", m, u, s, c, h, (int) getuid());
                return 0;
            }
            """;

    /** Connects to 127.0.0.1 on the port given as its argument; prints connected, refused or no-socket. */
    static final String LOOPBACK_CLIENT = """
            #include <arpa/inet.h>
            #include <netinet/in.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <sys/socket.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
                (void) argc;
                int s = socket(AF_INET, SOCK_STREAM, 0);
                if (s < 0) { puts("no-socket"); return 0; }
                struct sockaddr_in a = {0};
                a.sin_family = AF_INET;
                a.sin_port = htons(atoi(argv[1]));
                a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
                puts(connect(s, (struct sockaddr *) &a, sizeof a) == 0 ? "connected" : "refused");
                return 0;
            }
            """;

    /** Allocates and touches memory a MiB at a time until refused (exit 3). */
    static final String MEMORY_BOMB = """
            #include <stdlib.h>
            #include <string.h>
            int main(void) { for (;;) { char *p = malloc(1 << 20); if (!p) return 3; memset(p, 1, 1 << 20); } }
            """;

    private HostilePrograms() {
    }
}
