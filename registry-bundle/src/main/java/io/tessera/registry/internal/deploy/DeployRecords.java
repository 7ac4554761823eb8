package io.tessera.registry.internal.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Properties;

import io.tessera.registry.internal.Log;

/**
 * Which file content each deployed bundle was installed from ({@code location = size:millis}),
 * kept in the registry bundle's data area so that, after a restart with a kept framework cache,
 * a file that changed while the runtime was down is recognised and updated. Worker thread only.
 */
final class DeployRecords {

    private final File file;
    private final Properties records = new Properties();

    /** @param file where to keep them, or {@code null} to keep them in memory only */
    DeployRecords(File file) {
        this.file = file;
        if (file != null && file.isFile()) {
            try (InputStream in = Files.newInputStream(file.toPath())) {
                records.load(in);
            } catch (IOException e) {
                Log.warn("deploy: cannot read " + file + "; deployed files are checked again", e);
            }
        }
    }

    /** Whether {@code location} was installed from content with this signature. */
    boolean matches(String location, FileSignature signature) {
        return signature.persistentForm().equals(records.getProperty(location));
    }

    void put(String location, FileSignature signature) {
        records.setProperty(location, signature.persistentForm());
        save();
    }

    void remove(String location) {
        if (records.remove(location) != null) {
            save();
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        try (OutputStream out = Files.newOutputStream(file.toPath())) {
            records.store(out, "Tessera deploy folder: bundle location = size:modified millis of the file it came from");
        } catch (IOException e) {
            Log.warn("deploy: cannot write " + file + "; after a restart, deployed files are checked again", e);
        }
    }
}
