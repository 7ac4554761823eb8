package io.tessera.bench;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class ChurnLogsTest {

    @Test
    public void readsPairsOfBothMethodsByRowAndSkipsOtherLines() {
        Map<String, List<double[]>> rows = new LinkedHashMap<>();

        ChurnLogs.read("[01:34:39] churn N=5000 JVM 1 pair 1: tessera 15887 ms (up 14074, down 1813; CPU 16910),"
                + " bare 20708 ms (up 18723, down 1984; CPU 20480), ratio 0.77; CPU ms by thread: tessera java=1", rows);
        ChurnLogs.read("[01:40:00] churn N=1000, apps without models JVM 2 pair 3: tessera 1500 ms (up 1, down 2;"
                + " CPU 3), bare 1400 ms (up 1, down 2; CPU 3), ratio 1.07; CPU ms by thread: tessera java=1", rows);
        ChurnLogs.read("[01:50:00] churn N=1000, separate JVMs pair 2: tessera 1518 ms (up 1, down 2; CPU 3),"
                + " bare 1437 ms (up 1, down 2; CPU 3), ratio 1.06", rows);
        ChurnLogs.read("[01:51:00] == deploy", rows);

        assertEquals(List.of("N=5000", "N=1000, apps without models", "N=1000, separate JVMs"),
                List.copyOf(rows.keySet()));
        assertArrayEquals(new double[] {15887, 20708}, rows.get("N=5000").get(0), 0);
        assertArrayEquals(new double[] {1518, 1437}, rows.get("N=1000, separate JVMs").get(0), 0);
    }

    @Test
    public void summarisesARowWithBothRatios() {
        String line = ChurnLogs.summary("N=100", List.of(new double[] {110, 100}, new double[] {220, 200},
                new double[] {330, 300}));

        assertTrue(line, line.startsWith("churn N=100: 3 pairs; ratio of medians 1.10x (95% interval 1.10-1.10x);"
                + " median of per-pair ratios 1.10x (1.10-1.10x)"));
    }
}
