package io.tessera.data.internal.access;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.time.Instant;
import java.util.List;

import org.junit.Test;

import io.tessera.core.Model;
import io.tessera.data.Data;

/** Plain SQL with table names resolved by Tessera, and the same app code serving two instances. */
public class SqlTest extends H2Fixture {

    /** Names are quoted in H2's upper case, as the schema code creates them. */
    @Test
    public void placeholdersBecomeQuotedTableAndColumnNames() {
        assertEquals("select * from \"BLOG_POST\"", blog.sql("select * from {Post}"));
        assertEquals("select * from \"BLOG_POST\"", blog.sql("select * from {post}"));
        assertEquals("select * from \"BLOG_POST\"", blog.sql("select * from {blog.Post}"));
        assertEquals("select \"DUE_DATE\" from \"BLOG_NOTE\"", blog.sql("select {Note.dueDate} from {Note}"));
        assertEquals("select p.\"TITLE\", u.\"NAME\" from \"BLOG_POST\" p join \"AUTH_USER\" u on u.\"ID\" = p.\"AUTHOR\"",
                blog.sql("select p.{Post.title}, u.{auth.User.name} from {Post} p join {auth.User} u on u.{auth.User.id}"
                        + " = p.{Post.author}"));
    }

    @Test
    public void quotedTextAndJdbcEscapesAreLeftAlone() {
        assertEquals("select '{Post}', \"{Post}\" from \"BLOG_POST\" where d > {d '2020-01-01'} and x = '{'",
                blog.sql("select '{Post}', \"{Post}\" from {Post} where d > {d '2020-01-01'} and x = '{'"));
        assertEquals("select {fn now()}", blog.sql("select {fn now()}"));
        assertEquals("select '{\"a\": 1}'::json", blog.sql("select '{\"a\": 1}'::json"));
    }

    @Test
    public void queryMapsRowsByColumnNameAndExecuteCounts() {
        blog.table(Post.class).insert(new Post(0, "Hello", 1, Instant.parse("2026-01-01T00:00:00Z"), Status.DRAFT));
        blog.table(Post.class).insert(new Post(0, "World", 2, null, null));
        auth.table(User.class).insert(new User(1, "ann"));
        List<Post> rows = blog.query(Post.class, "select * from {Post} where {Post.title} like ? order by id", "H%");
        assertEquals(1, rows.size());
        assertEquals("Hello", rows.get(0).title());
        assertEquals(Status.DRAFT, rows.get(0).status());

        // a partial select: the missing fields keep their defaults
        List<Post> partial = blog.query(Post.class, "select title, author from {Post} where author = ?", 2);
        assertEquals(new Post(0, "World", 2, null, null), partial.get(0));

        List<Post> joined = blog.query(Post.class, "select p.* from {Post} p join {auth.User} u on u.id = p.author"
                + " where u.name = ?", "ann");
        assertEquals("Hello", joined.get(0).title());

        assertEquals(2, blog.execute("update {Post} set {Post.status} = ?", Status.PUBLISHED));
        assertEquals(2, blog.table(Post.class).where("status", Status.PUBLISHED).count());
        assertEquals(1, blog.execute("delete from {Post} where {Post.title} = ?", "World"));
        assertNull(blog.table(Post.class).where("title", "World").first().orElse(null));
    }

    @Test
    public void theSameCodeServesTwoInstancesWithTheirOwnTables() throws Exception {
        // the registry may describe an instance's models under the instance's label or the app's
        Data news = access.forApp("blog_news", List.of(Model.describe("blog", Post.class)));
        Data tech = access.forApp("blog_tech", List.of(Model.describe("blog_tech", Post.class)));
        publish(news, "news 1");
        publish(news, "news 2");
        publish(tech, "tech 1");
        assertEquals("blog_news_post", news.table(Post.class).name());
        assertEquals("blog_tech_post", tech.table(Post.class).name());
        assertEquals(2, rows("blog_news_post"));
        assertEquals(1, rows("blog_tech_post"));
        assertEquals(0, rows("blog_post"));
        assertEquals(List.of("tech 1"), titles(tech));
        assertEquals(List.of("news 1", "news 2"), titles(news));
    }

    /** App code, as an app would write it: no table name anywhere. */
    private static void publish(Data data, String title) {
        data.table(Post.class).insert(new Post(0, title, 1, null, Status.PUBLISHED));
    }

    private static List<String> titles(Data data) {
        return data.query(Post.class, "select * from {Post} order by {Post.id}").stream().map(Post::title).toList();
    }
}
