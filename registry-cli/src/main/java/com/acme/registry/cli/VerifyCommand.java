package com.acme.registry.cli;

import com.acme.registry.auditformat.DigestSignature;
import com.acme.registry.auditformat.verify.CsvReader;
import com.acme.registry.auditformat.verify.ExportCheckpoints;
import com.acme.registry.auditformat.verify.ExportReader;
import com.acme.registry.auditformat.verify.ExportVerifier;
import com.acme.registry.auditformat.verify.JsonLinesReader;
import com.acme.registry.auditformat.verify.VerificationFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code registry-cli verify}: checks a signed audit export offline (docs/audit-trail.md, "Verifying"). */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verifies a signed audit export (JSON Lines or CSV) offline: the hash chain of its records, "
                + "the digest on its last line and the digest's Ed25519 signature; with --checkpoint, also that an "
                + "export of the whole log holds the history that saved checkpoints anchor.",
                "Exit codes: 0 the export verifies, 1 it does not (the message says where), 2 usage error."})
public class VerifyCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int DOES_NOT_VERIFY = 1;
    public static final int USAGE = 2;

    public enum Format {
        JSONL, CSV
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--public-key", required = true, paramLabel = "PEM_FILE",
            description = "The registry's public key (GET /api/v1/audit/public-key: PEM, SubjectPublicKeyInfo).")
    Path publicKey;

    @Option(names = "--format", paramLabel = "jsonl|csv",
            description = "The export's format; by default from the file name's extension (.jsonl or .csv).")
    Format format;

    @Option(names = "--checkpoint", paramLabel = "FILE_OR_DIR",
            description = {"A saved audit checkpoint (GET /api/v1/audit/checkpoints/latest, or a file of the registry's "
                    + "checkpoint directory), or a directory of them; repeatable. Each must be signed by the public "
                    + "key; an export of the whole log that reaches its sequence must match it "
                    + "(docs/security-checkpoints.md)."})
    List<Path> checkpoints = new ArrayList<>();

    @Parameters(paramLabel = "EXPORT_FILE", description = "The export (GET /api/v1/audit/export).")
    Path export;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(export) || !Files.isReadable(export)) {
            return usage(err, "cannot read the export file " + export);
        }
        Format actual = format != null ? format : fromName(export);
        if (actual == null) {
            return usage(err, "cannot tell the format of " + export + " from its name: use --format jsonl|csv");
        }
        PublicKey key;
        try {
            key = DigestSignature.publicKeyFromPem(Files.readString(publicKey, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return usage(err, "cannot read the public key file " + publicKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return usage(err, publicKey + " is not an Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----)");
        }
        try (InputStream in = Files.newInputStream(export)) {
            ExportCheckpoints anchors = checkpoints.isEmpty() ? null : ExportCheckpoints.load(checkpoints, key);
            ExportReader reader = actual == Format.CSV ? new CsvReader(in) : new JsonLinesReader(in);
            ExportVerifier.Summary summary = ExportVerifier.verify(anchors == null ? reader : anchors.watching(reader),
                    key);
            out.println(summary.line());
            out.flush();
            if (anchors != null) {
                anchors.check(summary).forEach(out::println);
                out.flush();
            }
            return OK;
        } catch (VerificationFailure e) {
            err.println("FAILED: " + e.getMessage());
            err.flush();
            return DOES_NOT_VERIFY;
        } catch (ExportCheckpoints.Unusable e) {
            return usage(err, e.getMessage());
        } catch (IOException e) {
            return usage(err, "cannot read the export file " + export + ": " + e.getMessage());
        }
    }

    private static Format fromName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") ? Format.JSONL : name.endsWith(".csv") ? Format.CSV : null;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("registry-cli verify: " + message);
        err.flush();
        return USAGE;
    }
}
