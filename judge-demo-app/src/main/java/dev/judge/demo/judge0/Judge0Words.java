package dev.judge.demo.judge0;

import java.util.ArrayList;
import java.util.List;

/**
 * Judge0's {@code compiler_options} and {@code command_line_arguments} strings as argument lists. Judge0 writes
 * them into a bash script; here they are split into words the way a POSIX shell splits them (blanks separate,
 * single quotes keep everything, double quotes keep all but {@code \"} and {@code \\}, a backslash escapes the next
 * character) with no expansion of any kind, and each word is passed to exec as one argument. The characters Judge0
 * removes before its shell sees them ({@code $&;<>|`}) are refused instead of silently dropped.
 */
final class Judge0Words {
    static final String REFUSED = "$&;<>|`";
    /** Judge0's column validation: {@code length: {maximum: 512}}. */
    static final int MAX_LENGTH = 512;

    private Judge0Words() {
    }

    /** Thrown with the reason a string cannot be split. */
    static final class Malformed extends IllegalArgumentException {
        Malformed(String message) {
            super(message);
        }
    }

    static List<String> split(String s) {
        if (s.length() > MAX_LENGTH) {
            throw new Malformed("is too long (maximum is " + MAX_LENGTH + " characters)");
        }
        for (int i = 0; i < s.length(); i++) {
            if (REFUSED.indexOf(s.charAt(i)) >= 0) {
                throw new Malformed("may not hold any of " + REFUSED + " (found '" + s.charAt(i) + "')");
            }
            if (s.charAt(i) == '\0') {
                throw new Malformed("may not hold a NUL character");
            }
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new Malformed("has an unterminated single quote");
                }
                word.append(s, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(s, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < s.length() && s.charAt(i + 1) != '\n') {
                    word.append(s.charAt(i + 1));
                    inWord = true;
                }
                i += 2; // a backslash before a newline joins lines; a trailing one is dropped
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends a double-quoted part starting after its quote; returns the index after the closing quote. */
    private static int doubleQuoted(String s, int from, StringBuilder word) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                word.append(s.charAt(i + 1));
                i += 2;
            } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new Malformed("has an unterminated double quote");
    }
}
