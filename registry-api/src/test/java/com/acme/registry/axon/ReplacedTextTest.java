package com.acme.registry.axon;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplacedTextTest {

    @Test
    void nulAndUnpairedSurrogatesBecomeTheReplacementCharacterAndEverythingElseIsKept() {
        assertThat(ReplacedText.text("x\u0000y")).isEqualTo("x\uFFFDy");
        assertThat(ReplacedText.text("a\uD800b")).isEqualTo("a\uFFFDb");
        assertThat(ReplacedText.text("a\uDC00")).isEqualTo("a\uFFFD");
        assertThat(ReplacedText.text("end\uD83D")).isEqualTo("end\uFFFD");
        assertThat(ReplacedText.text("emoji \uD83D\uDE00, tab\t, newline\n, \\u0000 as text"))
                .isEqualTo("emoji \uD83D\uDE00, tab\t, newline\n, \\u0000 as text");
        String plain = "plain";
        assertThat(ReplacedText.text(plain)).isSameAs(plain);
        assertThat(ReplacedText.text(null)).isNull();
    }

    @Test
    void jsonNulEscapesBecomeReplacementEscapesButAnEscapedBackslashIsKept() {
        assertThat(ReplacedText.json("{\"a\":\"x\\u0000y\"}")).isEqualTo("{\"a\":\"x\\uFFFDy\"}");
        assertThat(ReplacedText.json("{\"a\":\"x\\\\u0000y\"}")).as("the text \\u0000, not a NUL")
                .isEqualTo("{\"a\":\"x\\\\u0000y\"}");
        assertThat(ReplacedText.json("{\"a\":\"x\\\\\\u0000\"}")).isEqualTo("{\"a\":\"x\\\\\\uFFFD\"}");
        assertThat(ReplacedText.json("{\"a\\u0000\":1}")).isEqualTo("{\"a\\uFFFD\":1}");
    }

    @Test
    void onlyStringArgumentsAreReplacedAndTheArrayIsCopiedOnlyWhenOneChanges() {
        Object[] clean = {"a", 1, null};
        assertThat(ReplacedText.args(clean)).isSameAs(clean);
        Object[] dirty = {"a\u0000", 2L};
        assertThat(ReplacedText.args(dirty)).containsExactly("a\uFFFD", 2L);
        assertThat(dirty[0]).isEqualTo("a\u0000");
    }
}
