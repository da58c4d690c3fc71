package dev.judge.sandbox.linux;

import dev.judge.core.testsupport.RequiredParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Compiles small C test programs with the host's gcc, once per source. */
final class CPrograms {
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private CPrograms() {
    }

    static boolean gccAvailable() {
        try {
            Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static byte[] compile(String source) {
        RequiredParts.require(gccAvailable(), "gcc (test programs are compiled with it)");
        return CACHE.computeIfAbsent(source, CPrograms::build);
    }

    private static byte[] build(String source) {
        try {
            Path dir = Files.createTempDirectory("judge-native-test-c-" + ProcessHandle.current().pid() + "-");
            try {
                Path src = dir.resolve("p.c");
                Files.writeString(src, source, StandardCharsets.UTF_8);
                Path out = dir.resolve("p");
                Process p = new ProcessBuilder("gcc", "-O1", "-o", out.toString(), src.toString(), "-lpthread")
                        .redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("gcc failed:\n" + log);
                }
                return Files.readAllBytes(out);
            } finally {
                InstanceDirs.deleteTree(dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
