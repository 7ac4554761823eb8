package io.tessera.registry.internal.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;

import io.tessera.core.AppModel;
import io.tessera.core.Model;
import io.tessera.core.ModelField;
import io.tessera.registry.internal.index.DeclaredModels;

/**
 * The models a bundle declares with {@link AppModel}: named in its {@value AppModel#HEADER}
 * header and described in its {@value AppModel#INDEX}, so that none of their classes is loaded
 * while the app arrives. A class the header names but the index does not describe (the bundle
 * was built without Tessera's processor) is loaded and described instead, as
 * {@link io.tessera.core.AppConfig#models()} classes are.
 */
final class BundleModels implements DeclaredModels {

    /** One model of the index: its verbose name (may be empty) and fields. */
    private record Described(String verboseName, List<ModelField> fields) {
    }

    private final Bundle bundle;
    private final List<String> classNames;
    private final Map<String, Described> index = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    private BundleModels(Bundle bundle, List<String> classNames) {
        this.bundle = bundle;
        this.classNames = classNames;
        URL entry;
        try {
            entry = bundle.getEntry(AppModel.INDEX);
        } catch (IllegalStateException uninstalled) {
            problems.add("the bundle was uninstalled while its models were read");
            return;
        }
        if (entry != null) {
            read(entry);
        }
    }

    /** The models {@code bundle} declares; read now, on the calling thread. */
    static DeclaredModels of(Bundle bundle) {
        String header = bundle.getHeaders("").get(AppModel.HEADER);
        return header == null || header.isBlank() ? NONE
                : new BundleModels(bundle, HeaderClauses.split(header, ','));
    }

    @Override
    public List<Model> of(String label, List<String> errors) {
        errors.addAll(problems);
        List<Model> models = new ArrayList<>(classNames.size());
        for (String className : classNames) {
            Described d = index.get(className);
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

    /** Reads exactly the entry's bytes, with no reader buffers: this runs for every arriving app. */
    private void read(URL entry) {
        String text;
        try {
            URLConnection connection = entry.openConnection();
            long length = connection.getContentLengthLong();
            try (InputStream in = connection.getInputStream()) {
                text = new String(length >= 0 && length < Integer.MAX_VALUE ? in.readNBytes((int) length)
                        : in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            problems.add("cannot read " + AppModel.INDEX + " from the bundle (" + e + ")");
            return;
        }
        parse(text.split("\n"));
    }

    private void parse(String[] lines) {
        String model = null;
        String verboseName = null;
        List<ModelField> fields = null;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].endsWith("\r") ? lines[n].substring(0, lines[n].length() - 1) : lines[n];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells[0].equals("model") && cells.length == 3 && !cells[1].isEmpty()) {
                if (model != null) {
                    index.put(model, new Described(verboseName, List.copyOf(fields)));
                }
                model = cells[1];
                verboseName = cells[2];
                fields = new ArrayList<>();
            } else if (cells[0].equals("field") && cells.length == 5 && model != null && !cells[1].isEmpty()) {
                fields.add(ModelField.declared(cells[1], cells[2], cells[4], cells[3]));
            } else {
                problems.add("line " + (n + 1) + " of " + AppModel.INDEX + " is not a model or field line ('"
                        + line.replace('\t', ' ') + "'); rebuild the bundle with this version of Tessera");
                return;
            }
        }
        if (model != null) {
            index.put(model, new Described(verboseName, List.copyOf(fields)));
        }
    }
}
