package dev.judge.core.problem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A package built in a test: paths and contents, written as a zip or a directory. */
final class Pkg {
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    Pkg put(String path, String text) {
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    Pkg put(String path, byte[] bytes) {
        files.put(path, bytes);
        return this;
    }

    Pkg remove(String path) {
        files.remove(path);
        return this;
    }

    byte[] zip() {
        return zip("");
    }

    /** The zip, every path under {@code root} (a zipped folder when not empty). */
    byte[] zip(String root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(root + e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    Path writeTo(Path dir) throws IOException {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        return dir;
    }

    static ImportedProblem read(Pkg p) {
        return ProblemPackageReader.withDefaultCaps().read(p.zip());
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
