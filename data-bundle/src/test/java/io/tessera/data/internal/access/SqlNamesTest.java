package io.tessera.data.internal.access;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

import io.tessera.data.internal.Dialect;

/** Column names, quoting and suggestions. */
public class SqlNamesTest {

    @Test
    public void columnsAreSnakeCase() {
        assertEquals("title", SqlNames.column("title"));
        assertEquals("created_at", SqlNames.column("createdAt"));
        assertEquals("author_id", SqlNames.column("authorId"));
        assertEquals("url_path", SqlNames.column("URLPath"));
        assertEquals("pub_date", SqlNames.column("pub_date"));
        assertEquals("line2_total", SqlNames.column("line2Total"));
        assertEquals("x", SqlNames.column("X"));
    }

    @Test
    public void quotingUsesTheCaseTheDatabaseFoldsToAndDoublesQuotes() {
        assertEquals("\"BLOG_POST\"", SqlNames.quote(Dialect.H2, "blog_post"));
        assertEquals("\"blog_post\"", SqlNames.quote(Dialect.POSTGRESQL, "blog_post"));
        assertEquals("\"a\"\"b\"", SqlNames.quote(Dialect.POSTGRESQL, "a\"b"));
    }

    @Test
    public void suggestionsAreTheClosestOnly() {
        List<String> fields = List.of("id", "title", "author", "createdAt", "status");
        assertEquals(List.of("author"), SqlNames.closest("autor", fields));
        assertEquals(List.of("title"), SqlNames.closest("titel", fields));
        assertEquals(List.of("createdAt"), SqlNames.closest("created_at", fields));
        assertEquals(List.of(), SqlNames.closest("zzz", fields));
        assertEquals(List.of("Post"), SqlNames.closest("Pots", List.of("Post", "Note", "Tag")));
        assertEquals("; did you mean \"author\"?", SqlNames.didYouMean("Author", fields));
        assertEquals(".", SqlNames.didYouMean("qqqqqq", fields));
    }
}
