package ${package};

import io.tessera.core.AppModel;
import io.tessera.core.ModelRef;

/** A note about an item. */
@AppModel
public record Note(long id, @ModelRef("${label}.Item") long item, String text) {}
