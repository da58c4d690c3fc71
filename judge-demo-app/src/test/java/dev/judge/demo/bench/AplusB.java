package dev.judge.demo.bench;

/** A+B in each benchmarked language, and the same program made new to the artifact cache by a comment. */
final class AplusB {
    private AplusB() {
    }

    static String source(String languageId) {
        return switch (languageId) {
            case "c" -> "#include <stdio.h>\nint main(void) { long a, b; if (scanf(\"%ld %ld\", &a, &b) != 2) return 1;"
                    + " printf(\"%ld\\n\", a + b); return 0; }\n";
            case "cpp" -> "#include <iostream>\nint main() { long a, b; std::cin >> a >> b;"
                    + " std::cout << a + b << '\\n'; return 0; }\n";
            case "java" -> "import java.util.Scanner;\npublic class Main { public static void main(String[] x) {"
                    + " Scanner s = new Scanner(System.in); System.out.println(s.nextLong() + s.nextLong()); } }\n";
            case "python3" -> "a, b = map(int, input().split())\nprint(a + b)\n";
            default -> throw new IllegalArgumentException("no A+B in " + languageId);
        };
    }

    static String withNonce(String languageId, String source, String nonce) {
        return source + ("python3".equals(languageId) ? "# " : "// ") + nonce + "\n";
    }
}
