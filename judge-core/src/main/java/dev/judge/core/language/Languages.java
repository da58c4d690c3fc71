package dev.judge.core.language;

import dev.judge.core.model.ByteSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An immutable set of {@link Language} descriptors, by id. Start from {@link #defaults()} (C, C++, Java,
 * Python 3, JavaScript, Rust) and change it with {@link #withProperties(Map)} or {@link #with(Language)}.
 *
 * <p>Properties use the keys of the bundled resource, {@code <id>.<field>}: {@code name}, {@code source},
 * {@code compile}, {@code run}, {@code artifacts}, {@code time.multiplier}, {@code time.extra},
 * {@code memory.extra}, {@code processes.min}, {@code profile}, {@code version}, {@code judge0} and
 * {@code disabled}. For a known id, the given fields replace the current ones (an empty {@code compile}
 * removes the compile step); an unknown id adds a language and needs at least {@code name}, {@code source},
 * {@code run} and {@code version}. Commands are split at whitespace and run without a shell.
 */
public final class Languages {
    static final String RESOURCE = "languages.properties";
    private static final Set<String> FIELDS = Set.of("name", "source", "compile", "run", "artifacts",
            "time.multiplier", "time.extra", "memory.extra", "processes.min", "profile", "version", "judge0",
            "disabled");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?", Pattern.CASE_INSENSITIVE);

    private static volatile Languages defaults;

    private final Map<String, Language> byId;
    private final List<Language> sorted;

    private Languages(Map<String, Language> byId) {
        this.byId = byId;
        this.sorted = byId.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    /** The bundled default languages. */
    public static Languages defaults() {
        Languages d = defaults;
        if (d == null) {
            d = load();
            defaults = d;
        }
        return d;
    }

    /** No languages at all; add them with {@link #with(Language)} or {@link #withProperties(Map)}. */
    public static Languages empty() {
        return new Languages(Map.of());
    }

    /** Exactly the given languages. */
    public static Languages of(Collection<Language> languages) {
        Languages result = empty();
        for (Language l : Objects.requireNonNull(languages, "languages")) {
            result = result.with(l);
        }
        return result;
    }

    private static Languages load() {
        try (InputStream in = Languages.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the judge-core jar");
            }
            return empty().withProperties(read(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static Map<String, String> read(Reader reader) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        Map<String, String> map = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            map.put(key, p.getProperty(key));
        }
        return map;
    }

    /**
     * This set with the languages of {@code properties} added, changed or removed (see the class comment).
     *
     * @throws IllegalArgumentException naming the key when a key or value is wrong
     */
    public Languages withProperties(Map<String, String> properties) {
        Objects.requireNonNull(properties, "properties");
        Map<String, Map<String, String>> byLanguage = new TreeMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "property key").trim();
            int dot = key.indexOf('.');
            String field = dot < 0 ? "" : key.substring(dot + 1);
            if (dot <= 0 || !FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown language property '" + key + "' (expected <id>.<field>,"
                        + " field one of " + new TreeSet<>(FIELDS) + ")");
            }
            String value = e.getValue() == null ? "" : e.getValue().trim();
            byLanguage.computeIfAbsent(key.substring(0, dot), k -> new HashMap<>()).put(field, value);
        }
        Map<String, Language> next = new LinkedHashMap<>(byId);
        for (Map.Entry<String, Map<String, String>> e : byLanguage.entrySet()) {
            String id = e.getKey();
            Map<String, String> fields = e.getValue();
            if (Boolean.parseBoolean(fields.getOrDefault("disabled", "false"))) {
                next.remove(id);
                continue;
            }
            next.put(id, apply(id, byId.get(id), fields));
        }
        return new Languages(Map.copyOf(next));
    }

    private static Language apply(String id, Language base, Map<String, String> f) {
        if (base == null) {
            for (String required : List.of("name", "source", "run", "version")) {
                if (!f.containsKey(required) || f.get(required).isEmpty()) {
                    throw new IllegalArgumentException("new language '" + id + "' needs the property '" + id + "."
                            + required + "'");
                }
            }
        }
        String k = id + ".";
        try {
            return new Language(id,
                    f.getOrDefault("name", base == null ? null : base.name()),
                    f.getOrDefault("source", base == null ? null : base.sourceFile()),
                    f.containsKey("compile") ? words(f.get("compile")) : base == null ? List.of() : base.compileCommand(),
                    f.containsKey("run") ? words(f.get("run")) : base.runCommand(),
                    f.containsKey("artifacts") ? list(f.get("artifacts")) : base == null ? List.of() : base.artifacts(),
                    f.containsKey("time.multiplier") ? parseDouble(k + "time.multiplier", f.get("time.multiplier"))
                            : base == null ? 1.0 : base.timeMultiplier(),
                    f.containsKey("time.extra") ? parseDuration(k + "time.extra", f.get("time.extra"))
                            : base == null ? Duration.ZERO : base.extraTime(),
                    f.containsKey("memory.extra") ? parseSize(k + "memory.extra", f.get("memory.extra"))
                            : base == null ? ByteSize.ZERO : base.extraMemory(),
                    f.containsKey("processes.min") ? parseInt(k + "processes.min", f.get("processes.min"))
                            : base == null ? 1 : base.minProcesses(),
                    f.getOrDefault("profile", base == null ? "default" : base.profile()),
                    f.containsKey("version") ? words(f.get("version")) : base.versionCommand(),
                    f.containsKey("judge0") ? ids(k + "judge0", f.get("judge0"))
                            : base == null ? List.of() : base.judge0Ids());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("language '" + id + "': " + e.getMessage(), e);
        }
    }

    private static List<String> words(String value) {
        return value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split("[,\\s]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Integer> ids(String key, String value) {
        List<Integer> out = new ArrayList<>();
        for (String s : list(value)) {
            out.add(parseInt(key, s));
        }
        return out;
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a whole number: '" + value + "'");
        }
    }

    private static double parseDouble(String key, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: '" + value + "'");
        }
    }

    private static ByteSize parseSize(String key, String value) {
        try {
            return ByteSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    /** Parses {@code 500ms}, {@code 2s}, {@code 1m} or a bare number of milliseconds. */
    static Duration parseDuration(String key, String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(key + ": not a duration: '" + value + "' (expected e.g. 500ms, 2s)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofMillis(n);
        };
    }

    /** This set with {@code language} added, or replacing the one with the same id. */
    public Languages with(Language language) {
        Objects.requireNonNull(language, "language");
        Map<String, Language> next = new LinkedHashMap<>(byId);
        next.put(language.id(), language);
        return new Languages(Map.copyOf(next));
    }

    /** This set without the language {@code id} (unchanged when there is none). */
    public Languages without(String id) {
        Map<String, Language> next = new LinkedHashMap<>(byId);
        next.remove(id);
        return new Languages(Map.copyOf(next));
    }

    /** The language with this id. */
    public Optional<Language> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /** The language answering to this Judge0 CE language id. */
    public Optional<Language> byJudge0Id(int judge0Id) {
        return all().stream().filter(l -> l.judge0Ids().contains(judge0Id)).findFirst();
    }

    /** Every language, ordered by id. */
    public List<Language> all() {
        return sorted;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Languages l && byId.equals(l.byId);
    }

    @Override
    public int hashCode() {
        return byId.hashCode();
    }

    @Override
    public String toString() {
        return "Languages" + all().stream().map(Language::id).toList();
    }
}
