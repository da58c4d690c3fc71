package dev.judge.demo.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.SourceFile;
import dev.judge.demo.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparator as JSON, one {@code type} of {@code exact}, {@code lines} (the default), {@code tokens},
 * {@code floats} (with {@code absoluteTolerance} and {@code relativeTolerance}, each 1e-6 when left out),
 * {@code unorderedLines}, {@code caseInsensitive}, {@code kattis} (the Kattis default output validator, with
 * {@code flags}, its {@code validator_flags} such as {@code "case_sensitive float_tolerance 1e-6"}; null or left out
 * for the defaults), {@code checker} (with {@code languageId}, {@code sources}, {@code protocol}: {@code testlib},
 * the default, or {@code kattis} for a Kattis/DOMjudge output validator, and {@code arguments}: a Kattis
 * validator's {@code validator_flags}, passed to it split at whitespace). Maps 1:1 onto {@link ComparatorSpec}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComparatorDto(String type, Double absoluteTolerance, Double relativeTolerance, String languageId,
        List<SourceDto> sources, String flags, String protocol, String arguments) {
    static final double DEFAULT_TOLERANCE = 1e-6;
    static final List<String> TYPES =
            List.of("exact", "lines", "tokens", "floats", "unorderedLines", "caseInsensitive", "kattis", "checker");
    static final List<String> PROTOCOLS = List.of("testlib", "kattis");

    public static ComparatorDto of(ComparatorSpec spec, boolean withCheckerSources) {
        if (spec instanceof ComparatorSpec.Floats f) {
            return new ComparatorDto("floats", f.absoluteTolerance(), f.relativeTolerance(), null, null, null, null,
                    null);
        }
        if (spec instanceof ComparatorSpec.Kattis k) {
            return new ComparatorDto("kattis", null, null, null, null, k.flags().isEmpty() ? null : k.flags(), null,
                    null);
        }
        if (spec instanceof ComparatorSpec.Checker c) {
            return new ComparatorDto("checker", null, null, c.languageId(), withCheckerSources
                    ? c.sources().stream().map(s -> new SourceDto(s.name(), s.content())).toList()
                    : null, null, c.protocol().name().toLowerCase(Locale.ROOT),
                    c.arguments().isEmpty() ? null : c.arguments());
        }
        return simple(typeOf(spec));
    }

    /** The JSON name of a comparator's type. */
    public static String typeOf(ComparatorSpec spec) {
        if (spec instanceof ComparatorSpec.Exact) {
            return "exact";
        } else if (spec instanceof ComparatorSpec.Lines) {
            return "lines";
        } else if (spec instanceof ComparatorSpec.Tokens) {
            return "tokens";
        } else if (spec instanceof ComparatorSpec.Floats) {
            return "floats";
        } else if (spec instanceof ComparatorSpec.UnorderedLines) {
            return "unorderedLines";
        } else if (spec instanceof ComparatorSpec.CaseInsensitive) {
            return "caseInsensitive";
        } else if (spec instanceof ComparatorSpec.Kattis) {
            return "kattis";
        } else if (spec instanceof ComparatorSpec.Checker) {
            return "checker";
        }
        throw new IllegalArgumentException("unknown comparator " + spec);
    }

    private static ComparatorDto simple(String type) {
        return new ComparatorDto(type, null, null, null, null, null, null, null);
    }

    /** The comparator this asks for; throws naming the field when it is incomplete or contradictory. */
    public ComparatorSpec toSpec() {
        if (type == null || type.isBlank()) {
            throw ApiException.invalid("comparator.type", "is required, one of " + TYPES);
        }
        if (!type.equals("floats") && (absoluteTolerance != null || relativeTolerance != null)) {
            throw ApiException.invalid("comparator.type", "tolerances apply only to the floats comparator");
        }
        if (!type.equals("checker") && (languageId != null || sources != null)) {
            throw ApiException.invalid("comparator.type", "languageId and sources apply only to the checker comparator");
        }
        if (!type.equals("checker") && (protocol != null || arguments != null)) {
            throw ApiException.invalid("comparator.type", "protocol and arguments apply only to the checker comparator");
        }
        if (!type.equals("kattis") && flags != null) {
            throw ApiException.invalid("comparator.type", "flags apply only to the kattis comparator");
        }
        return switch (type) {
            case "exact" -> ComparatorSpec.exact();
            case "lines" -> ComparatorSpec.lines();
            case "tokens" -> ComparatorSpec.tokens();
            case "unorderedLines" -> ComparatorSpec.unorderedLines();
            case "caseInsensitive" -> ComparatorSpec.caseInsensitive();
            case "kattis" -> ComparatorSpec.kattis(flags);
            case "floats" -> ComparatorSpec.floats(
                    absoluteTolerance == null ? DEFAULT_TOLERANCE : absoluteTolerance,
                    relativeTolerance == null ? DEFAULT_TOLERANCE : relativeTolerance);
            case "checker" -> checker();
            default -> throw ApiException.invalid("comparator.type", "must be one of " + TYPES + ", was '" + type + "'");
        };
    }

    private ComparatorSpec checker() {
        List<SourceFile> files = new ArrayList<>();
        if (sources != null) {
            for (int i = 0; i < sources.size(); i++) {
                SourceDto s = sources.get(i);
                if (s == null || s.content() == null) {
                    throw ApiException.invalid("comparator.sources[" + i + "].content", "is required");
                }
                files.add(new SourceFile(s.name(), s.content()));
            }
        }
        ComparatorSpec.Checker.Protocol p;
        if (protocol == null || protocol.equals("testlib")) {
            p = ComparatorSpec.Checker.Protocol.TESTLIB;
        } else if (protocol.equals("kattis")) {
            p = ComparatorSpec.Checker.Protocol.KATTIS;
        } else {
            throw ApiException.invalid("comparator.protocol", "must be one of " + PROTOCOLS + ", was '" + protocol + "'");
        }
        return new ComparatorSpec.Checker(languageId, files, p, arguments);
    }
}
