package dev.judge.core.problem;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Reads problem packages (Kattis legacy and 2023-07, DOMjudge, Polygon, DMOJ) into a {@link ProblemDefinition}
 * and an {@link ImportReport}. The format is told from the files at the package root: {@code problem.xml}
 * (Polygon), {@code init.yml} (DMOJ), {@code domjudge-problem.ini} (DOMjudge), {@code problem.yaml} or
 * {@code data/} (Kattis; its {@code problem_format_version} tells legacy from 2023-07). A zip holding one folder
 * around everything is looked through.
 *
 * <p>The reader never runs anything: programs of the package are returned as sources, for the host to compile and
 * run in the sandbox (input validators over every input, example submissions to verify the package). Thread-safe.
 */
public final class ProblemPackageReader {
    private final PackageCaps caps;

    private ProblemPackageReader(PackageCaps caps) {
        this.caps = caps;
    }

    /** A reader refusing packages past {@code caps}. */
    public static ProblemPackageReader withCaps(PackageCaps caps) {
        return new ProblemPackageReader(Objects.requireNonNull(caps, "caps"));
    }

    /** A reader with {@link PackageCaps#defaults()}. */
    public static ProblemPackageReader withDefaultCaps() {
        return new ProblemPackageReader(PackageCaps.defaults());
    }

    /**
     * Reads a zipped package.
     *
     * @throws PackageRejectedException naming the file at fault when the package is broken, unsafe, past a cap
     *                                  or needs a feature the judge cannot honour
     */
    public ImportedProblem read(byte[] zip) {
        return read(PackageFiles.fromZip(Objects.requireNonNull(zip, "zip"), caps, ""));
    }

    /** Reads a zipped package from a stream, which is read to its end and not closed. */
    public ImportedProblem read(InputStream zip) {
        return read(PackageFiles.fromZip(Objects.requireNonNull(zip, "zip"), caps));
    }

    /** Reads a package directory. */
    public ImportedProblem read(Path directory) {
        return read(PackageFiles.fromDirectory(Objects.requireNonNull(directory, "directory"), caps));
    }

    /** The format of a package's files, as {@link #read} would read them. */
    static PackageFormat detect(PackageFiles files) {
        if (files.has("problem.xml")) {
            return PackageFormat.POLYGON;
        }
        if (files.has("init.yml")) {
            return PackageFormat.DMOJ;
        }
        if (files.has("domjudge-problem.ini")) {
            return PackageFormat.DOMJUDGE;
        }
        if (files.has("problem.yaml")) {
            String yaml = files.text("problem.yaml");
            Object version = YamlMap.parse("problem.yaml", yaml).raw("problem_format_version");
            String v = version == null ? "legacy" : String.valueOf(version);
            if (v.startsWith("2023-07")) {
                return PackageFormat.KATTIS_2023_07;
            }
            if (!v.equals("legacy")) {
                throw new PackageRejectedException("problem.yaml", "key 'problem_format_version' is '" + v
                        + "'; supported: legacy, 2023-07, 2023-07-draft");
            }
            return PackageFormat.KATTIS_LEGACY;
        }
        if (files.hasDirectory("data")) {
            return PackageFormat.KATTIS_LEGACY;
        }
        throw new PackageRejectedException("", "not a problem package: no problem.yaml, domjudge-problem.ini,"
                + " problem.xml or init.yml at its root");
    }

    private ImportedProblem read(PackageFiles files) {
        PackageFormat format = detect(files);
        Reporter report = new Reporter();
        ProblemDefinition definition = switch (format) {
            case POLYGON -> new PolygonReader(files, report).read();
            case DMOJ -> new DmojReader(files, report, caps).read();
            case DOMJUDGE -> new KattisReader(files, report, format,
                    KattisReader.parseIni(files.text("domjudge-problem.ini"))).read();
            case KATTIS_LEGACY, KATTIS_2023_07 -> new KattisReader(files, report, format, Map.of()).read();
        };
        return new ImportedProblem(definition, report.finish(format, files));
    }
}
