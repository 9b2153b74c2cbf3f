package com.acme.registry.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line parses as docs/benchmarks.md documents it; no registry is needed (nothing is run). */
class BenchmarksCommandTest {

    @Test
    void theDocumentedCommandParsesWithIssueSixDefaults() {
        Benchmarks command = new Benchmarks();
        new CommandLine(command).parseArgs("--url", "http://localhost:8080", "--db",
                "jdbc:postgresql://localhost:5432/registry", "--admin", "adam:demo", "--only", "a,b", "--scale", "full",
                "--growth");
        assertThat(Plan.figures(command.only)).isEqualTo("ab");
        assertThat(command.scale).isEqualTo("full");
        assertThat(command.growth).isTrue();
        assertThat(command.growthStages).containsExactly(10_000L, 100_000L, 1_000_000L);
        assertThat(command.servingRate).isEqualTo(2000);
        assertThat(command.lagRate).isEqualTo(300);
        assertThat(command.verifierHeapMb).isEqualTo(256);
        assertThat(command.seed).isEqualTo("bulk");
    }

    @Test
    void withoutTheRegistryItRefusesWithAUsageMessage() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Benchmarks()).setErr(new PrintWriter(err)).execute("--scale", "small");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--url", "--db", "--admin");
    }
}
