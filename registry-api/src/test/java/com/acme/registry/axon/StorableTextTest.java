package com.acme.registry.axon;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextTest {

    @Test
    void nulAndUnpairedSurrogatesBecomeTheReplacementCharacterAndEverythingElseIsKept() {
        assertThat(StorableText.text("x\u0000y")).isEqualTo("x\uFFFDy");
        assertThat(StorableText.text("a\uD800b")).isEqualTo("a\uFFFDb");
        assertThat(StorableText.text("a\uDC00")).isEqualTo("a\uFFFD");
        assertThat(StorableText.text("end\uD83D")).isEqualTo("end\uFFFD");
        assertThat(StorableText.text("emoji \uD83D\uDE00, tab\t, newline\n, \\u0000 as text"))
                .isEqualTo("emoji \uD83D\uDE00, tab\t, newline\n, \\u0000 as text");
        String plain = "plain";
        assertThat(StorableText.text(plain)).isSameAs(plain);
        assertThat(StorableText.text(null)).isNull();
    }

    @Test
    void jsonNulEscapesBecomeReplacementEscapesButAnEscapedBackslashIsKept() {
        assertThat(StorableText.json("{\"a\":\"x\\u0000y\"}")).isEqualTo("{\"a\":\"x\\uFFFDy\"}");
        assertThat(StorableText.json("{\"a\":\"x\\\\u0000y\"}")).as("the text \\u0000, not a NUL")
                .isEqualTo("{\"a\":\"x\\\\u0000y\"}");
        assertThat(StorableText.json("{\"a\":\"x\\\\\\u0000\"}")).isEqualTo("{\"a\":\"x\\\\\\uFFFD\"}");
        assertThat(StorableText.json("{\"a\\u0000\":1}")).isEqualTo("{\"a\\uFFFD\":1}");
    }

    @Test
    void onlyStringArgumentsAreReplacedAndTheArrayIsCopiedOnlyWhenOneChanges() {
        Object[] clean = {"a", 1, null};
        assertThat(StorableText.args(clean)).isSameAs(clean);
        Object[] dirty = {"a\u0000", 2L};
        assertThat(StorableText.args(dirty)).containsExactly("a\uFFFD", 2L);
        assertThat(dirty[0]).isEqualTo("a\u0000");
    }
}
