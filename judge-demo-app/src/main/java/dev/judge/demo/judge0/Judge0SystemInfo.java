package dev.judge.demo.judge0;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judge0's {@code GET /system_info} ({@code app/helpers/system_info.rb}): the output of {@code lscpu} and
 * {@code free -h} as one map of strings. Read here from {@code /proc/cpuinfo} and {@code /proc/meminfo} (no
 * process is started for a request), with the keys {@code lscpu} and {@code free} print; a key whose value this
 * host does not show is left out, as {@code lscpu} leaves it out.
 */
final class Judge0SystemInfo {
    private static volatile Map<String, String> cached;

    private Judge0SystemInfo() {
    }

    static Map<String, String> read() {
        Map<String, String> c = cached;
        if (c == null) {
            c = Map.copyOf(build());
            cached = c;
        }
        return new LinkedHashMap<>(c);
    }

    private static Map<String, String> build() {
        Map<String, String> cpu = firstBlock(Path.of("/proc/cpuinfo"));
        Map<String, String> m = new LinkedHashMap<>();
        String arch = System.getProperty("os.arch");
        m.put("Architecture", switch (arch) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            default -> arch;
        });
        m.put("Byte Order", ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "Little Endian" : "Big Endian");
        m.put("CPU(s)", Integer.toString(Runtime.getRuntime().availableProcessors()));
        put(m, "Vendor ID", cpu.get("vendor_id"));
        put(m, "CPU family", cpu.get("cpu family"));
        put(m, "Model", cpu.get("model"));
        put(m, "Model name", cpu.get("model name"));
        put(m, "Stepping", cpu.get("stepping"));
        put(m, "CPU MHz", cpu.get("cpu MHz"));
        put(m, "BogoMIPS", cpu.get("bogomips"));
        Map<String, String> mem = firstBlock(Path.of("/proc/meminfo"));
        put(m, "Mem", human(mem.get("MemTotal")));
        put(m, "Swap", human(mem.get("SwapTotal")));
        return m;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(key, value.trim());
        }
    }

    /** The {@code key : value} lines up to the first blank line (the first processor of cpuinfo). */
    private static Map<String, String> firstBlock(Path file) {
        Map<String, String> m = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return m;
        }
        for (String line : lines) {
            if (line.isBlank()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                m.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return m;
    }

    /** {@code 8041224 kB} as {@code free -h} prints it: {@code 7.7G}. */
    static String human(String meminfo) {
        if (meminfo == null) {
            return null;
        }
        String digits = meminfo.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return null;
        }
        double v = Long.parseLong(digits) * 1024.0;
        String[] units = {"B", "K", "M", "G", "T", "P"};
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v >= 10 || u == 0 ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.1f", v)) + units[u];
    }
}
