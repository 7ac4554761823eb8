package io.tessera.registry.internal.osgi;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;

import io.tessera.core.AppModel;
import io.tessera.core.Model;
import io.tessera.registry.internal.index.DeclaredModels;
import io.tessera.registry.internal.index.ModelIndexHeader;

/**
 * The models a bundle declares with {@link AppModel}: named in its {@value AppModel#HEADER}
 * header and described in its {@value AppModel#INDEX_HEADER} header, so that none of their
 * classes is loaded and no file in the bundle is read while the app arrives (the framework parsed
 * the manifest when the bundle was installed). A class named but not described (the bundle was
 * built without Tessera's processor) is loaded and described instead, as
 * {@link io.tessera.core.AppConfig#models()} classes are.
 */
final class BundleModels implements DeclaredModels {

    private final Bundle bundle;
    private final List<String> classNames;
    private final Map<String, ModelIndexHeader.Description> index;
    private final List<String> problems = new ArrayList<>(0);

    private BundleModels(Bundle bundle, List<String> classNames, String indexHeader) {
        this.bundle = bundle;
        this.classNames = classNames;
        this.index = ModelIndexHeader.parse(indexHeader, problems);
    }

    /** The models {@code bundle} declares; read now, on the calling thread. */
    static DeclaredModels of(Bundle bundle) {
        return of(bundle, bundle.getHeaders("")); // a copy: read it once
    }

    /** The models {@code bundle}, whose raw headers are {@code headers}, declares. */
    static DeclaredModels of(Bundle bundle, Dictionary<String, String> headers) {
        String names = headers.get(AppModel.HEADER);
        return names == null || names.isBlank() ? NONE
                : new BundleModels(bundle, HeaderClauses.split(names, ','), headers.get(AppModel.INDEX_HEADER));
    }

    @Override
    public List<Model> of(String label, List<String> errors) {
        errors.addAll(problems);
        List<Model> models = new ArrayList<>(classNames.size());
        for (String className : classNames) {
            ModelIndexHeader.Description d = index.get(className);
            if (d != null) {
                models.add(Model.declared(label, bundle, className, d.verboseName(), d.fields()));
                continue;
            }
            try {
                models.add(Model.describe(label, bundle.loadClass(className)));
            } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
                errors.add("model class " + className + " named in the " + AppModel.HEADER
                        + " header cannot be loaded from the bundle (" + e + ")");
            }
        }
        return models;
    }
}
