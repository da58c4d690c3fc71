package dev.judge.sandbox.linux;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Creates the cgroups of boxes in one hierarchy version. */
interface CgroupDriver {
    /** Where the sandbox's cgroups go by default, relative to each hierarchy's mount. */
    String DEFAULT_PARENT = "judge-native";

    CgroupVersion version();

    /** Creates (or adopts when left over) the cgroup of one box of an instance. */
    BoxCgroup create(String instance, int box) throws IOException;

    /** The directories holding every instance's cgroups, one per hierarchy the driver uses. */
    List<Path> instanceParents();
}
