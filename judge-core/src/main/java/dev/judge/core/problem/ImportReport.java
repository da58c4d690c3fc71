package dev.judge.core.problem;

import java.util.List;
import java.util.Objects;

/**
 * What the reader made of a package: each file or key it imported, ignored (with why) or could not support.
 * Nothing of a package is dropped without an entry here.
 *
 * @param format  the format the package was read as
 * @param entries in the order the reader met them
 */
public record ImportReport(PackageFormat format, List<Entry> entries) {

    /** How a part of the package was treated. */
    public enum Kind {
        /** Read into the problem definition. */
        IMPORTED,
        /** Read and deliberately not used (metadata, files for people, caps the host sets itself). */
        IGNORED,
        /** A feature of the format the judge does not have; the rest of the package is still usable. */
        UNSUPPORTED,
        /** Something the reader decided or derived that the reader of the report should know. */
        NOTE
    }

    /**
     * @param kind    how the part was treated
     * @param file    the package file, relative to its root
     * @param key     the key, element or attribute within the file, or "" for the whole file
     * @param message what was done and why
     */
    public record Entry(Kind kind, String file, String key, String message) {
        public Entry {
            Objects.requireNonNull(kind, "kind");
            file = Objects.requireNonNullElse(file, "");
            key = Objects.requireNonNullElse(key, "");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return kind + " " + file + (key.isEmpty() ? "" : " [" + key + "]") + ": " + message;
        }
    }

    public ImportReport {
        Objects.requireNonNull(format, "format");
        entries = List.copyOf(entries);
    }

    /** The entries of one kind. */
    public List<Entry> entries(Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    /** The entries about one file. */
    public List<Entry> about(String file) {
        return entries.stream().filter(e -> e.file().equals(file)).toList();
    }
}
