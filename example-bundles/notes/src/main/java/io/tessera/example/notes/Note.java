package io.tessera.example.notes;

import io.tessera.core.AppModel;
import io.tessera.core.ModelRef;

/** A short note a user pins somewhere. */
@AppModel
public record Note(long id, @ModelRef("auth.User") long owner, String text) {
}
