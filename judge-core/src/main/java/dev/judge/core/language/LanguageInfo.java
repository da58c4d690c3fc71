package dev.judge.core.language;

import java.util.Objects;

/**
 * A language as a judge sees it: whether its toolchain answered the version command in the sandbox.
 *
 * @param language  the descriptor
 * @param available whether submissions in this language are accepted
 * @param version   the first line the version command printed, or empty when unavailable
 * @param reason    why the language is unavailable, or empty
 */
public record LanguageInfo(Language language, boolean available, String version, String reason) {
    public LanguageInfo {
        Objects.requireNonNull(language, "language");
        version = version == null ? "" : version;
        reason = reason == null ? "" : reason;
    }

    /** A language whose toolchain answered with {@code version}. */
    public static LanguageInfo available(Language language, String version) {
        return new LanguageInfo(language, true, version, "");
    }

    /** A language that cannot be judged, and why. */
    public static LanguageInfo unavailable(Language language, String reason) {
        return new LanguageInfo(language, false, "", reason);
    }

    /** The language's id. */
    public String id() {
        return language.id();
    }
}
