package com.acme.registry.audit;

import com.acme.registry.auditformat.AuditCheckpoint;
import com.acme.registry.validation.RuleViolationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * Writes each checkpoint as one file ({@code audit-checkpoint-<sequence>-<key id start>.json}) into
 * {@code registry.audit.checkpoint.directory} (by default {@code audit-checkpoints} beside the signing key file),
 * from where an operator ships them off the machine. A file is never replaced: a different checkpoint for the same
 * sequence means the database no longer holds what was checkpointed, and is refused.
 */
@Component
class AuditCheckpointFiles {

    private final Path directory;
    private final String keyId;

    public AuditCheckpointFiles(@Value("${registry.audit.checkpoint.directory:}") String directory,
                                @Value("${registry.audit.signing-key-file}") Path keyFile, AuditSigningKey key) {
        this.keyId = key.keyId();
        this.directory = directory.isBlank()
                ? keyFile.toAbsolutePath().getParent().resolve("audit-checkpoints")
                : Path.of(directory).toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    public Path file(long sequence) {
        return directory.resolve(AuditCheckpoint.fileName(sequence, keyId));
    }

    /** The text of the checkpoint file of {@code sequence}, if there is one. */
    Optional<String> existing(long sequence) {
        Path file = file(sequence);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint file " + file, e);
        }
    }

    /** Writes the file atomically (a reader never sees half a checkpoint). */
    void write(Map<String, Object> checkpoint) {
        long sequence = (Long) checkpoint.get("sequence");
        Path target = file(sequence);
        String text = AuditCheckpoint.fileText(checkpoint);
        try {
            Files.createDirectories(directory);
            if (Files.exists(target)) {
                if (!Files.readString(target, StandardCharsets.UTF_8).equals(text)) {
                    throw new RuleViolationException("checkpoint-file-differs", "No checkpoint taken: a different"
                            + " checkpoint file for sequence " + sequence
                            + " exists already (" + target + "): the stored audit log or its checkpoints changed"
                            + " after that file was written. Check the chain against it.");
                }
                return;
            }
            Path temp = Files.createTempFile(directory, ".audit-checkpoint", ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit checkpoint file " + target, e);
        }
    }
}
