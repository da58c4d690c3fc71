package dev.judge.sandbox.docker;

import dev.judge.core.model.ByteSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The builder's choices, validated, as the rest of the package reads them. */
record Settings(
        String dockerHost,
        String apiVersion,
        String defaultImage,
        Map<String, String> profileImages,
        int poolSize,
        int maxRunsPerContainer,
        List<ReadOnlyBind> binds,
        ByteSize workDirSize,
        ByteSize tmpSize,
        double cpus,
        long pidsLimit,
        int maxOpenFiles,
        ByteSize maxFileSize,
        int uidBase,
        Path uidLockDir,
        String poolName,
        Duration acquireTimeout,
        boolean buildImageIfMissing) {

    static final String LABEL = "dev.judge.sandbox.pool";
    static final String RUNNER = "/opt/judge/runner";
    static final String WORK_DIR = "/work";

    String imageFor(String profile) {
        return profileImages.getOrDefault(profile, defaultImage);
    }

    /** User ids the sandbox needs: one for its runners, one per warm container of each distinct image. */
    int uidsNeeded() {
        java.util.Set<String> images = new java.util.HashSet<>(profileImages.values());
        images.add(defaultImage);
        return 1 + poolSize * images.size();
    }
}
