package io.tessera.example.blog;

import io.tessera.core.AppModel;
import io.tessera.core.ModelRef;

/** A reader's comment on a post. */
@AppModel
public record Comment(long id, @ModelRef("blog.Post") long post, @ModelRef("auth.User") long author, String text) {
}
