package dev.judge.demo.problem.archive;

import dev.judge.core.model.WorkFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads a zip archive of files a submission brings into its work dir (Judge0's {@code additional_files}), under
 * the same caps as test archives: entries, bytes per file and in total (counted while inflating), compression
 * ratio, names that stay inside the work dir, no links. Directories come from the files' paths; the execute bit
 * comes from the entry's Unix mode, as {@code unzip} restores it. Of two entries with one name the first is
 * kept, as {@code unzip -n} keeps it; a file where another entry needs a directory is refused.
 */
public final class WorkFilesArchiveReader {
    private final ArchiveCaps caps;

    public WorkFilesArchiveReader(ArchiveCaps caps) {
        this.caps = caps;
    }

    /**
     * @param zip the archive's bytes
     * @return the files in archive order
     * @throws ArchiveRejectedException when the archive is not readable or breaks a cap
     */
    public List<WorkFile> read(byte[] zip) {
        try (ZipFile file = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
            CappedInflater inflater = new CappedInflater(caps, "the files");
            List<WorkFile> files = new ArrayList<>();
            Set<String> paths = new HashSet<>();
            Set<String> directories = new HashSet<>();
            int count = 0;
            for (Enumeration<ZipArchiveEntry> en = file.getEntriesInPhysicalOrder(); en.hasMoreElements();) {
                ZipArchiveEntry e = en.nextElement();
                if (++count > caps.maxEntries()) {
                    throw ArchiveRejectedException.unacceptable("the archive has more than " + caps.maxEntries()
                            + " entries");
                }
                TestArchiveReader.checkName(e.getName());
                if (e.isUnixSymlink()) {
                    throw ArchiveRejectedException.unacceptable("entry '" + e.getName() + "' is a symbolic link");
                }
                String path = e.isDirectory() ? null : e.getName();
                if (path == null || !paths.add(path)) {
                    continue;
                }
                for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                    directories.add(path.substring(0, slash));
                }
                files.add(new WorkFile(path, inflater.inflate(file, e), (e.getUnixMode() & 0100) != 0));
            }
            for (WorkFile f : files) {
                if (directories.contains(f.path())) {
                    throw ArchiveRejectedException.unacceptable("entry '" + f.path()
                            + "' is a file where other entries need a directory");
                }
            }
            return Collections.unmodifiableList(files);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ArchiveRejectedException rejected) {
                throw rejected;
            }
            throw ArchiveRejectedException.unacceptable("not a readable zip archive (" + e.getMessage() + ")");
        }
    }
}
