package com.acme.registry.bench.feed;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {

    private final List<SseParser.Event> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final SseParser parser = new SseParser(new SseParser.Listener() {
        @Override
        public void event(SseParser.Event event) {
            events.add(event);
        }

        @Override
        public void comment(String text) {
            comments.add(text);
        }
    });

    private void lines(String... lines) {
        for (String line : lines) {
            parser.line(line);
        }
    }

    @Test
    void readsTheRegistrysStreamAsSpringWritesIt() {
        lines("retry:2000", ":position 1233", "", "id:1234", "event:RolloutCompleted",
                "data:{\"id\":\"1234\",\"position\":1234}", "", ":heartbeat", "");
        assertThat(events).containsExactly(new SseParser.Event("1234", "RolloutCompleted", "{\"id\":\"1234\",\"position\":1234}"));
        assertThat(comments).containsExactly("position 1233", "heartbeat");
        assertThat(parser.retryMillis()).isEqualTo(2000);
    }

    @Test
    void anEventIsDispatchedOnlyByABlankLineAndOnlyWithData() {
        lines("id:7", "event:X");
        assertThat(events).isEmpty();
        lines("");
        assertThat(events).as("no data: nothing dispatched").isEmpty();
        lines("data: first", "data:second", "data");
        assertThat(events).isEmpty();
        lines("");
        assertThat(events).containsExactly(new SseParser.Event("7", "message", "first\nsecond\n"));
    }

    @Test
    void theLastIdCarriesOverAndOneSpaceAfterTheColonIsDropped() {
        lines("id: 41", "data:  a", "", "data:b", "");
        assertThat(events).containsExactly(new SseParser.Event("41", "message", " a"),
                new SseParser.Event("41", "message", "b"));
    }

    @Test
    void unknownFieldsAndBadRetriesAreIgnored() {
        lines("retry:soon", "colour:blue", "data:x", "");
        assertThat(parser.retryMillis()).isEqualTo(-1);
        assertThat(events).containsExactly(new SseParser.Event(null, "message", "x"));
    }
}
