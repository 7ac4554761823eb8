package ${package};

import io.tessera.core.AppModel;
import io.tessera.core.ModelRef;

/** Something a user owns. */
@AppModel
public record Item(long id, String name, @ModelRef("auth.User") long owner) {}
