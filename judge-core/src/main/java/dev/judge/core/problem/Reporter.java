package dev.judge.core.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects a report's entries while a reader works. */
final class Reporter {
    private final List<ImportReport.Entry> entries = new ArrayList<>();

    void imported(String file, String key, String message) {
        add(ImportReport.Kind.IMPORTED, file, key, message);
    }

    void ignored(String file, String key, String message) {
        add(ImportReport.Kind.IGNORED, file, key, message);
    }

    void unsupported(String file, String key, String message) {
        add(ImportReport.Kind.UNSUPPORTED, file, key, message);
    }

    void note(String file, String key, String message) {
        add(ImportReport.Kind.NOTE, file, key, message);
    }

    private void add(ImportReport.Kind kind, String file, String key, String message) {
        entries.add(new ImportReport.Entry(kind, file, key, message));
    }

    /** Every file no reader used, reported as ignored so the report accounts for the whole package. */
    ImportReport finish(PackageFormat format, PackageFiles files) {
        for (String f : files.unused()) {
            ignored(f, "", "not used: no part of the " + format + " format the judge reads");
        }
        return new ImportReport(format, entries);
    }
}
