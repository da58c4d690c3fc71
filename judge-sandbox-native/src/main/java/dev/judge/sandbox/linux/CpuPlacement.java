package dev.judge.sandbox.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which CPU each box runs on. Box {@code i} gets the {@code (i mod n)}-th of the sandbox's {@code n} CPUs: with
 * no more boxes than CPUs every box has a CPU of its own, so what one run does (threads, children, a fork
 * bomb) cannot take CPU time from another box's run; with more boxes than CPUs, boxes share CPUs round-robin
 * and those sharing one disturb each other's timing again (CPU time stays the run's own, wall time does not).
 * The CPUs are the builder's list, by default every CPU the judge's process may use.
 */
final class CpuPlacement {
    private final List<Integer> cpus;

    /** {@code cpus}: distinct CPU numbers, at least one. */
    CpuPlacement(List<Integer> cpus) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("at least one CPU is needed");
        }
        if (new TreeSet<>(cpus).size() != cpus.size()) {
            throw new IllegalArgumentException("CPUs must be distinct, got " + cpus);
        }
        for (int c : cpus) {
            if (c < 0 || c > 8191) {
                throw new IllegalArgumentException("CPU numbers are between 0 and 8191, got " + c);
            }
        }
        this.cpus = List.copyOf(cpus);
    }

    /** The CPUs the process may run on now, from {@code /proc/self/status}. */
    static CpuPlacement ofThisProcess() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return new CpuPlacement(parseList(line.substring(line.indexOf(':') + 1)));
                }
            }
            throw new IllegalStateException("/proc/self/status has no Cpus_allowed_list");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status: " + e.getMessage(), e);
        }
    }

    /** The CPUs in the sandbox's order. */
    List<Integer> cpus() {
        return cpus;
    }

    /** The CPU of box {@code box}. */
    int cpuOf(int box) {
        return cpus.get(box % cpus.size());
    }

    /** Whether some CPU holds more than one of {@code boxes} boxes. */
    boolean shared(int boxes) {
        return boxes > cpus.size();
    }

    /** Whether every CPU of this placement is also one of {@code allowed}. */
    boolean within(CpuPlacement allowed) {
        return allowed.cpus.containsAll(cpus);
    }

    /** Parses the kernel's CPU list format ({@code 0-3,8,10-11}). */
    static List<Integer> parseList(String list) {
        List<Integer> out = new ArrayList<>();
        String s = list.trim();
        if (s.isEmpty()) {
            return out;
        }
        for (String part : s.split(",")) {
            int dash = part.indexOf('-');
            try {
                int from = Integer.parseInt(part.substring(0, dash < 0 ? part.length() : dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1).trim());
                if (to < from) {
                    throw new IllegalArgumentException("not a CPU list: '" + list + "'");
                }
                for (int c = from; c <= to; c++) {
                    out.add(c);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CPU list: '" + list + "'", e);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return cpus.toString();
    }
}
