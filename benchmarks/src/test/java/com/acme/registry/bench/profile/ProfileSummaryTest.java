package com.acme.registry.bench.profile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileSummaryTest {

    private static final List<String> PROFILE = List.of(
            "[http-nio-8080-exec-1 tid=101];java/lang/Thread.run;org/apache/catalina/core/StandardWrapperValve.invoke;"
                    + "com/acme/registry/catalog/VersionsController.register;org/postgresql/core/v3/QueryExecutorImpl.execute;"
                    + "java/net/SocketOutputStream.write;__GI_write 7",
            "[http-nio-8080-exec-2 tid=102];java/lang/Thread.run;org/apache/catalina/core/StandardWrapperValve.invoke;"
                    + "com/acme/registry/catalog/VersionsController.register;java/util/HashMap.get 3",
            "[http-nio-8080-exec-2 tid=102];java/lang/Thread.run;java/lang/Thread.getStackTrace 2",
            "[EventProcessor[catalog]-0 tid=201];java/lang/Thread.run;org/axonframework/eventhandling/TrackingEventProcessor.processBatch;"
                    + "com/fasterxml/jackson/databind/ObjectMapper.readValue 5",
            "[C2 CompilerThread0 tid=9];Compile::Compile 11",
            "not a sample line",
            "");

    @Test
    void countsSamplesPerThreadKindWithPoolNumbersFolded() {
        ProfileSummary.Counts counts = ProfileSummary.byThreadKind(PROFILE);

        assertThat(counts.total()).isEqualTo(28);
        assertThat(counts.byKey()).containsEntry("http-nio-N-exec-N", 12L)
                .containsEntry("EventProcessor[catalog]-N", 5L)
                .containsEntry("CN CompilerThreadN", 11L);
        assertThat(counts.largestFirst().get(0).getKey()).isEqualTo("http-nio-N-exec-N");
    }

    @Test
    void chargesEachSampleToTheInnermostFrameOfAKnownLibrary() {
        ProfileSummary.Counts counts = ProfileSummary.byOwner(PROFILE, List.of("http-nio"));

        assertThat(counts.total()).isEqualTo(12);
        assertThat(counts.byKey())
                .containsEntry("org/postgresql", 7L)             // the socket write is the driver's time
                .containsEntry("com/acme/registry/catalog", 3L)  // a JDK call is its caller's time
                .containsEntry("JDK, JVM and kernel", 2L)
                .doesNotContainKeys("org/apache/catalina", "com/fasterxml");
    }

    @Test
    void aStackOfOnlyJdkFramesIsUnowned() {
        assertThat(ProfileSummary.owner(List.of("java/lang/Thread.run", "java/lang/Thread.getStackTrace")))
                .isEqualTo("JDK, JVM and kernel");
        assertThat(ProfileSummary.owner(List.of("java/lang/Thread.run", "org/axonframework/messaging/timeout/X.start",
                "java/lang/Thread.getStackTrace"))).isEqualTo("org/axonframework/messaging");
    }
}
