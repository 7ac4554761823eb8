package io.tessera.example.auth;

import java.time.Instant;

import io.tessera.core.AppModel;
import io.tessera.core.ModelRef;

/** A person who can log in. */
@AppModel
public record User(long id, String username, String email, boolean isStaff, Instant dateJoined,
        @ModelRef("auth.Group") long group) {
}
