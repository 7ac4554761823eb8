package io.tessera.data.internal.access;

import io.tessera.core.Model;
import io.tessera.data.internal.schema.Identifiers;

/**
 * Decides which table holds a model's rows for an app label: the one place Tessera names tables,
 * so that instances of one app ({@code blog_news}) and, later, tenants get tables of their own
 * without any change in app code. Implementations must be thread-safe and give the same answer for
 * the same arguments while the app is in the index.
 */
@FunctionalInterface
public interface TableNames {

    /**
     * As Django names tables: {@code <app label>_<model name in lower case>}, so {@code blog_post}
     * for {@code blog.Post}, {@code blog_news_post} for the instance {@code blog_news}.
     */
    TableNames DJANGO = (appLabel, model) -> Identifiers.table(appLabel, model.name());

    /**
     * The unquoted table name (lower case, letters, digits and underscores) for {@code model} as a
     * model of the app labelled {@code appLabel}.
     */
    String table(String appLabel, Model model);
}
