package dev.judge.sandbox.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The host's processes as /proc shows them, for tests that look for what a box left behind. */
final class HostProcesses {
    private HostProcesses() {
    }

    /** Pids of the processes whose real uid lies in {@code [lowest, highest]}. */
    static List<Long> withUidBetween(long lowest, long highest) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    for (String line : Files.readAllLines(p.resolve("status"))) {
                        if (line.startsWith("Uid:")) {
                            long uid = Long.parseLong(line.split("\\s+")[1]);
                            if (uid >= lowest && uid <= highest) {
                                out.add(Long.parseLong(name));
                            }
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return out;
    }
}
