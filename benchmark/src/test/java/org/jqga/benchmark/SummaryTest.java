package org.jqga.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void medianOfAnOddCountIsTheMiddleSample() {
        Summary summary = Summary.of(new double[] {9, 1, 5});
        assertEquals(5, summary.median());
        assertEquals(1, summary.min());
        assertEquals(9, summary.max());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleSamples() {
        assertEquals(2.5, Summary.of(List.of(4.0, 1.0, 3.0, 2.0)).median());
    }

    @Test
    void p99IsTheNearestRankSoItIsAnObservedSample() {
        double[] samples = IntStream.rangeClosed(1, 1000).mapToDouble(i -> i).toArray();
        assertEquals(990, Summary.of(samples).p99());
        assertEquals(1000, Summary.percentile(samples, 100));
        assertEquals(1, Summary.percentile(samples, 0.01));
    }

    @Test
    void p99OfFewSamplesIsTheLargest() {
        assertEquals(7, Summary.of(new double[] {7, 3, 5}).p99());
    }

    @Test
    void samplesAreNotReordered() {
        double[] samples = {3, 1, 2};
        Summary.of(samples);
        assertEquals(3, samples[0]);
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Summary.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Summary.percentile(new double[] {1}, 0));
    }
}
