package io.tessera.data.internal.schema;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;

/**
 * Reads the steps an app ships: the files {@code TESSERA-INF/migrations/NNNN_description.sql} of its
 * bundle (entries of the bundle itself, not of its fragments or imports), ordered by number.
 */
public final class ShippedSteps {

    /** The folder of an app bundle that holds its steps. */
    public static final String FOLDER = "TESSERA-INF/migrations";

    private static final Pattern NAME = Pattern.compile("(\\d+)_([A-Za-z0-9_]+)\\.sql");
    private static final Pattern UNDO = Pattern.compile("(\\d+_[A-Za-z0-9_]+)\\.undo\\.sql");

    private ShippedSteps() {
    }

    /**
     * The bundle's steps, by number.
     *
     * @throws SchemaException naming a file whose name is not {@code NNNN_description.sql}, two
     *         files with one number, an undo file without its step, or a file that cannot be read
     */
    public static List<ShippedStep> of(Bundle bundle) throws SchemaException {
        Map<String, String> files = new HashMap<>();
        Enumeration<String> paths = bundle.getEntryPaths(FOLDER);
        while (paths != null && paths.hasMoreElements()) {
            String path = paths.nextElement();
            if (path.endsWith("/")) {
                continue;
            }
            URL entry = bundle.getEntry(path);
            try (InputStream in = entry.openStream()) {
                files.put(path.substring(path.lastIndexOf('/') + 1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new SchemaException("cannot read " + path + " in bundle " + bundle.getSymbolicName() + ": "
                        + e.getMessage());
            }
        }
        return of(files);
    }

    /** The steps among these files (name to text), by number. */
    public static List<ShippedStep> of(Map<String, String> files) throws SchemaException {
        List<String> problems = new ArrayList<>();
        List<ShippedStep> steps = new ArrayList<>();
        Map<Integer, String> versions = new HashMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            String name = f.getKey();
            Matcher undo = UNDO.matcher(name);
            if (undo.matches()) {
                if (!files.containsKey(undo.group(1) + ".sql")) {
                    problems.add(FOLDER + "/" + name + " undoes no step: there is no " + undo.group(1) + ".sql");
                }
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                problems.add(FOLDER + "/" + name + " is not named as a step: NNNN_description.sql (digits, an"
                        + " underscore, then letters, digits and underscores), such as 0002_rename_title.sql");
                continue;
            }
            int version;
            try {
                version = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                problems.add(FOLDER + "/" + name + ": its number is too large");
                continue;
            }
            String id = name.substring(0, name.length() - 4);
            String other = versions.putIfAbsent(version, name);
            if (other != null) {
                problems.add(FOLDER + "/" + name + " and " + other + " have the same number " + version
                        + ": renumber one of them");
                continue;
            }
            steps.add(new ShippedStep(version, id, FOLDER + "/" + name, f.getValue(), files.get(id + ".undo.sql")));
        }
        if (!problems.isEmpty()) {
            problems.sort(null);
            throw new SchemaException(String.join("; ", problems));
        }
        steps.sort(Comparator.comparingInt(ShippedStep::version));
        return steps;
    }
}
