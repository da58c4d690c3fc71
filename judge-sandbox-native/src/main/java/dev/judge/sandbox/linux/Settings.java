package dev.judge.sandbox.linux;

import dev.judge.core.model.ByteSize;
import java.nio.file.Path;
import java.util.List;

/**
 * The builder's choices, validated, as the rest of the package reads them.
 *
 * @param boxes           how many boxes (runs at once), one helper each
 * @param firstUid        uid of box 0, or {@code null} for a block of the sandbox's own
 * @param readOnly        host paths bound read-only into every box
 * @param workDirSize     size of each run's work dir and of its /tmp
 * @param workDirInodes   most files and directories each run's work dir (and its /tmp) may hold
 * @param maxCollected    most bytes of files read back per run
 * @param stateDirectory  where instances keep the helper and the boxes' mount points
 * @param cgroupParent    where the boxes' cgroups go, relative to each hierarchy's mount
 * @param allowUnconfined whether running without cgroups is accepted
 * @param cpus            the CPUs the boxes are placed on
 */
record Settings(int boxes, Integer firstUid, List<Path> readOnly, ByteSize workDirSize, long workDirInodes,
        ByteSize maxCollected, Path stateDirectory, String cgroupParent, boolean allowUnconfined, CpuPlacement cpus) {
}
