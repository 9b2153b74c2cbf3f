package com.acme.registry.bench.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * The shape of a stored event: its columns' kinds and the field names of its payload and metadata (not the keys of
 * free maps such as metrics or tags, which differ between versions by design). The harness compares a bulk-written
 * event with one the registry wrote for an HTTP registration and refuses to go on if they differ.
 */
public final class EventShape {

    /** Objects whose keys are data, not fields. */
    private static final java.util.Set<String> FREE_MAPS = java.util.Set.of("metrics", "params", "tags");

    private EventShape() {
    }

    public static String describe(String type, String payloadType, String revision, JsonNode payload, JsonNode metaData) {
        return "type=" + type + " payloadType=" + payloadType + " revision=" + revision
                + " payload" + fields(payload) + " metaData" + fields(metaData);
    }

    static String fields(JsonNode node) {
        if (node.isArray()) {
            return node.isEmpty() ? "[]" : "[" + fields(node.get(0)) + "]";
        }
        if (!node.isObject()) {
            return "";
        }
        TreeSet<String> parts = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            parts.add(field.getKey() + (FREE_MAPS.contains(field.getKey()) ? "{…}" : fields(field.getValue())));
        }
        return "{" + String.join(",", parts) + "}";
    }

    /** The shape of the latest stored event of {@code payloadType} whose aggregate id starts with {@code prefix}. */
    public static String ofStored(Connection connection, ObjectMapper json, String prefix, String payloadType)
            throws SQLException, IOException {
        try (PreparedStatement s = connection.prepareStatement("SELECT type, payload_type, payload_revision, payload, "
                + "meta_data FROM domain_event_entry WHERE aggregate_identifier LIKE ? AND payload_type = ? "
                + "ORDER BY global_index DESC LIMIT 1")) {
            s.setString(1, prefix.replace("_", "\\_").replace("%", "\\%") + "%");
            s.setString(2, payloadType);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return describe(rs.getString(1), rs.getString(2), rs.getString(3), json.readTree(rs.getBytes(4)),
                        json.readTree(rs.getBytes(5)));
            }
        }
    }
}
