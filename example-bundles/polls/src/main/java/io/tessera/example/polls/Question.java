package io.tessera.example.polls;

import io.tessera.core.AppModel;

import java.time.Instant;

import io.tessera.core.VerboseName;

/** A poll question. */
@AppModel
public record Question(long id, String questionText, @VerboseName("date published") Instant pubDate) {
}
