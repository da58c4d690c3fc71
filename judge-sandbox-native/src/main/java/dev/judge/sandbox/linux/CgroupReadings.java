package dev.judge.sandbox.linux;

import java.util.List;

/**
 * The contents of a box's stat files as the helper read them right before a run and after it, and which
 * reset writes failed (bit i for the i-th reset file).
 */
record CgroupReadings(List<String> before, List<String> after, int failedResets) {
    CgroupReadings {
        before = List.copyOf(before);
        after = List.copyOf(after);
        if (before.size() != after.size()) {
            throw new IllegalArgumentException("readings before and after differ in count");
        }
    }

    boolean resetFailed(int index) {
        return (failedResets & (1 << index)) != 0;
    }

    /** A file's content as a plain number ("max" is the largest). */
    static long number(String content) {
        String s = content.trim();
        if (s.isEmpty()) {
            throw new IllegalStateException("a cgroup file read back empty");
        }
        return s.equals("max") ? Long.MAX_VALUE : Long.parseLong(s);
    }

    /** The value of {@code key} in a flat keyed file's content ({@code key value} per line); 0 when absent. */
    static long keyed(String content, String key) {
        for (String line : content.split("\n")) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2 && kv[0].equals(key)) {
                return Long.parseLong(kv[1]);
            }
        }
        return 0;
    }
}
