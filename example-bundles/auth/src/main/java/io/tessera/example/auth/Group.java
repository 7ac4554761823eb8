package io.tessera.example.auth;

import java.util.List;

/** A named set of permissions. */
public record Group(long id, String name, List<String> permissions) {
}
