package io.tessera.data.internal.access;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

/** Suggestions ("did you mean") in the data access errors; names and quoting are ModelSchemaTest's. */
public class SqlNamesTest {

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
