package io.dtrcoach.server.bench;

import java.util.Arrays;

/**
 * Request latencies of one phase, in microseconds. Keeps every sample (a long run is a few hundred thousand
 * turns, a few MB) and sorts once at the end, so the percentiles are exact rather than bucketed.
 */
final class Latencies {
    private long[] micros = new long[1024];
    private int count;

    synchronized void record(long nanos) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, count * 2);
        }
        micros[count++] = nanos / 1000;
    }

    synchronized Summary summary() {
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        return new Summary(count, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
                count == 0 ? 0 : sorted[count - 1]);
    }

    /** Nearest-rank percentile. */
    private static long at(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Percentiles in microseconds. */
    record Summary(int count, long p50, long p95, long p99, long max) {
        String format() {
            return String.format("p50 %s  p95 %s  p99 %s  max %s  (n=%d)", ms(p50), ms(p95), ms(p99), ms(max), count);
        }

        static String ms(long micros) {
            return String.format("%.1f ms", micros / 1000.0);
        }
    }
}
