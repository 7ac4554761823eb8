package io.tessera.data.internal.access;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

import io.tessera.data.DataException;
import io.tessera.data.Table;

/** Commit, rollback on any exception, nested calls joining, a transaction spanning apps. */
public class TransactionTest extends H2Fixture {

    private Post post(String title) {
        return new Post(0, title, 1, null, null);
    }

    @Test
    public void committedWhenTheWorkReturns() throws Exception {
        Table<Post> posts = blog.table(Post.class);
        long id = blog.inTransaction(tx -> {
            Post p = tx.table(Post.class).insert(post("one"));
            posts.insert(post("two"));
            assertEquals("inside, the transaction sees its own rows", 2, posts.count());
            assertEquals("outside, nothing is visible yet", 0, rows("blog_post"));
            return p.id();
        });
        assertEquals(2, rows("blog_post"));
        assertEquals("one", posts.get(id).title());
    }

    @Test
    public void rolledBackWhenTheWorkThrowsAndTheExceptionIsRethrown() throws Exception {
        Table<Post> posts = blog.table(Post.class);
        IllegalStateException boom = new IllegalStateException("boom");
        try {
            blog.runInTransaction(tx -> {
                posts.insert(post("one"));
                throw boom;
            });
            fail();
        } catch (IllegalStateException e) {
            assertSame(boom, e);
        }
        assertEquals(0, rows("blog_post"));

        try {
            blog.runInTransaction(tx -> {
                posts.insert(post("one"));
                throw new IOException("disk");
            });
            fail();
        } catch (DataException e) {
            assertEquals("the transaction failed and was rolled back: java.io.IOException: disk", e.getMessage());
        }
        assertEquals(0, rows("blog_post"));
    }

    @Test
    public void aFailingStatementRollsBackTheStatementsBeforeIt() throws Exception {
        Table<Post> posts = blog.table(Post.class);
        try {
            blog.runInTransaction(tx -> {
                posts.insert(new Post(7, "one", 1, null, null));
                posts.insert(new Post(7, "duplicate id", 1, null, null));
            });
            fail();
        } catch (DataException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("insert of blog.Post (table blog_post) failed: "));
        }
        assertEquals(0, rows("blog_post"));
    }

    @Test
    public void nestedCallsJoinTheOuterTransaction() throws Exception {
        Table<Post> posts = blog.table(Post.class);
        try {
            blog.runInTransaction(tx -> {
                posts.insert(post("outer"));
                long inner = blog.inTransaction(tx2 -> posts.insert(post("inner")).id());
                assertEquals("the nested call did not commit on its own", 0, rows("blog_post"));
                assertEquals("inner", posts.get(inner).title());
                throw new IllegalStateException("outer fails after the nested call returned");
            });
            fail();
        } catch (IllegalStateException expected) {
            // rolled back, nested work included
        }
        assertEquals(0, rows("blog_post"));
    }

    @Test
    public void aNestedFailureCaughtByTheOuterCodeStillRollsBackEverything() throws Exception {
        Table<Post> posts = blog.table(Post.class);
        try {
            blog.runInTransaction(tx -> {
                posts.insert(post("outer"));
                try {
                    blog.runInTransaction(tx2 -> {
                        posts.insert(post("inner"));
                        throw new IllegalArgumentException("inner fails");
                    });
                } catch (IllegalArgumentException swallowed) {
                    // the outer code goes on
                }
            });
            fail();
        } catch (DataException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("the transaction was rolled back: a nested transaction"
                    + " failed with java.lang.IllegalArgumentException: inner fails, and the code around it went on"));
        }
        assertEquals(0, rows("blog_post"));
    }

    @Test
    public void oneTransactionSpansTheAppsAThreadTouches() throws Exception {
        try {
            blog.runInTransaction(tx -> {
                auth.table(User.class).insert(new User(0, "ann"));
                blog.table(Post.class).insert(post("by ann"));
                throw new IllegalStateException("undo both");
            });
            fail();
        } catch (IllegalStateException expected) {
            // both apps' rows rolled back
        }
        assertEquals(0, rows("auth_user"));
        assertEquals(0, rows("blog_post"));
    }

    @Test
    public void otherThreadsDoNotJoinAndTheConnectionIsReturned() throws Exception {
        AtomicLong seenByOther = new AtomicLong(-1);
        blog.runInTransaction(tx -> {
            blog.table(Post.class).insert(post("mine"));
            Thread other = new Thread(() -> seenByOther.set(blog.table(Post.class).count()));
            other.start();
            other.join();
        });
        assertEquals("another thread does not see uncommitted rows", 0, seenByOther.get());
        assertEquals(0, pool.getActiveConnections());
        assertEquals(1, rows("blog_post"));
    }

    @Test
    public void plainSqlInsideATransactionUsesItsConnection() throws Exception {
        try {
            blog.runInTransaction(tx -> {
                tx.execute("insert into {Post} ({Post.title}, {Post.author}) values (?, ?)", "sql", 5L);
                int seen = tx.withConnection(c -> {
                    try (var rs = c.createStatement().executeQuery(tx.sql("select count(*) from {Post}"))) {
                        rs.next();
                        return rs.getInt(1);
                    }
                });
                assertEquals(1, seen);
                throw new IllegalStateException("undo");
            });
            fail();
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertEquals(0, rows("blog_post"));
    }
}
