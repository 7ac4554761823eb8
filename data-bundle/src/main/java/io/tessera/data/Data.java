package io.tessera.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * One app's data: its models' tables, transactions and plain SQL, for the app's own label. Tessera
 * names the tables ({@code blog_post} for the model {@code Post} of the app {@code blog}); app code
 * never writes a table name, so the same code serves every instance of an app ({@code blog_news},
 * {@code blog_tech}) and, later, per-tenant data.
 *
 * <pre>{@code
 * Data data = Data.of(context(), label());                // in the app's ready()
 * Table<Post> posts = data.table(Post.class);
 * Post p = posts.insert(new Post(0, "Hello", 3));          // p.id() is the generated id
 * List<Post> latest = posts.where("author", 3).orderBy("-id").limit(10).list();
 * data.inTransaction(tx -> { posts.insert(a); posts.insert(b); return null; });
 * List<Post> found = data.query(Post.class, "select * from {Post} where title like ?", "H%");
 * }</pre>
 *
 * <p><b>Transactions</b> belong to the calling thread: everything this app (and any other app on the
 * same database) does on that thread inside {@link #inTransaction} runs in it, and a nested call
 * joins it. Outside one, each operation commits by itself.
 *
 * <p><b>Errors</b> are {@link DataException}s (unchecked) naming the model, field or table and what
 * to do. <b>Threads</b>: thread-safe; keep it for the app's lifetime.
 */
@ProviderType
public interface Data {

    /**
     * The data of the app labelled {@code label}, which must live in the bundle of {@code context}.
     *
     * @throws DataException if the data layer is not running, or the label is not an app of that bundle
     */
    static Data of(BundleContext context, String label) {
        ServiceReference<DataService> ref = context.getServiceReference(DataService.class);
        DataService service = ref == null ? null : context.getService(ref);
        if (service == null) {
            throw new DataException("the data layer is not running (no " + DataService.class.getName()
                    + " service): is the io.tessera.data bundle installed and started?");
        }
        return service.forApp(label);
    }

    /** The label of the app whose data this is. */
    String appLabel();

    /**
     * The table of one of this app's models.
     *
     * @throws DataException if {@code model} is not a model of this app (it names the app it belongs
     *         to, or this app's models)
     */
    <T> Table<T> table(Class<T> model);

    /**
     * Runs {@code work} in a transaction and returns its result: committed when it returns, rolled
     * back when it throws (its exception is rethrown; a checked one wrapped in {@link DataException}).
     * Called inside another transaction on the same thread, it joins that one; if it then throws, the
     * whole transaction is rolled back at its end even if the outer code catches the exception.
     */
    <R> R inTransaction(Work<R> work);

    /** As {@link #inTransaction(Work)}, for work that returns nothing. */
    void runInTransaction(Action action);

    /**
     * {@code template} with its placeholders replaced by quoted table and column names: {@code {Post}}
     * (a model of this app), {@code {Post.createdAt}} (its column), {@code {auth.User}} (a model of
     * another app, for joins). Text in single quotes is left alone.
     *
     * @throws DataException naming an unknown model or field
     */
    String sql(String template);

    /**
     * Runs a query written in SQL ({@link #sql} placeholders resolved, {@code ?} bound to
     * {@code params} by their Java types) and maps each row to {@code model} by column names; columns
     * the model does not have are ignored, fields without a column keep their default value.
     */
    <T> List<T> query(Class<T> model, String sqlTemplate, Object... params);

    /** Runs an INSERT, UPDATE, DELETE or DDL statement ({@link #sql} placeholders resolved); the row count. */
    int execute(String sqlTemplate, Object... params);

    /**
     * Runs {@code work} with a connection of the data layer: the transaction's if the thread is in one,
     * otherwise one borrowed for the call. Do not close it, nor change its auto-commit state.
     */
    <R> R withConnection(ConnectionWork<R> work);

    /** Work done in a transaction. */
    @FunctionalInterface
    interface Work<R> {
        R run(Data data) throws Exception;
    }

    /** Work without a result done in a transaction. */
    @FunctionalInterface
    interface Action {
        void run(Data data) throws Exception;
    }

    /** Work with a JDBC connection. */
    @FunctionalInterface
    interface ConnectionWork<R> {
        R run(Connection connection) throws SQLException;
    }
}
