package io.tessera.data.internal.access;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.Before;
import org.junit.Test;

import io.tessera.data.Query;
import io.tessera.data.Table;

/** Filters (each lookup), ordering, limit and offset, count, first, bulk delete, by-id operations. */
public class QueryTest extends H2Fixture {

    private Table<Post> posts;

    @Before
    public void fivePosts() {
        posts = blog.table(Post.class);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        posts.insert(new Post(1, "a", 1, t, Status.DRAFT));
        posts.insert(new Post(2, "b", 1, t.plusSeconds(60), Status.PUBLISHED));
        posts.insert(new Post(3, "c", 2, t.plusSeconds(120), Status.PUBLISHED));
        posts.insert(new Post(4, null, 2, null, null));
        posts.insert(new Post(5, "e", 3, t.plusSeconds(240), Status.DRAFT));
    }

    private static Set<Long> ids(List<Post> rows) {
        return rows.stream().map(Post::id).collect(Collectors.toSet());
    }

    private static List<Long> orderedIds(List<Post> rows) {
        return rows.stream().map(Post::id).toList();
    }

    @Test
    public void eachLookupSelectsTheRightRows() {
        assertEquals(Set.of(1L, 2L), ids(posts.where("author", 1).list()));
        assertEquals(Set.of(1L, 2L), ids(posts.where("author__exact", 1L).list()));
        assertEquals(Set.of(3L, 4L, 5L), ids(posts.where("author__ne", 1).list()));
        assertEquals(Set.of(4L, 5L), ids(posts.where("id__gt", 3).list()));
        assertEquals(Set.of(3L, 4L, 5L), ids(posts.where("id__gte", 3).list()));
        assertEquals(Set.of(1L, 2L), ids(posts.where("id__lt", 3).list()));
        assertEquals(Set.of(1L, 2L, 3L), ids(posts.where("id__lte", 3).list()));
        assertEquals(Set.of(1L, 5L), ids(posts.where("id__in", List.of(1, 5, 99)).list()));
        assertEquals(Set.of(2L, 3L), ids(posts.where("id__in", new long[] {2, 3}).list()));
        assertEquals(Set.of(), ids(posts.where("id__in", List.of()).list()));
        assertEquals(Set.of(4L), ids(posts.where("title__isnull", true).list()));
        assertEquals(Set.of(1L, 2L, 3L, 5L), ids(posts.where("title__isnull", false).list()));
        assertEquals(Set.of(4L), ids(posts.where("title", null).list()));
        assertEquals(Set.of(2L, 3L), ids(posts.where("status", Status.PUBLISHED).list()));
        assertEquals(Set.of(2L, 3L), ids(posts.where("status", "PUBLISHED").list()));
        assertEquals(Set.of(3L, 5L), ids(posts.where("created__gt", Instant.parse("2026-01-01T00:01:00Z")).list()));
    }

    @Test
    public void conditionsCombineWithAndAndQueriesAreImmutable() {
        Query<Post> byOne = posts.where("author", 1);
        Query<Post> published = byOne.where("status", Status.PUBLISHED);
        assertEquals(Set.of(2L), ids(published.list()));
        assertEquals(Set.of(1L, 2L), ids(byOne.list()));
        assertEquals(5, posts.count());
    }

    @Test
    public void orderingLimitAndOffset() {
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), orderedIds(posts.orderBy("-id").list()));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), orderedIds(posts.orderBy("author", "id").list()));
        assertEquals(List.of(2L, 1L, 4L, 3L, 5L), orderedIds(posts.orderBy("author").orderBy("-id").list()));
        assertEquals(List.of(5L, 4L), orderedIds(posts.orderBy("-id").limit(2).list()));
        assertEquals(List.of(3L, 2L), orderedIds(posts.orderBy("-id").limit(2).offset(2).list()));
        assertEquals(List.of(1L), orderedIds(posts.orderBy("-id").offset(4).list()));
        assertEquals(List.of(), orderedIds(posts.limit(0).list()));
        assertEquals(3L, posts.where("author__gte", 2).orderBy("id").first().orElseThrow().id());
        assertFalse(posts.where("author", 42).first().isPresent());
    }

    @Test
    public void countIgnoresLimitAndCountsMatches() {
        assertEquals(5, posts.count());
        assertEquals(2, posts.where("status", Status.DRAFT).count());
        assertEquals(0, posts.where("id__in", List.of()).count());
        assertEquals(2, posts.where("author", 2).limit(1).count());
    }

    @Test
    public void byIdAndBulkOperations() throws Exception {
        assertEquals("c", posts.get(3).title());
        assertTrue(posts.find(99).isEmpty());
        assertTrue(posts.find(null).isEmpty());
        assertTrue(posts.deleteById(3));
        assertFalse(posts.deleteById(3));
        assertTrue(posts.delete(posts.get(1)));
        assertEquals(3, rows("blog_post"));
        assertEquals(2, posts.where("author__gte", 2).delete());
        assertEquals(Set.of(2L), ids(posts.list()));
        assertEquals(1, posts.delete());
        assertEquals(0, rows("blog_post"));
    }
}
