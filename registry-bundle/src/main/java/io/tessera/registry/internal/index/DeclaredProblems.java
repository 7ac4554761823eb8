package io.tessera.registry.internal.index;

import java.util.List;

/** Implemented by configs the registry built itself, which know what was wrong with their source. */
public interface DeclaredProblems {
    List<String> problems();
}
