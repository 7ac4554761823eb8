package io.tessera.registry.internal.osgi;

import java.util.Hashtable;

import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.shell.CheckedCommand;
import io.tessera.registry.internal.shell.ExtensionCommands;

/** Offers {@code apps:extensions} to the Gogo shell (which is optional: the caller catches its absence). */
final class ExtensionCommandsRegistration {

    private ExtensionCommandsRegistration() {
    }

    static ServiceRegistration<?> register(BundleContext context, TesseraRegistry registry) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", "apps");
        properties.put("osgi.command.function", "extensions");
        return context.registerService(Function.class,
                new CheckedCommand(new ExtensionCommands(registry), "apps:extensions"), properties);
    }
}
