package dev.judge.sandbox.linux;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/** Creates the cgroups of boxes in one hierarchy version. */
interface CgroupDriver {
    /** Where the sandbox's cgroups go by default, relative to each hierarchy's mount. */
    String DEFAULT_PARENT = "judge-native";

    CgroupVersion version();

    /** Creates (or adopts when left over) the cgroup of one box of an instance, not placed on a CPU. */
    default BoxCgroup create(String instance, int box) throws IOException {
        return create(instance, box, OptionalInt.empty());
    }

    /**
     * Creates (or adopts when left over) the cgroup of one box of an instance; when {@code cpu} is given and
     * the host's cgroups can place boxes ({@link #placesCpus()}), the box's processes run on that CPU only
     * and get at most one CPU's worth of time.
     */
    BoxCgroup create(String instance, int box, OptionalInt cpu) throws IOException;

    /** Whether this host's cgroups can pin a box to a CPU and cap its CPU bandwidth. */
    boolean placesCpus();

    /** The directories holding every instance's cgroups, one per hierarchy the driver uses. */
    List<Path> instanceParents();
}
