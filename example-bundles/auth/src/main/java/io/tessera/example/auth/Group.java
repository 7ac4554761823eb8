package io.tessera.example.auth;

import java.util.List;

import io.tessera.core.AppModel;

/** A named set of permissions. */
@AppModel
public record Group(long id, String name, List<String> permissions) {
}
