package dev.judge.sandbox.docker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a starting sandbox demands of the engine: that it answers, that every image is there (the default
 * one built when missing or stale, if allowed), and that no container of an earlier process with the same
 * pool name is left.
 */
final class EngineChecks {
    private static final Logger LOG = LoggerFactory.getLogger(EngineChecks.class);

    private EngineChecks() {
    }

    /** @throws dev.judge.core.sandbox.SandboxException when the engine does not answer or an image is missing */
    static void prepare(Engine engine, Settings settings) {
        engine.ping();
        if (settings.buildImageIfMissing()) {
            RuntimeImage.ensureForSandbox(engine, settings.defaultImage(), settings.uidBase());
        } else {
            engine.check(settings.defaultImage(), true);
        }
        for (String image : settings.profileImages().values()) {
            engine.check(image, false);
        }
        for (String id : engine.listOwn()) {
            LOG.info("removing leftover container {} of pool '{}'", id, settings.poolName());
            engine.remove(id);
        }
    }
}
