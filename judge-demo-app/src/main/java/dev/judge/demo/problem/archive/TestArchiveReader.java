package dev.judge.demo.problem.archive;

import dev.judge.core.model.TestCase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads test cases from a zip archive in one of two layouts:
 * <ul>
 * <li>flat: {@code NAME.in} with {@code NAME.out} or {@code NAME.ans}; one directory level names a subtask
 * group ({@code group1/3.in}); tests are hidden or public as the caller says;</li>
 * <li>Kattis problem package: {@code data/sample/NAME.in|.ans} (public) and {@code data/secret/NAME.in|.ans}
 * (hidden), where directories below {@code secret} name groups; other files of the package are ignored.</li>
 * </ul>
 * A single top directory around everything (a zipped folder) is looked through. Test names are the path
 * below the layout's root without extension, {@code /} replaced by {@code -}: {@code 3}, {@code group1-3},
 * {@code sample-1}, {@code secret-g1-01}; tests come in natural order of names.
 *
 * <p>Refused, before anything is stored: entry names with {@code ..}, absolute paths, drive letters,
 * backslashes or control characters; symbolic links; more entries than allowed; an entry inflating past
 * the per-file or total cap or past the compression-ratio cap. Sizes are counted while inflating; the
 * sizes an archive declares are never trusted.
 *
 * <p>{@link ZipFile} reads the whole central directory before entries can be counted; its size is bounded by
 * the archive size cap (about 5.5 MB of heap per MB of archive in the worst case, tiny entries only), and
 * uploads are for administrators only.
 */
public final class TestArchiveReader {
    /** Below this many bytes an entry's compression ratio is not checked: short repetitive data is normal. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._+-]+");
    private static final int MAX_NAME = 128;

    private final ArchiveCaps caps;

    public TestArchiveReader(ArchiveCaps caps) {
        this.caps = caps;
    }

    /**
     * @param zip          the archive, on disk
     * @param flatHidden   whether the tests of a flat archive are hidden (a Kattis package says it itself)
     */
    public List<TestCase> read(Path zip, boolean flatHidden) {
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            List<ZipArchiveEntry> files = listFiles(file);
            String root = commonRoot(files);
            boolean kattis = files.stream().anyMatch(e -> strip(e.getName(), root).startsWith("data/"));
            Map<String, Pair> pairs = new TreeMap<>(TestArchiveReader::naturalOrder);
            for (ZipArchiveEntry e : files) {
                String path = strip(e.getName(), root);
                TestFileRole role = kattis ? kattisRole(path, e.getName()) : flatRole(path, e.getName(), flatHidden);
                if (role != null) {
                    pairs.computeIfAbsent(role.name(), n -> new Pair(role.group(), role.hidden()))
                            .add(role.input(), e);
                }
            }
            if (pairs.isEmpty()) {
                throw ArchiveRejectedException.unacceptable("no test found (expected NAME.in with NAME.out or NAME.ans,"
                        + " or a Kattis package with data/sample and data/secret)");
            }
            if (pairs.size() > caps.maxTests()) {
                throw ArchiveRejectedException.unacceptable("the archive holds " + pairs.size()
                        + " tests, more than the cap of " + caps.maxTests());
            }
            return readPairs(file, pairs);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ArchiveRejectedException rejected) {
                throw rejected;
            }
            throw ArchiveRejectedException.unacceptable("not a readable zip archive (" + e.getMessage() + ")");
        }
    }

    private List<ZipArchiveEntry> listFiles(ZipFile file) {
        List<ZipArchiveEntry> files = new ArrayList<>();
        int count = 0;
        for (Enumeration<ZipArchiveEntry> en = file.getEntries(); en.hasMoreElements();) {
            ZipArchiveEntry e = en.nextElement();
            if (++count > caps.maxEntries()) {
                throw ArchiveRejectedException.unacceptable("the archive has more than " + caps.maxEntries() + " entries");
            }
            checkName(e.getName());
            if (e.isUnixSymlink()) {
                throw ArchiveRejectedException.unacceptable("entry '" + e.getName() + "' is a symbolic link");
            }
            if (!e.isDirectory() && !isJunk(e.getName())) {
                files.add(e);
            }
        }
        return files;
    }

    /** Refuses names that would leave a target directory if anyone ever unpacked them. */
    static void checkName(String name) {
        String shown = "entry '" + name.replaceAll("\\p{Cntrl}", "?") + "'";
        if (name.isEmpty()) {
            throw ArchiveRejectedException.unacceptable("an entry has an empty name");
        }
        if (name.indexOf('\\') >= 0) {
            throw ArchiveRejectedException.unacceptable(shown + " contains a backslash");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw ArchiveRejectedException.unacceptable(shown + " is an absolute path");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw ArchiveRejectedException.unacceptable(shown + " contains a control character");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw ArchiveRejectedException.unacceptable(shown + " has a '" + segment + "' path segment");
            }
        }
    }

    private static boolean isJunk(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        return name.startsWith("__MACOSX/") || base.startsWith("._") || base.equals(".DS_Store");
    }

    /** The one top directory all files sit in, with its slash, or "" when there is none. */
    private static String commonRoot(List<ZipArchiveEntry> files) {
        String root = null;
        for (ZipArchiveEntry e : files) {
            int slash = e.getName().indexOf('/');
            if (slash < 0) {
                return "";
            }
            String top = e.getName().substring(0, slash + 1);
            if (root == null) {
                root = top;
            } else if (!root.equals(top)) {
                return "";
            }
        }
        return root == null || root.equals("data/") ? "" : root;
    }

    private static String strip(String name, String root) {
        return name.substring(root.length());
    }

    /** What an archive entry is to the tests: which test, its group and visibility, input or answer. */
    private record TestFileRole(String name, String group, boolean hidden, boolean input) {
    }

    private static TestFileRole flatRole(String path, String entry, boolean hidden) {
        Ext ext = Ext.of(path);
        if (ext == null) {
            return null;
        }
        String[] parts = ext.stem().split("/");
        if (parts.length > 2) {
            throw ArchiveRejectedException.unacceptable("entry '" + entry
                    + "' is nested too deep (flat layout: NAME.in or GROUP/NAME.in)");
        }
        String group = parts.length == 2 ? checkSegment(parts[0], entry) : null;
        return new TestFileRole(testName(parts, entry), group, hidden, ext.input());
    }

    private static TestFileRole kattisRole(String path, String entry) {
        boolean sample = path.startsWith("data/sample/");
        boolean secret = path.startsWith("data/secret/");
        Ext ext = Ext.of(path);
        if ((!sample && !secret) || ext == null) {
            return null;
        }
        String[] parts = ext.stem().substring("data/".length()).split("/");
        String group = null;
        if (secret && parts.length > 2) {
            group = String.join("-", java.util.Arrays.copyOfRange(parts, 1, parts.length - 1));
        }
        return new TestFileRole(testName(parts, entry), group, secret, ext.input());
    }

    private static String testName(String[] parts, String entry) {
        for (String p : parts) {
            checkSegment(p, entry);
        }
        String name = String.join("-", parts);
        if (name.length() > MAX_NAME) {
            throw ArchiveRejectedException.unacceptable("entry '" + entry + "' gives a test name longer than " + MAX_NAME);
        }
        return name;
    }

    private static String checkSegment(String segment, String entry) {
        if (!SEGMENT.matcher(segment).matches()) {
            throw ArchiveRejectedException.unacceptable("entry '" + entry
                    + "' has a name with characters other than letters, digits and . _ + -");
        }
        return segment;
    }

    private record Ext(String stem, boolean input) {
        static Ext of(String path) {
            if (path.endsWith(".in")) {
                return new Ext(path.substring(0, path.length() - 3), true);
            }
            if (path.endsWith(".out") || path.endsWith(".ans")) {
                return new Ext(path.substring(0, path.length() - 4), false);
            }
            return null;
        }
    }

    private static final class Pair {
        final String group;
        final boolean hidden;
        ZipArchiveEntry input;
        ZipArchiveEntry answer;

        Pair(String group, boolean hidden) {
            this.group = group;
            this.hidden = hidden;
        }

        void add(boolean isInput, ZipArchiveEntry e) {
            if (isInput ? input != null : answer != null) {
                throw ArchiveRejectedException.unacceptable("entry '" + e.getName() + "' is a second "
                        + (isInput ? "input" : "answer") + " for the same test");
            }
            if (isInput) {
                input = e;
            } else {
                answer = e;
            }
        }
    }

    private List<TestCase> readPairs(ZipFile file, Map<String, Pair> pairs) throws IOException {
        CappedInflater inflater = new CappedInflater(caps, "the tests");
        List<TestCase> tests = new ArrayList<>();
        for (Map.Entry<String, Pair> p : pairs.entrySet()) {
            Pair pair = p.getValue();
            if (pair.input == null) {
                throw ArchiveRejectedException.unacceptable("entry '" + pair.answer.getName() + "' has no .in file");
            }
            if (pair.answer == null) {
                throw ArchiveRejectedException.unacceptable("entry '" + pair.input.getName()
                        + "' has no .out or .ans file");
            }
            byte[] input = inflater.inflate(file, pair.input);
            byte[] answer = inflater.inflate(file, pair.answer);
            tests.add(new TestCase(p.getKey(), input, answer, 1.0, pair.group, pair.hidden));
        }
        return Collections.unmodifiableList(tests);
    }

    /** Orders names with digit runs compared as numbers: 2 before 10. */
    static int naturalOrder(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }
}
