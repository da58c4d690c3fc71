package dev.judge.core.problem;

import java.util.List;

/**
 * A problem written as a Kattis package.
 *
 * @param zip     the package, zipped
 * @param omitted what of the problem the Kattis format cannot hold and the package therefore lacks, one line each
 */
public record ExportedPackage(byte[] zip, List<String> omitted) {
    public ExportedPackage {
        zip = zip.clone();
        omitted = List.copyOf(omitted);
    }

    @Override
    public byte[] zip() {
        return zip.clone();
    }
}
