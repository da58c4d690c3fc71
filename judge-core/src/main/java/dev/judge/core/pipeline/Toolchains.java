package dev.judge.core.pipeline;

import dev.judge.core.language.Language;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.language.Languages;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out, once per language, whether its toolchain is there and which version it is, by running the
 * version command in the sandbox: the version is what the programs will actually meet. Callers that ask about a
 * language while its probe runs wait for that probe instead of starting their own: the first requests a server
 * takes after its start all ask at once, and a probe can cost seconds (a JVM-based compiler's version command),
 * so a probe per caller would queue dozens of them on the sandbox's few slots and hold every request up for
 * minutes.
 */
final class Toolchains {
    private static final Logger LOG = LoggerFactory.getLogger(Toolchains.class);

    private final Sandbox sandbox;
    private final Languages languages;
    private final Limits probeLimits;
    private final Map<String, LanguageInfo> detected = new ConcurrentHashMap<>();
    /** The probe running for a language, which other callers asking about it wait for. */
    private final Map<String, CompletableFuture<LanguageInfo>> probing = new ConcurrentHashMap<>();

    Toolchains(Sandbox sandbox, Languages languages, Limits probeLimits) {
        this.sandbox = sandbox;
        this.languages = languages;
        this.probeLimits = probeLimits;
    }

    Languages languages() {
        return languages;
    }

    Optional<Language> find(String id) {
        return languages.find(id);
    }

    /** The language's availability, probing the sandbox on first use. */
    LanguageInfo info(Language language) {
        String id = language.id();
        LanguageInfo known = detected.get(id);
        if (known != null) {
            return known;
        }
        CompletableFuture<LanguageInfo> mine = new CompletableFuture<>();
        CompletableFuture<LanguageInfo> running = probing.putIfAbsent(id, mine);
        if (running != null) {
            try {
                return running.join(); // its answer, definite or not: a caller after it asks again
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e; // as the probing caller saw it
            }
        }
        try {
            known = detected.get(id); // a probe that ended between the first look and taking the slot
            if (known == null) {
                Probe p = probe(language);
                // A sandbox that could not run the probe says nothing about the toolchain: ask again next time.
                known = p.definite() ? detected.computeIfAbsent(id, i -> p.info()) : p.info();
            }
            mine.complete(known);
            return known;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            probing.remove(id, mine);
        }
    }

    private record Probe(LanguageInfo info, boolean definite) {
    }

    List<LanguageInfo> all() {
        return languages.all().stream().map(this::info).toList();
    }

    /**
     * Exit 126/127 is a command the sandbox could not find or start: most often a toolchain installed where the
     * sandbox does not look (rustup's ~/.cargo, /opt), since it sees only the host's /usr and its read-only binds.
     */
    static final String NOT_VISIBLE_HINT = ". The sandbox sees only the host's /usr (and /bin, /lib, ...) and its"
            + " read-only binds: install the toolchain from the system's packages, or bind its directory read-only"
            + " (native: readOnlyPaths, Docker: readOnlyBind; the starter: judge.sandbox.toolchain-paths)";

    private Probe probe(Language language) {
        SandboxRequest request = SandboxRequest.of(language.versionCommand(), language.allowFor(probeLimits))
                .withProfile(language.profile());
        SandboxResult r;
        try {
            r = sandbox.run(request);
        } catch (RuntimeException e) {
            LOG.warn("probing the toolchain of {} failed", language.id(), e);
            return new Probe(LanguageInfo.unavailable(language, "the sandbox could not run `" + String.join(" ",
                    language.versionCommand()) + "`: " + e.getMessage()), false);
        }
        if (!r.succeeded()) {
            String detail = switch (r.termination()) {
                case EXITED -> "exit code " + r.exitCode();
                case SIGNALED -> "killed by signal " + r.signal();
                case SANDBOX_FAILURE -> "sandbox failure";
                default -> r.termination().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            };
            String said = firstLine(r.stderr()).or(() -> firstLine(r.stdout())).orElse(r.message());
            String reason = "toolchain missing: `" + String.join(" ", language.versionCommand()) + "` failed ("
                    + detail + ")" + (said.isBlank() ? "" : ": " + said)
                    + (r.termination() == Termination.EXITED && (r.exitCode() == 126 || r.exitCode() == 127)
                            ? NOT_VISIBLE_HINT : "");
            LOG.info("language {} is unavailable: {}", language.id(), reason);
            return new Probe(LanguageInfo.unavailable(language, reason),
                    r.termination() != Termination.SANDBOX_FAILURE);
        }
        String version = firstLine(r.stdout()).or(() -> firstLine(r.stderr())).orElse("unknown");
        LOG.debug("language {}: {}", language.id(), version);
        return new Probe(LanguageInfo.available(language, version), true);
    }

    private static Optional<String> firstLine(byte[] bytes) {
        String text = Utf8.excerpt(bytes, 4096);
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                return Optional.of(line.strip());
            }
        }
        return Optional.empty();
    }
}
