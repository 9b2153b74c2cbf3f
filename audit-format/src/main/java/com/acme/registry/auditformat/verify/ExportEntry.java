package com.acme.registry.auditformat.verify;

import java.util.Map;

/**
 * One record or digest of an export, as the map of fields a JSON Lines line has (docs/audit-trail.md).
 *
 * @param line     the (first) line of the file it was read from, 1-based
 * @param fields   its fields; values are String, Long, Boolean or null
 * @param complete false when the line was the last of the file and had no line end
 */
public record ExportEntry(long line, Map<String, Object> fields, boolean complete) {
}
