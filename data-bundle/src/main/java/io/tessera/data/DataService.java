package io.tessera.data;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The data layer, as an OSGi service: each bundle that gets it receives its own instance, which
 * hands out the {@link Data} of that bundle's apps only. Most apps use {@link Data#of} instead.
 */
@ProviderType
public interface DataService {

    /**
     * The data of the app labelled {@code label}.
     *
     * @throws DataException if no app has that label, or it is not an app of the calling bundle
     */
    Data forApp(String label);
}
