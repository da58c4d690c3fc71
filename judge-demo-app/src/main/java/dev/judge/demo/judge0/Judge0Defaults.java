package dev.judge.demo.judge0;

/** The limits of Judge0 submissions here: defaults and maxima, in Judge0's units (seconds, kilobytes). */
final class Judge0Defaults {
    static final double CPU_TIME_LIMIT = 5;
    static final double MAX_CPU_TIME_LIMIT = 15;
    static final double CPU_EXTRA_TIME = 1;
    static final double MAX_CPU_EXTRA_TIME = 5;
    static final double WALL_TIME_LIMIT = 10;
    static final double MAX_WALL_TIME_LIMIT = 20;
    static final long MEMORY_LIMIT = 128_000;
    static final long MAX_MEMORY_LIMIT = 512_000;
    static final long STACK_LIMIT = 64_000;
    static final long MAX_STACK_LIMIT = 128_000;
    static final int MAX_PROCESSES = 60;
    static final int MAX_MAX_PROCESSES = 120;
    static final long MAX_FILE_SIZE = 1024;
    static final long MAX_MAX_FILE_SIZE = 4096;
    static final int NUMBER_OF_RUNS = 1;
    static final int MAX_NUMBER_OF_RUNS = 20;

    private Judge0Defaults() {
    }
}
