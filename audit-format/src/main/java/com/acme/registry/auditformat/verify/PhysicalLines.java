package com.acme.registry.auditformat.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a UTF-8 stream into lines at {@code \n} (and only there: a {@code \r} stays part of the line's text),
 * decoding each line strictly, so that an encoding error is reported at its own line. Holds one line at a time.
 */
final class PhysicalLines {

    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[8 * 1024];
    private int lineLen;
    private long number;
    private boolean terminated = true;
    private int nonAscii; // the bytes of the current line ORed: negative when one of them is not ASCII
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    PhysicalLines(InputStream in) {
        this.in = in;
    }

    /** The next line's text without its {@code \n}, or null at the end of the stream. */
    String next() throws IOException, VerificationFailure {
        lineLen = 0;
        nonAscii = 0;
        while (true) {
            if (chunkPos == chunkLen) {
                chunkLen = in.read(chunk);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    if (lineLen == 0) {
                        return null;
                    }
                    terminated = false;
                    number++;
                    return decode();
                }
            }
            int start = chunkPos;
            int end = start;
            int bits = 0;
            byte b;
            while (end < chunkLen && (b = chunk[end]) != '\n') {
                bits |= b;
                end++;
            }
            nonAscii |= bits;
            append(start, end);
            if (end < chunkLen) {
                chunkPos = end + 1;
                terminated = true;
                number++;
                return decode();
            }
            chunkPos = end;
        }
    }

    /** The number of the line last returned by {@link #next()}, 1-based. */
    long number() {
        return number;
    }

    /** Whether the line last returned ended with {@code \n} (false: it was cut off at the end of the file). */
    boolean terminated() {
        return terminated;
    }

    private void append(int from, int to) throws VerificationFailure {
        int n = to - from;
        if (lineLen + n > MAX_LINE_BYTES) {
            throw VerificationFailure.at(number + 1, "longer than " + MAX_LINE_BYTES / (1024 * 1024)
                    + " MiB: not a line of an audit export");
        }
        if (lineLen + n > line.length) {
            line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, lineLen + n)));
        }
        System.arraycopy(chunk, from, line, lineLen, n);
        lineLen += n;
    }

    private String decode() throws VerificationFailure {
        if (nonAscii >= 0) { // no byte with its high bit set: ASCII, which UTF-8 decodes to the same characters
            String ascii = new String(line, 0, lineLen, StandardCharsets.ISO_8859_1);
            if (line.length > 1024 * 1024) {
                line = new byte[8 * 1024];
            }
            return ascii;
        }
        try {
            return utf8.decode(ByteBuffer.wrap(line, 0, lineLen)).toString();
        } catch (CharacterCodingException e) {
            throw VerificationFailure.at(number, "not valid UTF-8");
        } finally {
            if (line.length > 1024 * 1024) {
                line = new byte[8 * 1024]; // do not keep a huge buffer for the lines after a long one
            }
        }
    }
}
