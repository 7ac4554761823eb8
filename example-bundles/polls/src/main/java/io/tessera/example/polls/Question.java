package io.tessera.example.polls;

import java.time.Instant;

import io.tessera.core.VerboseName;

/** A poll question. */
public record Question(long id, String questionText, @VerboseName("date published") Instant pubDate) {
}
