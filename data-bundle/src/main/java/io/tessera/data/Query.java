package io.tessera.data;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The rows of one model that match some conditions, as Django's {@code QuerySet}: immutable; each
 * call that narrows or orders returns a new query, and nothing reaches the database until
 * {@link #list()}, {@link #first()}, {@link #count()} or {@link #delete()}.
 *
 * <p><b>Conditions</b> are Django's field lookups, joined with AND: {@code where("author", 3)} is
 * equality ({@code where("body", null)} is {@code IS NULL}); {@code where("votes__gt", 10)}, {@code
 * __gte}, {@code __lt}, {@code __lte}, {@code __ne}; {@code where("id__in", List.of(1, 2))} (a
 * {@link java.util.Collection} or an array; empty matches nothing); {@code where("body__isnull",
 * true)}. A field is named as in the model class ({@code createdAt}). A value must fit the field's
 * type: any integral number for an integral field if it fits, an enum constant or its name for an
 * enum field, and so on; otherwise {@link DataException} names the field, its type and the value.
 *
 * <p><b>Threads.</b> A query may be shared and run from any thread; it runs in the calling thread's
 * transaction if there is one (see {@link Data#inTransaction}).
 */
@ProviderType
public interface Query<T> {

    /** Only rows whose field matches: {@code where("author", 3)}, {@code where("created__gte", t)}. */
    Query<T> where(String fieldLookup, Object value);

    /** Ordered by these fields, in turn; a leading {@code -} sorts descending: {@code orderBy("-created", "id")}. */
    Query<T> orderBy(String... fields);

    /** At most {@code count} rows ({@code >= 0}). */
    Query<T> limit(int count);

    /** Skips the first {@code count} rows ({@code >= 0}); order the query to make this meaningful. */
    Query<T> offset(int count);

    /** The matching rows, as instances of the model class, in the query's order. */
    List<T> list();

    /** The first matching row in the query's order, if any. */
    Optional<T> first();

    /** How many rows match (limit and offset ignored, as {@code SELECT COUNT(*)}). */
    long count();

    /**
     * Deletes the matching rows.
     *
     * @return how many rows were deleted
     * @throws DataException if the query has a limit or offset
     */
    int delete();
}
