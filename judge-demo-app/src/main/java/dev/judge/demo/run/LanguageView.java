package dev.judge.demo.run;

import dev.judge.core.language.LanguageInfo;
import java.util.List;

/** A language of the judge: whether its toolchain answered here, its version, the Judge0 ids it serves. */
public record LanguageView(String id, String name, String version, boolean available, String reason,
        List<Integer> judge0Ids) {

    static LanguageView of(LanguageInfo i) {
        return new LanguageView(i.id(), i.language().name(), i.version(), i.available(), i.reason(),
                i.language().judge0Ids());
    }
}
