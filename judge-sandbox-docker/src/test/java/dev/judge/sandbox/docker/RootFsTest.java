package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/** The runtime image's root filesystem as a tar stream, read back entry by entry; no Docker needed. */
class RootFsTest {
    private static final byte[] RUNNER = "\u007fELF runner".getBytes(StandardCharsets.ISO_8859_1);
    private static final RootFs.Host MERGED_USR = new RootFs.Host(
            Map.of("bin", "usr/bin", "lib", "usr/lib", "sbin", "usr/sbin"), List.of("java-17-openjdk"));

    private record Read(TarArchiveEntry entry, byte[] content) {
    }

    private static Map<String, Read> read(byte[] tar) throws IOException {
        Map<String, Read> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new Read(e, in.readAllBytes()));
            }
        }
        return entries;
    }

    @Test
    void holdsTheFoldersUsersMountPointsAndRunnerInNameOrder() throws IOException {
        Map<String, Read> entries = read(RootFs.build(61000, MERGED_USR, RUNNER).bytes());
        assertThat(entries.keySet()).containsExactly("bin", "dev/", "etc/", "etc/alternatives/", "etc/group",
                "etc/hostname", "etc/hosts", "etc/java-17-openjdk/", "etc/ld.so.cache", "etc/passwd",
                "etc/resolv.conf", "lib", "lib64/", "opt/", "opt/judge/", "opt/judge/runner", "proc/", "sbin",
                "sys/", "tmp/", "usr/", "work/");
        for (Read r : entries.values()) {
            TarArchiveEntry e = r.entry();
            assertThat(e.getLongUserId()).as(e.getName()).isZero();
            assertThat(e.getLongGroupId()).as(e.getName()).isZero();
            assertThat(e.getUserName()).as(e.getName()).isEmpty();
            assertThat(e.getGroupName()).as(e.getName()).isEmpty();
            assertThat(e.getLastModifiedTime().toInstant()).as(e.getName()).isEqualTo(RootFs.MTIME);
        }
        assertThat(entries.get("tmp/").entry().getMode() & 07777).isEqualTo(01777);
        assertThat(entries.get("work/").entry().getMode() & 07777).isEqualTo(01777);
        assertThat(entries.get("etc/").entry().getMode() & 07777).isEqualTo(0755);
        assertThat(entries.get("etc/").entry().isDirectory()).isTrue();

        TarArchiveEntry runner = entries.get("opt/judge/runner").entry();
        assertThat(runner.isFile()).isTrue();
        assertThat(runner.getMode() & 07777).isEqualTo(0755);
        assertThat(entries.get("opt/judge/runner").content()).isEqualTo(RUNNER);
        for (String empty : List.of("etc/ld.so.cache", "etc/hosts", "etc/hostname", "etc/resolv.conf")) {
            assertThat(entries.get(empty).entry().isFile()).as(empty).isTrue();
            assertThat(entries.get(empty).content()).as(empty).isEmpty();
            assertThat(entries.get(empty).entry().getMode() & 07777).as(empty).isEqualTo(0644);
        }
    }

    @Test
    void mirrorsTheHostsTopLevelFoldersAsSymlinksOrFolders() throws IOException {
        Map<String, Read> merged = read(RootFs.build(61000, MERGED_USR, RUNNER).bytes());
        assertThat(merged.get("bin").entry().isSymbolicLink()).isTrue();
        assertThat(merged.get("bin").entry().getLinkName()).isEqualTo("usr/bin");
        assertThat(merged.get("sbin").entry().getLinkName()).isEqualTo("usr/sbin");
        assertThat(merged.get("lib64/").entry().isDirectory()).as("a real folder on that host").isTrue();

        Map<String, Read> split = read(RootFs.build(61000, new RootFs.Host(Map.of(), List.of()), RUNNER).bytes());
        for (String dir : List.of("bin/", "lib/", "lib64/", "sbin/")) {
            assertThat(split.get(dir).entry().isDirectory()).as(dir).isTrue();
        }
        assertThat(split.keySet()).noneMatch(name -> name.startsWith("etc/java-"));
    }

    @Test
    void namesTheUnprivilegedUsersFromTheUidBase() throws IOException {
        Map<String, Read> entries = read(RootFs.build(70000, MERGED_USR, RUNNER).bytes());
        List<String> passwd = lines(entries.get("etc/passwd").content());
        assertThat(passwd).hasSize(RootFs.USERS + 2);
        assertThat(passwd.get(0)).isEqualTo("root:x:0:0:root:/root:/nonexistent");
        assertThat(passwd.get(1)).isEqualTo("judge0:x:70000:70000:judge:/work:/nonexistent");
        assertThat(passwd.get(RootFs.USERS)).isEqualTo("judge1023:x:71023:71023:judge:/work:/nonexistent");
        assertThat(passwd.get(RootFs.USERS + 1)).isEqualTo("nobody:x:65534:65534:nobody:/nonexistent:/nonexistent");
        List<String> group = lines(entries.get("etc/group").content());
        assertThat(group).hasSize(RootFs.USERS + 2);
        assertThat(group.get(0)).isEqualTo("root:x:0:");
        assertThat(group.get(1)).isEqualTo("judge0:x:70000:");
        assertThat(group.get(RootFs.USERS)).isEqualTo("judge1023:x:71023:");
        assertThat(group.get(RootFs.USERS + 1)).isEqualTo("nogroup:x:65534:");
        assertThat(entries.get("etc/passwd").entry().getMode() & 07777).isEqualTo(0644);
    }

    @Test
    void theSameInputsGiveTheSameBytesAndDigest() {
        RootFs.Tar a = RootFs.build(61000, MERGED_USR, RUNNER);
        RootFs.Tar b = RootFs.build(61000, MERGED_USR, RUNNER);
        assertThat(a.bytes()).isEqualTo(b.bytes());
        assertThat(a.digest()).isEqualTo(b.digest()).hasSize(12).matches("[0-9a-f]{12}");
        assertThat(a.digest()).isEqualTo(RootFs.sha256(a.bytes()).substring(0, 12));
        assertThat(RootFs.build(61001, MERGED_USR, RUNNER).digest()).isNotEqualTo(a.digest());
        assertThat(RootFs.build(61000, MERGED_USR, "other".getBytes(StandardCharsets.US_ASCII)).digest())
                .isNotEqualTo(a.digest());
    }

    @Test
    void bundlesAStaticallyLinkedRunnerCheckedAgainstItsDigest() {
        byte[] runner = RootFs.bundledRunner();
        assertThat(runner).startsWith(0x7f, 'E', 'L', 'F');
        assertThat(runner[4]).as("ELFCLASS64").isEqualTo((byte) 2);
        // A static executable has no program header of type PT_INTERP (which names the dynamic linker).
        ByteBuffer elf = ByteBuffer.wrap(runner).order(runner[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long phoff = elf.getLong(0x20);
        int phentsize = Short.toUnsignedInt(elf.getShort(0x36));
        int phnum = Short.toUnsignedInt(elf.getShort(0x38));
        assertThat(phnum).isPositive();
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            types.add(elf.getInt((int) phoff + i * phentsize));
        }
        assertThat(types).as("program header types").contains(1).doesNotContain(3);
    }

    @Test
    void checksItsArguments() {
        assertThatThrownBy(() -> RootFs.build(0, MERGED_USR, RUNNER)).hasMessageContaining("uidBase");
        assertThatThrownBy(() -> RootFs.build(61000, MERGED_USR, new byte[0])).hasMessageContaining("runner");
        assertThatThrownBy(() -> new RootFs.Host(Map.of("usr", "x"), List.of())).hasMessageContaining("usr");
        assertThatThrownBy(() -> new RootFs.Host(Map.of(), List.of("../x"))).hasMessageContaining("../x");
        assertThat(Engine.splitReference("judge-runtime")).containsExactly("judge-runtime", "latest");
        assertThat(Engine.splitReference("judge-runtime:1.2")).containsExactly("judge-runtime", "1.2");
        assertThat(Engine.splitReference("host:5000/judge/runtime")).containsExactly("host:5000/judge/runtime", "latest");
        assertThat(Engine.splitReference("host:5000/runtime:v1")).containsExactly("host:5000/runtime", "v1");
        assertThatThrownBy(() -> Engine.splitReference("runtime@sha256:00")).hasMessageContaining("digest");
    }

    private static List<String> lines(byte[] content) {
        String text = new String(content, StandardCharsets.US_ASCII);
        assertThat(text).endsWith("\n");
        return new ArrayList<>(List.of(text.split("\n")));
    }
}
