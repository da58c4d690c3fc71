package dev.judge.core.problem;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A YAML mapping from a package file, read safely (plain data only, no duplicate keys, few aliases), that
 * remembers which keys were read so the rest can be reported.
 */
final class YamlMap {
    private final String file;
    private final String prefix;
    private final Map<String, Object> values;
    private final Set<String> read = new LinkedHashSet<>();

    private YamlMap(String file, String prefix, Map<String, Object> values) {
        this.file = file;
        this.prefix = prefix;
        this.values = values;
    }

    /** Parses {@code text}; an empty document is an empty mapping. */
    static YamlMap parse(String file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(4 << 20);
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = m == null ? "" : "line " + (m.getLine() + 1) + ": ";
            throw new PackageRejectedException(file, where + "not valid YAML (" + firstLine(e.getProblem()) + ")", e);
        } catch (YAMLException e) {
            throw new PackageRejectedException(file, "not valid YAML (" + firstLine(e.getMessage()) + ")", e);
        }
        if (doc == null) {
            return new YamlMap(file, "", Map.of());
        }
        return of(file, "", doc);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @SuppressWarnings("unchecked")
    private static YamlMap of(String file, String prefix, Object doc) {
        if (!(doc instanceof Map<?, ?> map)) {
            throw new PackageRejectedException(file, (prefix.isEmpty() ? "the document" : "key '" + prefix + "'")
                    + " must be a mapping");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            values.put(String.valueOf(e.getKey()), e.getValue());
        }
        return new YamlMap(file, prefix, values);
    }

    String file() {
        return file;
    }

    String key(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    Set<String> keys() {
        return values.keySet();
    }

    Object raw(String key) {
        read.add(key);
        return values.get(key);
    }

    /** A scalar as text (numbers and booleans as YAML wrote them), or {@code def} when absent or null. */
    String string(String key, String def) {
        Object v = raw(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Map || v instanceof List) {
            throw bad(key, "must be a single value");
        }
        return String.valueOf(v);
    }

    Double number(String key) {
        Object v = raw(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw bad(key, "must be a number, was '" + v + "'");
        }
    }

    YamlMap map(String key) {
        Object v = raw(key);
        return v == null ? new YamlMap(file, key(key), Map.of()) : of(file, key(key), v);
    }

    List<?> list(String key) {
        Object v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw bad(key, "must be a list");
        }
        return l;
    }

    static YamlMap element(String file, String prefix, Object value) {
        return of(file, prefix, value);
    }

    PackageRejectedException bad(String key, String message) {
        return new PackageRejectedException(file, "key '" + key(key) + "' " + message);
    }

    /** Keys present and never read. */
    Set<String> unread() {
        Set<String> out = new LinkedHashSet<>(values.keySet());
        out.removeAll(read);
        return out;
    }

    /** Reports every key never read as unsupported (the reader knows every key it honours). */
    void reportUnread(Reporter report, String why) {
        for (String k : unread()) {
            report.unsupported(file, key(k), why);
        }
    }
}
