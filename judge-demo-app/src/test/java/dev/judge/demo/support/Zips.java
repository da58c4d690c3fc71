package dev.judge.demo.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds zip archives in memory for tests, hostile ones included. */
public final class Zips {
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, String> symlinks = new LinkedHashMap<>();
    private final java.util.Set<String> executables = new java.util.HashSet<>();
    private boolean stored;

    public static Zips create() {
        return new Zips();
    }

    public Zips file(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public Zips file(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    /** A file entry with Unix mode 0755, as {@code zip} stores an executable. */
    public Zips executable(String name, String text) {
        executables.add(name);
        return file(name, text);
    }

    /** An entry that is a Unix symbolic link to {@code target}. */
    public Zips symlink(String name, String target) {
        symlinks.put(name, target);
        return this;
    }

    /** Entries without compression. */
    public Zips stored() {
        stored = true;
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            zip.setMethod(stored ? ZipArchiveOutputStream.STORED : ZipArchiveOutputStream.DEFLATED);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                ZipArchiveEntry e = new ZipArchiveEntry(f.getKey());
                if (executables.contains(f.getKey())) {
                    e.setUnixMode(0100755);
                }
                if (stored) {
                    e.setSize(f.getValue().length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(f.getValue());
                    e.setCrc(crc.getValue());
                }
                zip.putArchiveEntry(e);
                zip.write(f.getValue());
                zip.closeArchiveEntry();
            }
            for (Map.Entry<String, String> s : symlinks.entrySet()) {
                ZipArchiveEntry e = new ZipArchiveEntry(s.getKey());
                e.setUnixMode(0120777);
                zip.putArchiveEntry(e);
                zip.write(s.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A small archive whose one input inflates to {@code bytes} zeros. */
    public static byte[] bomb(long bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            zip.setLevel(9);
            zip.putArchiveEntry(new ZipArchiveEntry("1.in"));
            byte[] zeros = new byte[64 * 1024];
            for (long left = bytes; left > 0; left -= zeros.length) {
                zip.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            zip.closeArchiveEntry();
            zip.putArchiveEntry(new ZipArchiveEntry("1.out"));
            zip.write('0');
            zip.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
