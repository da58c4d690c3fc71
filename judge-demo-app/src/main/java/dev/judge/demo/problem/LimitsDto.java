package dev.judge.demo.problem;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.demo.web.ApiException;
import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/**
 * Limits as JSON: durations as {@code "2s"}, {@code "500ms"} (or ISO-8601), sizes as {@code "256MB"},
 * {@code "64KiB"} (binary units). A field left out takes the judge's default ({@link Limits#defaults()}).
 * Maps 1:1 onto {@link Limits}.
 */
public record LimitsDto(String cpuTime, String wallTime, String memory, Integer processes, String outputSize,
        String fileSize, String stack, Integer openFiles, Boolean network) {

    public static LimitsDto of(Limits l) {
        return new LimitsDto(format(l.cpuTime()), format(l.wallTime()), l.memory().toString(), l.processes(),
                l.outputSize().toString(), l.fileSize().toString(), l.stack().toString(), l.openFiles(), l.network());
    }

    /** The limits this asks for; throws naming the field for an unreadable or out-of-range value. */
    public Limits toLimits() {
        Limits d = Limits.defaults();
        return new Limits(
                cpuTime == null ? d.cpuTime() : duration(cpuTime, "limits.cpuTime"),
                wallTime == null ? d.wallTime() : duration(wallTime, "limits.wallTime"),
                memory == null ? d.memory() : size(memory, "limits.memory"),
                processes == null ? d.processes() : processes,
                outputSize == null ? d.outputSize() : size(outputSize, "limits.outputSize"),
                fileSize == null ? d.fileSize() : size(fileSize, "limits.fileSize"),
                stack == null ? d.stack() : size(stack, "limits.stack"),
                openFiles == null ? d.openFiles() : openFiles,
                network == null ? d.network() : network);
    }

    static Duration duration(String text, String field) {
        Duration d;
        try {
            d = DurationStyle.detectAndParse(text.trim());
        } catch (RuntimeException e) {
            throw ApiException.invalid(field, "is not a duration: '" + text + "' (expected e.g. 2s, 500ms)");
        }
        if (d.toNanos() % 1_000_000 != 0) {
            throw ApiException.invalid(field, "must be a whole number of milliseconds, was '" + text + "'");
        }
        return d;
    }

    static ByteSize size(String text, String field) {
        try {
            return ByteSize.parse(text);
        } catch (RuntimeException e) {
            throw ApiException.invalid(field, "is not a size: '" + text + "' (expected e.g. 256MB, 64KiB)");
        }
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
