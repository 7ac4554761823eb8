package io.tessera.data.internal.access;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.junit.Test;

import io.tessera.data.Table;

/** Every supported Java type through insert, find and update, with and without null; records and classes. */
public class TypesTest extends H2Fixture {

    private static Everything full(long id) {
        return new Everything(id, true, (byte) -7, (short) 30000, -123456, Long.MAX_VALUE - 1, 1.5f, Math.PI,
                Boolean.FALSE, (byte) 127, (short) -32768, Integer.MIN_VALUE, Long.MIN_VALUE, -0.25f, 1e300, "héllo \"q\" 'x'",
                new BigDecimal("12345678901234567890.0123456789"), Instant.parse("2026-11-29T18:00:00.123456789Z"),
                LocalDate.of(1999, 12, 31), LocalDateTime.of(2026, 2, 28, 23, 59, 59, 999_999_999),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), Status.PUBLISHED, new byte[] {0, -1, 127, -128},
                'é', 'Z', LocalTime.of(23, 59, 58, 123_456_789), List.of("a", "b c", ""));
    }

    private static Everything empty() {
        return new Everything(0, false, (byte) 0, (short) 0, 0, 0L, 0f, 0d, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, 'x', null, null, null);
    }

    @Test
    public void everyTypeRoundTripsWithValues() {
        Table<Everything> table = blog.table(Everything.class);
        Everything stored = table.insert(full(0));
        assertNotEquals(0, stored.id());
        Everything read = table.get(stored.id());
        assertSameValues(full(stored.id()), read);
    }

    @Test
    public void everyObjectTypeRoundTripsAsNull() {
        Table<Everything> table = blog.table(Everything.class);
        Everything stored = table.insert(empty());
        Everything read = table.get(stored.id());
        assertSameValues(new Everything(stored.id(), false, (byte) 0, (short) 0, 0, 0L, 0f, 0d, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, 'x', null, null, null), read);
        assertNull(read.flagBox());
        assertNull(read.bytes());
        assertNull(read.uuid());
    }

    @Test
    public void updateWritesEveryFieldAndNullsThem() {
        Table<Everything> table = blog.table(Everything.class);
        long id = table.insert(full(0)).id();
        table.update(new Everything(id, false, (byte) 1, (short) 2, 3, 4L, 5f, 6d, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, 'y', null, null, null));
        Everything read = table.get(id);
        assertEquals(3, read.number());
        assertNull(read.text());
        assertNull(read.amount());
        assertNull(read.at());
        assertNull(read.tags());
        assertEquals('y', read.letter());
        table.update(full(id));
        assertSameValues(full(id), table.get(id));
    }

    @Test
    public void plainClassGetsItsGeneratedIdSetAndRoundTrips() {
        Table<Note> notes = blog.table(Note.class);
        Note n = new Note("buy milk", LocalDate.of(2026, 12, 1), 2);
        n.done(true);
        Note stored = notes.insert(n);
        assertSame("a plain class is returned as the same object", n, stored);
        assertNotNull(n.id);
        Note read = notes.get(n.id);
        assertEquals("buy milk", read.body);
        assertEquals(LocalDate.of(2026, 12, 1), read.dueDate);
        assertEquals(2, read.priority);
        assertTrue(read.done());

        read.body = null;
        read.dueDate = null;
        read.done(false);
        notes.update(read);
        Note again = notes.get(n.id);
        assertNull(again.body);
        assertNull(again.dueDate);
        assertFalse(again.done());
    }

    @Test
    public void recordInsertReturnsANewRecordWithTheGeneratedId() {
        Table<Post> posts = blog.table(Post.class);
        Post given = new Post(0, "Hello", 3, null, Status.DRAFT);
        Post first = posts.insert(given);
        Post second = posts.insert(given);
        assertEquals(0, given.id());
        assertEquals(first.id() + 1, second.id());
        assertEquals(new Post(first.id(), "Hello", 3, null, Status.DRAFT), first);
    }

    @Test
    public void givenIdsAreKeptAndUuidIdsAreGeneratedByTessera() {
        Table<Post> posts = blog.table(Post.class);
        assertEquals(1000, posts.insert(new Post(1000, "explicit", 1, null, null)).id());
        assertEquals("explicit", posts.get(1000L).title());

        Table<Token> tokens = blog.table(Token.class);
        Token t = tokens.insert(new Token(null, "ann"));
        assertNotNull(t.id());
        assertEquals("ann", tokens.get(t.id()).owner());
        UUID given = UUID.randomUUID();
        assertEquals(given, tokens.insert(new Token(given, "bob")).id());

        Table<Tag> tags = blog.table(Tag.class);
        tags.insert(new Tag("java", "Java"));
        assertEquals("Java", tags.get("java").label());
    }

    @Test
    public void modelWithoutIdCanBeInsertedListedAndCounted() {
        Table<Visit> visits = blog.table(Visit.class);
        visits.insert(new Visit("/a"));
        visits.insert(new Visit("/b"));
        assertEquals(2, visits.count());
        assertEquals("/b", visits.orderBy("-page").first().orElseThrow().page());
    }

    private static void assertSameValues(Everything expected, Everything actual) {
        // records compare byte[] by identity: compare field by field
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.flag(), actual.flag());
        assertEquals(expected.tiny(), actual.tiny());
        assertEquals(expected.small(), actual.small());
        assertEquals(expected.number(), actual.number());
        assertEquals(expected.big(), actual.big());
        assertEquals(expected.real(), actual.real(), 0f);
        assertEquals(expected.precise(), actual.precise(), 0d);
        assertEquals(expected.flagBox(), actual.flagBox());
        assertEquals(expected.tinyBox(), actual.tinyBox());
        assertEquals(expected.smallBox(), actual.smallBox());
        assertEquals(expected.numberBox(), actual.numberBox());
        assertEquals(expected.bigBox(), actual.bigBox());
        assertEquals(expected.realBox(), actual.realBox());
        assertEquals(expected.preciseBox(), actual.preciseBox());
        assertEquals(expected.text(), actual.text());
        assertEquals(expected.amount(), actual.amount());
        assertEquals(expected.at(), actual.at());
        assertEquals(expected.day(), actual.day());
        assertEquals(expected.localAt(), actual.localAt());
        assertEquals(expected.uuid(), actual.uuid());
        assertEquals(expected.status(), actual.status());
        assertEquals(bytes(expected.bytes()), bytes(actual.bytes()));
        assertEquals(expected.letter(), actual.letter());
        assertEquals(expected.letterBox(), actual.letterBox());
        assertEquals(expected.time(), actual.time());
        assertEquals(expected.tags(), actual.tags());
        if (expected.bytes() != null) {
            assertArrayEquals(expected.bytes(), actual.bytes());
        }
    }
}
