package com.acme.registry.bench.figures;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GcLogTest {

    @Test
    void peakIsTheFullestHeapBeforeAPauseOrAtExit() {
        GcLog.Heap heap = GcLog.parse(List.of(
                "[0.004s][info][gc] Using G1",
                "[0.413s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 12M->4M(256M) 10.882ms",
                "[0.497s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 84M->8M(256M) 9.308ms",
                "[0.509s][info][gc] GC(2) Pause Remark 18M->18M(256M) 1.288ms",
                "[0.620s][info][gc,heap,exit] Heap",
                "[0.620s][info][gc,heap,exit]  garbage-first heap   total 262144K, used 51200K [0x00000000f0000000, 0x0000000100000000)",
                "[0.620s][info][gc,heap,exit]   region size 1024K, 107 young (109568K), 4 survivors (4096K)",
                "[0.620s][info][gc,heap,exit]  Metaspace       used 9290K, committed 9536K, reserved 1114112K",
                "[0.620s][info][gc,heap,exit]   class space    used 1131K, committed 1216K, reserved 1048576K"));
        assertThat(heap.peakMb()).isCloseTo(84, within(0.01));
        assertThat(heap.liveMb()).isCloseTo(18, within(0.01));
        assertThat(heap.capacityMb()).isCloseTo(256, within(0.01));
        assertThat(heap.pauses()).isEqualTo(3);
    }

    @Test
    void withoutAnyPauseThePeakIsTheHeapInUseAtExitNotMetaspace() {
        GcLog.Heap heap = GcLog.parse(List.of(
                "[0.004s][info][gc] Using G1",
                "[0.300s][info][gc,heap,exit]  garbage-first heap   total 262144K, used 10240K [0x0, 0x1)",
                "[0.300s][info][gc,heap,exit]  Metaspace       used 92900K, committed 95360K, reserved 1114112K"));
        assertThat(heap.peakMb()).isCloseTo(10, within(0.01));
        assertThat(heap.pauses()).isZero();
    }

    @Test
    void understandsKilobytesAndGigabytes() {
        GcLog.Heap heap = GcLog.parse(List.of(
                "[1.0s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 900K->300K(2G) 1.0ms",
                "[2.0s][info][gc] GC(1) Pause Full (G1 Compaction Pause) 1G->200M(2G) 100.0ms"));
        assertThat(heap.peakMb()).isCloseTo(1024, within(0.01));
        assertThat(heap.liveMb()).isCloseTo(200, within(0.01));
        assertThat(heap.capacityMb()).isCloseTo(2048, within(0.01));
    }
}
