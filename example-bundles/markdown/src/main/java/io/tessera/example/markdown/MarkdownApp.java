package io.tessera.example.markdown;

import io.tessera.core.AppActivator;
import io.tessera.core.AppBundle;

/** Markdown for the blog: all it does is contribute {@link MarkdownRenderer}. */
@AppBundle
public class MarkdownApp extends AppActivator {

    @Override
    public String label() {
        return "markdown";
    }
}
