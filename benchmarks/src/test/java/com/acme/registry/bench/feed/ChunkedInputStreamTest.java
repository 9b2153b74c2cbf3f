package com.acme.registry.bench.feed;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkedInputStreamTest {

    private static InputStream chunked(String wire) {
        return new ChunkedInputStream(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void joinsChunksAndEndsAtTheLastOne() throws IOException {
        InputStream in = chunked("5\r\nid:12\r\n17;ext=1\r\n\nevent:X\ndata:{\"a\":1}\n\n\r\n0\r\nTrailer: x\r\n\r\nafter");
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
                .isEqualTo("id:12\nevent:X\ndata:{\"a\":1}\n\n");
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void readsByteByByteAcrossChunkBoundaries() throws IOException {
        InputStream in = chunked("2\r\nab\r\n1\r\nc\r\n0\r\n\r\n");
        assertThat(in.read()).isEqualTo('a');
        assertThat(in.read()).isEqualTo('b');
        assertThat(in.read()).isEqualTo('c');
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aConnectionClosedInsideAChunkIsAnError() {
        InputStream in = chunked("a\r\nabc");
        assertThatThrownBy(in::readAllBytes).isInstanceOf(EOFException.class);
    }
}
