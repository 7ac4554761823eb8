package io.tessera.example.notes;

import io.tessera.core.ModelRef;

/** A short note a user pins somewhere. */
public record Note(long id, @ModelRef("auth.User") long owner, String text) {
}
