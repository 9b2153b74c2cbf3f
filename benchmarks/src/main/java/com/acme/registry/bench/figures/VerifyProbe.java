package com.acme.registry.bench.figures;

import com.acme.registry.cli.RegistryCli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs registry-cli's {@code verify} command in this JVM (started by the harness as a child with a capped heap and a
 * GC log) and prints how long the command took, without the JVM's own start-up:
 * {@code elapsedNanos=… exit=… output=…}.
 */
public final class VerifyProbe {

    private VerifyProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: VerifyProbe PUBLIC_KEY_PEM EXPORT_FILE");
            System.exit(2);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = RegistryCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        long start = System.nanoTime();
        int exit = cli.execute("verify", "--public-key", args[0], args[1]);
        long elapsed = System.nanoTime() - start;
        System.out.println("elapsedNanos=" + elapsed + " exit=" + exit + " output="
                + (out + " " + err).trim().replace('\n', ' '));
        System.exit(exit);
    }
}
