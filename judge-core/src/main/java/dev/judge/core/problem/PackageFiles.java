package dev.judge.core.problem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * The files of a package, read whole under the caps, by path relative to the package root ({@code data/secret/1.in}).
 * Readers mark what they use; what no reader used is reported at the end, so nothing is dropped unsaid.
 */
final class PackageFiles {
    /** Below this many bytes an entry's compression ratio is not checked: short repetitive data is normal. */
    static final long RATIO_CHECK_FLOOR = 64 * 1024;

    private final NavigableMap<String, byte[]> files;
    private final Set<String> used = new HashSet<>();

    private PackageFiles(NavigableMap<String, byte[]> files) {
        this.files = files;
    }

    static PackageFiles of(Map<String, byte[]> files) {
        return new PackageFiles(new TreeMap<>(files));
    }

    /**
     * Reads a zip held in memory, refusing unsafe names, links, and anything past the caps; one folder around
     * everything is looked through.
     */
    static PackageFiles fromZip(byte[] zip, PackageCaps caps, String where) {
        return new PackageFiles(stripRoot(entries(zip, caps, where)));
    }

    /** Reads a zip inside a package (a DMOJ test archive), whose paths are kept as they are. */
    static PackageFiles fromInnerZip(byte[] zip, PackageCaps caps, String where) {
        return new PackageFiles(entries(zip, caps, where));
    }

    private static TreeMap<String, byte[]> entries(byte[] zip, PackageCaps caps, String where) {
        if (zip.length > caps.maxArchiveBytes()) {
            throw new PackageTooLargeException(where, "the archive is " + zip.length + " bytes, more than the cap of "
                    + caps.maxArchiveBytes());
        }
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (ZipFile zf = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
            long total = 0;
            int count = 0;
            for (Enumeration<ZipArchiveEntry> en = zf.getEntries(); en.hasMoreElements();) {
                ZipArchiveEntry e = en.nextElement();
                if (++count > caps.maxEntries()) {
                    throw new PackageTooLargeException(where, "more than " + caps.maxEntries() + " entries");
                }
                String name = checkName(e.getName(), where);
                if (e.isUnixSymlink()) {
                    throw new PackageRejectedException(name, "is a symbolic link; packages may not hold links");
                }
                if (e.isDirectory() || isJunk(name)) {
                    continue;
                }
                if (!zf.canReadEntryData(e)) {
                    throw new PackageRejectedException(name, "is encrypted or uses an unsupported compression method");
                }
                byte[] data = inflate(zf, e, name, caps, caps.maxTotalBytes() - total);
                total += data.length;
                if (out.put(name, data) != null) {
                    throw new PackageRejectedException(name, "appears twice in the archive");
                }
            }
        } catch (IOException e) {
            throw new PackageRejectedException(where, "not a readable zip archive (" + e.getMessage() + ")", e);
        }
        return out;
    }

    static PackageFiles fromZip(InputStream in, PackageCaps caps) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        long size = 0;
        try {
            for (int n; (n = in.read(chunk)) != -1;) {
                size += n;
                if (size > caps.maxArchiveBytes()) {
                    throw new PackageTooLargeException("", "the archive is more than the cap of "
                            + caps.maxArchiveBytes() + " bytes");
                }
                buffer.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the package", e);
        }
        return fromZip(buffer.toByteArray(), caps, "");
    }

    /** Reads a package directory, refusing links and anything past the caps. */
    static PackageFiles fromDirectory(Path root, PackageCaps caps) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new PackageRejectedException("", root + " is not a directory");
        }
        TreeMap<String, byte[]> out = new TreeMap<>();
        long total = 0;
        int count = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                String name = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (++count > caps.maxEntries()) {
                    throw new PackageTooLargeException("", "more than " + caps.maxEntries() + " entries");
                }
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isSymbolicLink()) {
                    throw new PackageRejectedException(name, "is a symbolic link; packages may not hold links");
                }
                if (a.isDirectory() || isJunk(name)) {
                    continue;
                }
                if (!a.isRegularFile()) {
                    throw new PackageRejectedException(name, "is not a regular file");
                }
                if (a.size() > caps.maxFileBytes()) {
                    throw new PackageTooLargeException(name, "is " + a.size() + " bytes, more than the cap of "
                            + caps.maxFileBytes() + " per file");
                }
                total += a.size();
                if (total > caps.maxTotalBytes()) {
                    throw new PackageTooLargeException(name, "the package is more than the cap of "
                            + caps.maxTotalBytes() + " bytes in total");
                }
                out.put(checkName(name, ""), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the package directory " + root, e);
        }
        return new PackageFiles(out);
    }

    /** Refuses names that would leave a target directory if anyone ever unpacked them. */
    static String checkName(String name, String where) {
        String shown = name.replaceAll("\\p{Cntrl}", "?");
        if (name.isEmpty()) {
            throw new PackageRejectedException(where, "an entry has an empty name");
        }
        if (name.indexOf('\\') >= 0) {
            throw new PackageRejectedException(shown, "contains a backslash");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new PackageRejectedException(shown, "is an absolute path");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new PackageRejectedException(shown, "contains a control character");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new PackageRejectedException(shown, "has a '" + segment + "' path segment");
            }
        }
        return name;
    }

    private static boolean isJunk(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        return name.startsWith("__MACOSX/") || base.startsWith("._") || base.equals(".DS_Store");
    }

    private static byte[] inflate(ZipFile zf, ZipArchiveEntry e, String name, PackageCaps caps, long totalLeft)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long size = 0;
        try (InputStream in = zf.getInputStream(e)) {
            for (int n; (n = in.read(buffer)) != -1;) {
                size += n;
                if (size > caps.maxFileBytes()) {
                    throw new PackageTooLargeException(name, "inflates past the cap of " + caps.maxFileBytes()
                            + " bytes per file");
                }
                if (size > totalLeft) {
                    throw new PackageTooLargeException(name, "the package inflates past the cap of "
                            + caps.maxTotalBytes() + " bytes in total");
                }
                if (size > RATIO_CHECK_FLOOR && in instanceof InputStreamStatistics stats
                        && stats.getUncompressedCount() > caps.maxCompressionRatio()
                                * Math.max(1, stats.getCompressedCount())) {
                    throw new PackageTooLargeException(name, "inflates more than " + caps.maxCompressionRatio()
                            + " times (a zip bomb?)");
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    /** Looks through one top directory around everything (a zipped folder). */
    private static TreeMap<String, byte[]> stripRoot(TreeMap<String, byte[]> files) {
        String root = null;
        for (String name : files.keySet()) {
            int slash = name.indexOf('/');
            if (slash < 0) {
                return files;
            }
            String top = name.substring(0, slash + 1);
            if (root == null) {
                root = top;
            } else if (!root.equals(top)) {
                return files;
            }
        }
        if (root == null || Set.of("data/", "tests/", "files/", "submissions/").contains(root)) {
            return files;
        }
        TreeMap<String, byte[]> stripped = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            stripped.put(e.getKey().substring(root.length()), e.getValue());
        }
        return stripped;
    }

    boolean has(String path) {
        return files.containsKey(path);
    }

    boolean hasDirectory(String dir) {
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        String next = files.ceilingKey(prefix);
        return next != null && next.startsWith(prefix);
    }

    byte[] bytes(String path) {
        byte[] b = files.get(path);
        if (b == null) {
            throw new PackageRejectedException(path, "is missing");
        }
        used.add(path);
        return b;
    }

    /** The file as UTF-8 text (a byte order mark dropped); refused when it is not. */
    String text(String path) {
        String t = textOrNull(path);
        if (t == null) {
            throw new PackageRejectedException(path, "is not UTF-8 text");
        }
        return t;
    }

    /** The file as UTF-8 text, or {@code null} when it is not text. */
    String textOrNull(String path) {
        byte[] b = bytes(path);
        try {
            String t = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            if (t.indexOf('\0') >= 0) {
                return null;
            }
            return t.startsWith("\uFEFF") ? t.substring(1) : t;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Every file below {@code dir}, at any depth, in path order. */
    List<String> filesUnder(String dir) {
        String prefix = dir.isEmpty() || dir.endsWith("/") ? dir : dir + "/";
        List<String> out = new ArrayList<>();
        for (String name : files.tailMap(prefix, true).keySet()) {
            if (!name.startsWith(prefix)) {
                break;
            }
            out.add(name);
        }
        return out;
    }

    /** The names directly inside {@code dir} (files and directories), sorted. */
    Set<String> children(String dir) {
        String prefix = dir.isEmpty() || dir.endsWith("/") ? dir : dir + "/";
        Set<String> out = new TreeSet<>();
        for (String name : filesUnder(dir)) {
            String rest = name.substring(prefix.length());
            int slash = rest.indexOf('/');
            out.add(slash < 0 ? rest : rest.substring(0, slash));
        }
        return out;
    }

    void markUsed(String path) {
        used.add(path);
    }

    /** The files no reader used, in path order. */
    List<String> unused() {
        return files.keySet().stream().filter(f -> !used.contains(f)).toList();
    }

    Set<String> paths() {
        return files.keySet();
    }
}
