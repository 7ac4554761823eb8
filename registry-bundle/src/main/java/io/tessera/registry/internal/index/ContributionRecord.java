package io.tessera.registry.internal.index;

import java.lang.reflect.InvocationTargetException;
import java.util.Comparator;

import io.tessera.core.Contribution;

/**
 * The registry's {@link Contribution}: one class an app contributes to one extension point, with
 * the class already loaded and checked (it implements the point and can be constructed). The
 * instance is created on first use and kept for as long as this record, which lives as long as
 * the app's config is published. Thread-safe.
 */
public final class ContributionRecord implements Contribution<Object> {

    /** The order of a point's view: rank (higher first), then app label, then class name. */
    public static final Comparator<ContributionRecord> ORDER = Comparator.comparingInt(ContributionRecord::rank)
            .reversed().thenComparing(ContributionRecord::app).thenComparing(ContributionRecord::implementation)
            .thenComparingLong(ContributionRecord::appId);

    private final long appId;
    private final String app;
    private final long bundleId;
    private final String point;
    private final Class<?> type;
    private final int rank;
    private volatile Object instance;

    /**
     * @param appId the id of the contributing app's candidate, which withdraws it
     * @param type  the implementation, loaded from the contributing bundle and checked to implement the point
     */
    public ContributionRecord(long appId, String app, long bundleId, String point, Class<?> type, int rank) {
        this.appId = appId;
        this.app = app;
        this.bundleId = bundleId;
        this.point = point;
        this.type = type;
        this.rank = rank;
    }

    public long appId() {
        return appId;
    }

    /** The point's interface name. */
    public String point() {
        return point;
    }

    @Override
    public String app() {
        return app;
    }

    @Override
    public long bundleId() {
        return bundleId;
    }

    @Override
    public String implementation() {
        return type.getName();
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public Object get() {
        Object o = instance;
        if (o == null) {
            synchronized (this) { // one instance, however many threads ask first
                o = instance;
                if (o == null) {
                    o = create();
                    instance = o;
                }
            }
        }
        return o;
    }

    private Object create() {
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the constructor of " + type.getName() + " (contributed by app '" + app
                    + "' to " + point + ") threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new IllegalStateException("cannot create " + type.getName() + " (contributed by app '" + app
                    + "' to " + point + "): " + e, e);
        }
    }

    /** {@code markdown: com.example.md.MarkdownRenderer (rank 0)}. */
    @Override
    public String toString() {
        return app + ": " + type.getName() + " (rank " + rank + ")";
    }
}
