package io.tessera.core;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * A label, name or model that the registry does not know, with the closest ones it does know.
 * The message is complete and meant to be shown as it is:
 * {@code No app with label 'blgo'. Did you mean 'blog'?}
 */
public class LookupException extends NoSuchElementException {

    private static final long serialVersionUID = 1L;

    private final List<String> suggestions;

    public LookupException(String message, List<String> suggestions) {
        super(message);
        this.suggestions = List.copyOf(suggestions);
    }

    /** The known labels or names closest to what was asked for, closest first. */
    public List<String> suggestions() {
        return suggestions;
    }
}
