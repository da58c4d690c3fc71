package dev.judge.demo.plagiarism;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a source into the tokens fingerprints are taken of, with what a copier changes cheaply taken out: comments
 * and layout are dropped, every identifier that is not a keyword of the language becomes {@code V}, every number
 * {@code N}, every string or character literal {@code S}; keywords, operators and brackets stay. So renaming
 * variables and functions, reformatting and changing constants or messages leave the token stream as it was.
 * Languages come in three families by their lexical rules: C-like (comments {@code //} and {@code /* *}{@code /}),
 * Python-like ({@code #} comments, triple quotes), and the rest, read with C-like rules.
 */
final class Tokenizer {
    private static final Set<String> C_FAMILY_KEYWORDS = Set.of(
            // C, C++
            "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
            "float", "for", "goto", "if", "int", "long", "register", "return", "short", "signed", "sizeof", "static",
            "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "bool", "class",
            "namespace", "template", "typename", "using", "new", "delete", "this", "true", "false", "public",
            "private", "protected", "virtual", "operator", "inline", "const_cast", "static_cast", "nullptr",
            "include", "define", "std", "vector", "string", "cin", "cout", "endl", "printf", "scanf", "main",
            // Java, C#, Kotlin, Go, JavaScript, TypeScript, Rust (the common ones)
            "import", "package", "final", "extends", "implements", "interface", "throws", "throw", "try", "catch",
            "finally", "null", "instanceof", "var", "let", "fun", "val", "func", "go", "defer", "chan", "map",
            "range", "fn", "mut", "impl", "match", "loop", "pub", "use", "mod", "function", "of", "in", "System",
            "out", "println", "Scanner", "String", "Integer", "Long", "Math");
    private static final Set<String> PYTHON_KEYWORDS = Set.of(
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
            "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "print", "input",
            "range", "len", "int", "str", "float", "list", "dict", "set", "map", "sys", "stdin", "split", "append");
    /** Two- and three-character operators kept as one token. */
    private static final List<String> OPERATORS = List.of("<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=",
            ">=", "==", "!=", "&&", "||", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "::", "**", "//", ":=", "=>");

    private Tokenizer() {
    }

    /** Whether a language id reads with Python's rules. */
    static boolean pythonLike(String languageId) {
        String id = languageId.toLowerCase(Locale.ROOT);
        return id.startsWith("python") || id.startsWith("pypy") || id.equals("ruby") || id.equals("perl")
                || id.equals("bash");
    }

    static List<Token> tokens(String languageId, String source) {
        boolean python = pythonLike(languageId);
        Set<String> keywords = python ? PYTHON_KEYWORDS : C_FAMILY_KEYWORDS;
        List<Token> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (python && c == '#' || !python && source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (!python && source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(source, i, end);
                i = end;
            } else if (python && (source.startsWith("\"\"\"", i) || source.startsWith("'''", i))) {
                int end = source.indexOf(source.substring(i, i + 3), i + 3);
                end = end < 0 ? n : end + 3;
                out.add(new Token("S", line));
                line += count(source, i, end);
                i = end;
            } else if (c == '"' || c == '\'' || c == '`') {
                int start = line;
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(new Token("S", start));
                i = Math.min(n, j + 1);
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(source.charAt(j)) || source.charAt(j) == '.'
                        || source.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token("N", line));
                i = j;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i;
                while (j < n && Character.isJavaIdentifierPart(source.charAt(j))) {
                    j++;
                }
                String word = source.substring(i, j);
                out.add(new Token(keywords.contains(word) ? word : "V", line));
                i = j;
            } else {
                String op = String.valueOf(c);
                for (String o : OPERATORS) {
                    if (source.startsWith(o, i)) {
                        op = o;
                        break;
                    }
                }
                out.add(new Token(op, line));
                i += op.length();
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
