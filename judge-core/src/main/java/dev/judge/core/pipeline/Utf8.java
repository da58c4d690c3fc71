package dev.judge.core.pipeline;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 helpers: strict UTF-8 checks for input, lenient capped decoding for output. */
final class Utf8 {
    private Utf8() {
    }

    /** Whether {@code bytes} is well-formed UTF-8. */
    static boolean isWellFormed(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Whether {@code text} encodes to UTF-8 without loss (no unpaired surrogates). */
    static boolean isEncodable(String text) {
        try {
            StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The first {@code max} bytes as text; a character cut at the end is dropped, malformed bytes replaced. */
    static String excerpt(byte[] bytes, int max) {
        if (bytes.length <= max) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        int end = max;
        // Step back over UTF-8 continuation bytes so the cut does not split a character.
        while (end > 0 && end > max - 4 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Compiler output: stdout then stderr, capped at {@code max} bytes. */
    static String joined(byte[] stdout, byte[] stderr, int max) {
        byte[] all = new byte[stdout.length + stderr.length];
        System.arraycopy(stdout, 0, all, 0, stdout.length);
        System.arraycopy(stderr, 0, all, stdout.length, stderr.length);
        return excerpt(all, max);
    }
}
