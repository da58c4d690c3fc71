package dev.judge.sandbox.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls the Java side needs. */
interface Libc extends Library {
    Libc INSTANCE = Native.load("c", Libc.class);

    int SIGKILL = 9;

    int geteuid();

    int getuid();

    int getgid();

    int kill(int pid, int signal);

    int mkfifo(String path, int mode);
}
