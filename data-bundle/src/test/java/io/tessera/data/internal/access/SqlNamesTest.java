package io.tessera.data.internal.access;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

import io.tessera.data.internal.Dialect;
import io.tessera.data.internal.schema.Identifiers;

/** Column names, quoting and suggestions. */
public class SqlNamesTest {

    @Test
    public void columnsAreSnakeCase() {
        assertEquals("title", Identifiers.column("title"));
        assertEquals("created_at", Identifiers.column("createdAt"));
        assertEquals("author_id", Identifiers.column("authorId"));
        assertEquals("url_path", Identifiers.column("URLPath"));
        assertEquals("pub_date", Identifiers.column("pub_date"));
        assertEquals("line2_total", Identifiers.column("line2Total"));
        assertEquals("x", Identifiers.column("X"));
    }

    @Test
    public void quotingUsesTheCaseTheDatabaseFoldsToAndDoublesQuotes() {
        assertEquals("\"BLOG_POST\"", Identifiers.quoted(Dialect.H2, "blog_post"));
        assertEquals("\"blog_post\"", Identifiers.quoted(Dialect.POSTGRESQL, "blog_post"));
        assertEquals("\"a\"\"b\"", Identifiers.quoted(Dialect.POSTGRESQL, "a\"b"));
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
