package io.tessera.data.internal.access;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.Test;

import io.tessera.core.Model;
import io.tessera.data.Data;
import io.tessera.data.Table;

/** Each kind of bad input gets a message that names what, where and what to do; nothing else breaks. */
public class ErrorsTest extends H2Fixture {

    @Test
    public void unknownFieldsAndLookupsSuggestTheClosest() {
        Table<Post> posts = blog.table(Post.class);
        assertEquals("unknown field \"autor\" in blog.Post; did you mean \"author\"? Its fields: id, title, author, created,"
                + " status", message(() -> posts.where("autor", 1)));
        assertEquals("unknown field \"zzz\" in blog.Post. Its fields: id, title, author, created, status",
                message(() -> posts.where("zzz__gt", 1)));
        assertEquals("unknown field \"titel\" in blog.Post; did you mean \"title\"? Its fields: id, title, author,"
                + " created, status", message(() -> posts.orderBy("-titel")));
        assertEquals("unknown field \"due_date\" in blog.Note; did you mean \"dueDate\"? Its fields: id, body, dueDate,"
                + " priority, done", message(() -> blog.table(Note.class).where("due_date", LocalDate.now())));
        assertEquals("unknown lookup \"__contains\" in where(\"title__contains\") on blog.Post; the lookups are __exact,"
                + " __ne, __gt, __gte, __lt, __lte, __in, __isnull", message(() -> posts.where("title__contains", "x")));
        assertEquals("orderBy() on blog.Post takes field names, such as \"-id\"; got \"-\"", message(() -> posts.orderBy("-")));
    }

    @Test
    public void valuesOfTheWrongTypeAreRefused() {
        Table<Post> posts = blog.table(Post.class);
        assertEquals("field \"author\" (long) of blog.Post cannot take the String \"3\"; give a value of type long",
                message(() -> posts.where("author", "3")));
        assertEquals("field \"author\" (long) of blog.Post cannot take the Double 1.5; give a value of type long",
                message(() -> posts.where("author__gt", 1.5)));
        assertEquals("field \"status\" (Status) of blog.Post: \"GONE\" is not a constant of Status [DRAFT, PUBLISHED]",
                message(() -> posts.where("status", "GONE")));
        assertEquals("field \"created\" (Instant) of blog.Post cannot take the LocalDate 2026-01-01; give a value of type"
                + " Instant", message(() -> posts.where("created__lt", LocalDate.of(2026, 1, 1))));
        assertEquals("field \"priority\" (int) of blog.Note cannot take the Long 4294967296; give a value of type int",
                message(() -> blog.table(Note.class).where("priority", 1L << 32)));
        assertEquals("where(\"id__in\") on blog.Post: null cannot be in a list; use where(\"id__isnull\", true)",
                message(() -> posts.where("id__in", java.util.Arrays.asList(1, null))));
        assertEquals("where(\"id__in\") on blog.Post takes a collection or an array of values, not the Integer 3",
                message(() -> posts.where("id__in", 3)));
        assertEquals("where(\"title__gt\", null) on blog.Post: nothing compares with null; use"
                + " where(\"title__isnull\", true)", message(() -> posts.where("title__gt", null)));
        assertEquals("where(\"title__isnull\") on blog.Post takes true or false, not the String \"yes\"",
                message(() -> posts.where("title__isnull", "yes")));
        assertEquals("the id of blog.Post cannot take the String \"7\"; give a value of type long",
                message(() -> posts.find("7")));
        assertEquals("limit(-1) on blog.Post: a limit is 0 or more", message(() -> posts.limit(-1)));
    }

    @Test
    public void modelsOfOtherAppsAndNonModelsAreRefused() {
        assertEquals("User is a model of the app \"auth\", not of \"blog\": an app reads and writes the tables of its own"
                + " models (Post, Everything, Note, Tag, Token, Visit); to read another app's rows, join its table in SQL as"
                + " {auth.User}", message(() -> blog.table(User.class)));
        assertEquals("java.lang.String is not a model of the app \"auth\"; its models: User. A model is a record or class"
                + " listed by the app (or marked @AppModel in its bundle)", message(() -> auth.table(String.class)));
    }

    public record Bad(long id, java.util.Map<String, String> tags) {
    }

    public static class NoDefaultConstructor {
        long id;

        NoDefaultConstructor(long id) {
            this.id = id;
        }
    }

    @Test
    public void modelsTesseraCannotMapAreRefusedNamingTheField() {
        Data odd = access.forApp("odd", List.of(Model.describe("odd", Bad.class),
                Model.describe("odd", NoDefaultConstructor.class)));
        assertEquals("field \"tags\" of odd.Bad has the type Map<String, String>, which Tessera cannot store; use a"
                + " primitive or its box, String, BigDecimal, Instant, LocalDate, LocalDateTime, LocalTime, UUID, an enum,"
                + " byte[] or List<String>",
                message(() -> odd.table(Bad.class)));
        assertEquals("model odd.NoDefaultConstructor (" + NoDefaultConstructor.class.getName() + ") is a class without a"
                + " no-argument constructor, so Tessera cannot build its rows: add one (any visibility), or make it a record",
                message(() -> odd.table(NoDefaultConstructor.class)));
    }

    @Test
    public void rowsThatDoNotExistOrCannotBeWritten() throws Exception {
        Table<Post> posts = blog.table(Post.class);
        assertEquals("no blog.Post with id 42", message(() -> posts.get(42)));
        assertEquals("cannot update blog.Post with id 42: there is no such row (insert it first)",
                message(() -> posts.update(new Post(42, "x", 1, null, null))));
        assertEquals("cannot insert into blog.Tag without an id: its id is a String, which only a number (generated by the"
                + " database) or a UUID (generated by Tessera) can leave out; give one",
                message(() -> blog.table(Tag.class).insert(new Tag(null, "x"))));
        assertEquals("cannot find blog.Visit by id: it has no field named \"id\"; its fields: page",
                message(() -> blog.table(Visit.class).find(1)));
        assertEquals("cannot insert null into blog.Post", message(() -> posts.insert(null)));
        assertEquals("delete() on blog.Post cannot take a limit or offset; narrow it with where(), for example"
                + " where(\"id__in\", ids)", message(() -> posts.limit(3).delete()));

        ddl("ALTER TABLE \"blog_note\" ALTER COLUMN \"priority\" SET NULL",
                "INSERT INTO \"blog_note\" (\"id\", \"priority\", \"done\") VALUES (9, NULL, FALSE)");
        assertEquals("column priority of table blog_note is NULL, but field \"priority\" (int) of blog.Note is a primitive;"
                + " make the field's type Integer, or the column NOT NULL", message(() -> blog.table(Note.class).get(9)));

        String failed = message(() -> posts.insert(new Post(0, "x".repeat(201), 1, null, null)));
        assertTrue(failed, failed.startsWith("insert of blog.Post (table blog_post) failed: Value too long for column"));
        assertEquals("other operations go on", 0, posts.count());
    }

    @Test
    public void badPlaceholdersAndParametersInSql() {
        assertEquals("unknown model {Pots} in the SQL of app blog; did you mean \"Post\"? Its models: Post, Everything,"
                + " Note, Tag, Token, Visit; another app's model is written {label.Model} (in: select * from {Pots})",
                message(() -> blog.sql("select * from {Pots}")));
        assertEquals("unknown field \"titel\" in {Post.titel}: blog.Post has no such field; did you mean \"title\"? Its"
                + " fields: id, title, author, created, status", message(() -> blog.sql("select {Post.titel} from {Post}")));
        assertEquals("unknown model {shop.Order} in the SQL of app blog: no READY app \"shop\" has a model \"Order\" (in:"
                + " select * from {shop.Order})", message(() -> blog.sql("select * from {shop.Order}")));
        assertEquals("parameter 1 is a java.lang.Object, which Tessera cannot bind; use one of [boolean, byte, short, int,"
                + " long, float, double, char, string, decimal, instant, local_date, local_date_time, local_time, uuid, enum,"
                + " bytes, string_list] (a primitive or its box, String, BigDecimal, Instant, LocalDate, LocalDateTime,"
                + " LocalTime, UUID, an enum, byte[] or List<String>)",
                message(() -> blog.execute("delete from {Post} where id = ?", new Object())));
        String failed = message(() -> blog.query(Post.class, "select * from {Post} where nope = 1"));
        assertTrue(failed, failed.startsWith("query of app blog failed: Column \"NOPE\" not found"));
        assertTrue(failed, failed.endsWith("(SQL: select * from \"BLOG_POST\" where nope = 1)"));
    }
}
