package io.tessera.bench;

import java.util.ArrayList;
import java.util.List;

import io.tessera.bench.jmh.DataAccessBenchmark;

/**
 * Figure 7's paired ratio: the JMH forks of the API and of JDBC run seconds apart, and on a shared
 * machine seconds are enough for the load to change. Here both run in this JVM on one pool, in
 * blocks of {@value #BLOCK} operations, API and JDBC back to back (which goes first alternates), so
 * that each pair of blocks saw the same machine within milliseconds; a pair's ratio is the API
 * block's time over the JDBC block's. The insert table is emptied every {@value #EMPTY_EVERY} pairs,
 * between pairs.
 */
final class DataAccessPairs {

    static final int BLOCK = 500;
    static final int EMPTY_EVERY = 20;

    /** The block times (ns per operation) of one operation, index by index a pair. */
    record Pairs(List<Double> api, List<Double> jdbc) {
    }

    /** A timed block. */
    private interface Op {
        void run() throws Exception;
    }

    private DataAccessPairs() {
    }

    /** {@code [insert pairs, find pairs]} after {@code warmupSeconds} of both alternating. */
    static Pairs[] run(int pairs, int warmupSeconds) throws Exception {
        DataAccessBenchmark bench = new DataAccessBenchmark();
        DataAccessBenchmark.Db db = new DataAccessBenchmark.Db();
        db.open();
        try {
            Op apiInsert = () -> bench.apiInsert(db);
            Op jdbcInsert = () -> bench.jdbcInsert(db);
            Op apiFind = () -> bench.apiFindById(db);
            Op jdbcFind = () -> bench.jdbcFindById(db);
            long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
            for (int i = 0; System.nanoTime() < warmEnd; i++) {
                block(apiInsert);
                block(jdbcInsert);
                block(apiFind);
                block(jdbcFind);
                if (i % EMPTY_EVERY == 0) {
                    db.emptyEntries();
                }
            }
            db.emptyEntries();
            Pairs insert = new Pairs(new ArrayList<>(), new ArrayList<>());
            Pairs find = new Pairs(new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < pairs; i++) {
                pair(i, apiInsert, jdbcInsert, insert);
                pair(i, apiFind, jdbcFind, find);
                if ((i + 1) % EMPTY_EVERY == 0) {
                    db.emptyEntries();
                }
            }
            return new Pairs[] {insert, find};
        } finally {
            db.close();
        }
    }

    private static void pair(int i, Op api, Op jdbc, Pairs into) throws Exception {
        double a;
        double j;
        if (i % 2 == 0) {
            a = block(api);
            j = block(jdbc);
        } else {
            j = block(jdbc);
            a = block(api);
        }
        into.api().add(a);
        into.jdbc().add(j);
    }

    /** Nanoseconds per operation over one block. */
    private static double block(Op op) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < BLOCK; i++) {
            op.run();
        }
        return (System.nanoTime() - t0) / (double) BLOCK;
    }
}
