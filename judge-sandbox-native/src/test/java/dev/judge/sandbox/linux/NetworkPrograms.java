package dev.judge.sandbox.linux;

/** C sources of the programs the network tests run in a box. */
final class NetworkPrograms {
    /**
     * Works through its arguments: {@code socket FAMILY TYPE} prints {@code socket FAMILY ok|refused};
     * {@code connect IPV4 PORT} prints {@code connect IPV4:PORT connected <first line read>} or
     * {@code connect IPV4:PORT failed <errno name>}, giving up after three seconds.
     */
    static final String PROBE = """
            #define _GNU_SOURCE
            #include <arpa/inet.h>
            #include <errno.h>
            #include <fcntl.h>
            #include <netinet/in.h>
            #include <poll.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/socket.h>
            #include <unistd.h>
            static const char *connect_to(const char *ip, int port, char *line, size_t n) {
                int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
                if (s < 0) return strerrorname_np(errno);
                struct sockaddr_in a = {0};
                a.sin_family = AF_INET;
                a.sin_port = htons(port);
                inet_pton(AF_INET, ip, &a.sin_addr);
                if (connect(s, (struct sockaddr *) &a, sizeof a) < 0 && errno != EINPROGRESS) return strerrorname_np(errno);
                struct pollfd p = {s, POLLOUT, 0};
                if (poll(&p, 1, 3000) != 1) return "ETIMEDOUT";
                int err = 0;
                socklen_t len = sizeof err;
                getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len);
                if (err) return strerrorname_np(err);
                fcntl(s, F_SETFL, 0);
                struct pollfd r = {s, POLLIN, 0};
                ssize_t got = poll(&r, 1, 3000) == 1 ? read(s, line, n - 1) : -1;
                line[got > 0 ? got : 0] = 0;
                line[strcspn(line, "\\n")] = 0;
                close(s);
                return NULL;
            }
            int main(int argc, char **argv) {
                for (int i = 1; i + 2 < argc; i += 3) {
                    if (!strcmp(argv[i], "socket")) {
                        int s = socket(atoi(argv[i + 1]), atoi(argv[i + 2]), 0);
                        printf("socket %s %s\\n", argv[i + 1], s >= 0 ? "ok" : "refused");
                        if (s >= 0) close(s);
                    } else {
                        char line[128];
                        const char *err = connect_to(argv[i + 1], atoi(argv[i + 2]), line, sizeof line);
                        printf("connect %s:%s %s %s\\n", argv[i + 1], argv[i + 2], err ? "failed" : "connected",
                               err ? err : line);
                    }
                    fflush(stdout);
                }
                return 0;
            }
            """;

    /** Listens on the address and port of its arguments, answers the first connection with a line, exits. */
    static final String ONE_SHOT_SERVER = """
            #include <arpa/inet.h>
            #include <netinet/in.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/socket.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
                (void) argc;
                int s = socket(AF_INET, SOCK_STREAM, 0);
                int one = 1;
                setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
                struct sockaddr_in a = {0};
                a.sin_family = AF_INET;
                a.sin_port = htons(atoi(argv[2]));
                inet_pton(AF_INET, argv[1], &a.sin_addr);
                if (bind(s, (struct sockaddr *) &a, sizeof a) < 0 || listen(s, 4) < 0) { perror("listen"); return 1; }
                puts("listening");
                fflush(stdout);
                int c = accept(s, NULL, NULL);
                const char *hello = "hello from outside\\n";
                if (c >= 0) (void) !write(c, hello, strlen(hello));
                close(c);
                return 0;
            }
            """;

    private NetworkPrograms() {
    }
}
