package io.tessera.example.blog.render;

import io.tessera.core.ExtensionPoint;

/**
 * How the blog turns a post's body into HTML: an extension point other apps contribute to
 * (the {@code markdown} example app does). The blog uses the highest-ranked renderer, and shows
 * bodies as plain text while there is none.
 */
@ExtensionPoint(single = true)
public interface PostRenderer {

    /** The format this renderer reads, such as "markdown". */
    String format();

    /** The HTML for {@code body}. */
    String render(String body);
}
