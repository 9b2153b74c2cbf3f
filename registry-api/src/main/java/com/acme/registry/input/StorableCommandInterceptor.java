package com.acme.registry.input;

import com.acme.registry.validation.StorableText;
import com.acme.registry.validation.Violations;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The safety net behind every door (API, web UI, demo data, any future adapter): a command carrying text that
 * a store cannot hold is refused before it is dispatched, so it can never become an event that stalls the read
 * models. It walks every string of the command, through records, maps (keys and values), collections and
 * arrays, and of its metadata; a non-finite number, which {@code jsonb} cannot hold either, is refused too. The
 * commands' own validation is stricter and names the same fields; this one only
 * enforces {@link StorableText} (tab and line breaks allowed, as multi-line text may hold them).
 *
 * <p>Field names follow the API's bodies: a record nested directly in the command (a model's description, a
 * version's evidence) is the body itself, so its components are named without the wrapper, e.g.
 * {@code datasets[0].name}.
 */
public class StorableCommandInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    private static final int MAX_DEPTH = 16;
    private static final Map<String, String> METADATA_NAMES = Map.of("idempotencyKey", "Idempotency-Key");

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Violations violations = new Violations();
            Object payload = command.getPayload();
            if (payload instanceof Record record) {
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    Object value = read(component, record);
                    String name = component.getName();
                    if (value instanceof Record nested) {
                        components(nested, "", violations, 1);
                    } else {
                        walk(value, name, violations, 1);
                    }
                }
            } else {
                walk(payload, "command", violations, 0);
            }
            command.getMetaData().forEach((key, value) ->
                    walk(value, METADATA_NAMES.getOrDefault(key, key), violations, 0));
            violations.throwIfAny();
            return command;
        };
    }

    private static void walk(Object value, String path, Violations violations, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof CharSequence text) {
            String problem = StorableText.problem(text.toString(), true);
            if (problem != null) {
                violations.add(path, problem);
            }
        } else if (value instanceof Double number && !Double.isFinite(number)
                || value instanceof Float single && !Float.isFinite(single)) {
            violations.add(path, "must be a finite number (jsonb holds no NaN or Infinity)");
        } else if (value instanceof Record record) {
            components(record, path + ".", violations, depth + 1);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> {
                String keyText = String.valueOf(key);
                String problem = key instanceof String k ? StorableText.problem(k, false) : null;
                if (problem != null) {
                    violations.add(path, "key '" + StorableText.printable(keyText) + "' " + problem);
                } else {
                    walk(entry, path + "." + keyText, violations, depth + 1);
                }
            });
        } else if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                walk(element, path + "[" + i++ + "]", violations, depth + 1);
            }
        } else if (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                walk(Array.get(value, i), path + "[" + i + "]", violations, depth + 1);
            }
        }
    }

    private static void components(Record record, String prefix, Violations violations, int depth) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            walk(read(component, record), prefix + component.getName(), violations, depth);
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }
}
