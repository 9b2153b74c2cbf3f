package com.acme.registry.bench.feed;

/**
 * Server-Sent Events, line by line, as the WHATWG HTML standard parses them: {@code field:value} (one space after
 * the colon dropped), {@code data} lines joined with a line break, a blank line dispatches the event (none when it had
 * no data), a line starting with a colon is a comment, an {@code id} stays the last event id until another one comes.
 */
public final class SseParser {

    /** An event: its id (the last one seen), its name ({@code message} when none was given) and its data. */
    public record Event(String id, String name, String data) {
    }

    public interface Listener {
        void event(Event event);

        /** A comment line, without its colon (e.g. {@code heartbeat}, {@code position 123}). */
        default void comment(String text) {
        }
    }

    private final Listener listener;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String name;
    private String lastId;
    private long retryMillis = -1;

    public SseParser(Listener listener) {
        this.listener = listener;
    }

    /** One line, without its line end. */
    public void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            listener.comment(line.substring(1).stripLeading());
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1 < line.length() && line.charAt(colon + 1) == ' '
                ? colon + 2 : colon + 1);
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> name = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                    retryMillis = Long.parseLong(value);
                }
            }
            default -> {
                // unknown fields are ignored
            }
        }
    }

    /** The last {@code retry} the server sent, or -1. */
    public long retryMillis() {
        return retryMillis;
    }

    private void dispatch() {
        if (hasData) {
            listener.event(new Event(lastId, name == null || name.isEmpty() ? "message" : name, data.toString()));
        }
        data.setLength(0);
        hasData = false;
        name = null;
    }
}
