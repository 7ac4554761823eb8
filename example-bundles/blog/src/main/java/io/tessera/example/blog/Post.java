package io.tessera.example.blog;

import java.time.Instant;

import io.tessera.core.AppModel;
import io.tessera.core.ModelRef;

/** A blog post. */
@AppModel
public record Post(long id, String title, String body, @ModelRef("auth.User") long author, Instant published) {
}
