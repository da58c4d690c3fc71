package dev.judge.sandbox.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one started sandbox owns on the host, under a name its JVM's death makes reapable: a private
 * directory holding the extracted helper and the boxes' mount points, and (when the host has them) the
 * boxes' cgroups. {@link #remove()} takes all of it away; what a killed JVM leaves, the next start reaps.
 */
final class SandboxInstance {
    private final String name;
    private Path dir;
    private Path helperBinary;
    private Path pipes;
    private CgroupDriver cgroups;

    SandboxInstance(int number) {
        this.name = InstanceDirs.currentInstance(number);
    }

    /**
     * Creates the instance's directory under {@code stateDirectory} (owner-only, after reaping dead
     * instances'), extracts the helper into it and makes the directory of the pairs' FIFOs.
     */
    void createDirectory(Path stateDirectory) throws IOException {
        InstanceDirs.ensurePrivateBase(stateDirectory);
        InstanceDirs.reapDirs(stateDirectory);
        dir = Files.createDirectory(stateDirectory.resolve(name));
        helperBinary = HelperBinary.extract(dir);
        pipes = Files.createDirectory(dir.resolve("pipes"));
    }

    /**
     * Puts the boxes' cgroups under {@code cgroupParent} when the doctor found cgroups usable, after killing
     * and removing dead instances' cgroups there; else runs go without cgroups.
     */
    void useCgroups(DoctorReport report, String cgroupParent) throws IOException {
        CgroupDetector.Detection det = CgroupDetector.detectFor(cgroupParent);
        if (report.protection("cgroups").map(Protection::active).orElse(false) && det.driver() != null) {
            InstanceDirs.reapCgroups(det.driver());
            cgroups = det.driver();
        }
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    Path helperBinary() {
        return helperBinary;
    }

    /**
     * Where a pair's FIFOs are made: outside every box, inside the owner-only instance directory, so only
     * the judge and the helpers (which opened it before their box's root hid it) reach them.
     */
    Path pipes() {
        return pipes;
    }

    /** {@code null} when runs go without cgroups. */
    CgroupDriver cgroups() {
        return cgroups;
    }

    /** Kills what is left in the instance's cgroups and removes them and the directory; never throws. */
    void remove() {
        if (cgroups != null) {
            for (Path parent : cgroups.instanceParents()) {
                try {
                    CgroupFiles.killAndRemove(parent.resolve(name));
                } catch (IOException ignored) {
                    // reaped at the next start
                }
            }
        }
        if (dir != null) {
            try {
                InstanceDirs.deleteTree(dir);
            } catch (IOException ignored) {
                // reaped at the next start
            }
        }
    }
}
