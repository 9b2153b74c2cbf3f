package com.acme.registry.audit;

/** The formats of an audit export: JSON Lines, or CSV guarded against formula injection. */
public enum AuditExportFormat {
    JSONL, CSV
}
