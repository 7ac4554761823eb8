package io.tessera.registry.internal.index;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

/** "Did you mean" suggestions (part of C02). */
public class SuggestionsTest {

    @Test
    public void c02_misspeltLabelSuggestsClosest() {
        assertEquals(List.of("blog"), Suggestions.closest("blgo", List.of("auth", "blog", "polls"), 3));
        assertEquals(List.of("polls"), Suggestions.closest("pols", List.of("auth", "blog", "polls"), 3));
    }

    @Test
    public void closestComeFirstThenAlphabetical() {
        assertEquals(List.of("blog", "bloc", "blogs"),
                Suggestions.closest("blog", List.of("blogs", "auth", "bloc", "blog"), 3));
        assertEquals(List.of("blog", "bloc"), Suggestions.closest("blog", List.of("blogs", "bloc", "blog"), 2));
    }

    @Test
    public void farOffWordsAreNotSuggested() {
        assertTrue(Suggestions.closest("zzzzzz", List.of("auth", "blog", "polls"), 3).isEmpty());
        assertTrue(Suggestions.closest("x", List.of(), 3).isEmpty());
    }

    @Test
    public void prefixesAreSuggestedEvenWhenFar() {
        assertEquals(List.of("blog_posts"), Suggestions.closest("blog", List.of("blog_posts", "auth"), 3));
    }

    @Test
    public void comparisonIgnoresCase() {
        assertEquals(List.of("Post"), Suggestions.closest("post", List.of("Post", "Comment"), 3));
    }

    @Test
    public void didYouMeanPhrasesOneTwoOrMany() {
        assertEquals("", Suggestions.didYouMean(List.of()));
        assertEquals(" Did you mean 'blog'?", Suggestions.didYouMean(List.of("blog")));
        assertEquals(" Did you mean 'blog' or 'blogs'?", Suggestions.didYouMean(List.of("blog", "blogs")));
        assertEquals(" Did you mean 'a', 'b' or 'c'?", Suggestions.didYouMean(List.of("a", "b", "c")));
    }

    @Test
    public void distanceCountsASwapAsOneEdit() {
        assertEquals(0, Suggestions.distance("blog", "blog"));
        assertEquals(1, Suggestions.distance("blog", "blgo"));
        assertEquals(1, Suggestions.distance("blog", "blogs"));
        assertEquals(1, Suggestions.distance("blog", "bleg"));
        assertEquals(4, Suggestions.distance("", "blog"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }
}
