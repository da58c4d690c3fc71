package dev.judge.demo.problem.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

/** Inflates zip entries under an archive's caps, counting as it goes; never trusts the sizes an archive declares. */
final class CappedInflater {
    static final long RATIO_CHECK_FLOOR = 64 * 1024;

    private final ArchiveCaps caps;
    private final String totalName;
    private long total;

    /** @param totalName what the total counts, for the message ("the tests", "the files") */
    CappedInflater(ArchiveCaps caps, String totalName) {
        this.caps = caps;
        this.totalName = totalName;
    }

    byte[] inflate(ZipFile file, ZipArchiveEntry e) throws IOException {
        if (!file.canReadEntryData(e)) {
            throw ArchiveRejectedException.unacceptable("entry '" + e.getName()
                    + "' is encrypted or uses an unsupported compression method");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long size = 0;
        try (InputStream in = file.getInputStream(e)) {
            for (int n; (n = in.read(buffer)) != -1;) {
                size += n;
                total += n;
                if (size > caps.maxFileBytes()) {
                    throw ArchiveRejectedException.tooLarge("entry '" + e.getName() + "' inflates past the cap of "
                            + caps.maxFileBytes() + " bytes per file");
                }
                if (total > caps.maxTotalBytes()) {
                    throw ArchiveRejectedException.tooLarge(totalName + " inflate past the cap of "
                            + caps.maxTotalBytes() + " bytes in total");
                }
                if (size > RATIO_CHECK_FLOOR && in instanceof InputStreamStatistics stats
                        && stats.getUncompressedCount() > caps.maxCompressionRatio()
                                * Math.max(1, stats.getCompressedCount())) {
                    throw ArchiveRejectedException.unacceptable("entry '" + e.getName()
                            + "' inflates more than " + caps.maxCompressionRatio() + " times (a zip bomb?)");
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }
}
