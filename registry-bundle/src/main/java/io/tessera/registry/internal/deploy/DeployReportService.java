package io.tessera.registry.internal.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The deploy folder's report offered to other Tessera bundles (the web layer's admin page) as a
 * {@code java.util.function.Supplier} service with the property {@value #PROPERTY}{@code =}{@value #DEPLOY},
 * so they render the very lines {@code apps:diag} shows without a new type in Tessera's API (as the
 * activator-failure consumer is offered).
 *
 * <p>Each call renders the report afresh: a list of maps with the keys {@code severity}
 * ({@code OK}, {@code WARNING} or {@code ERROR}) and {@code text} (the line as the shell prints it),
 * files in name order. The service property {@value #FOLDER_PROPERTY} is the folder watched. Any thread.
 */
public final class DeployReportService implements Supplier<List<Map<String, String>>> {

    public static final String PROPERTY = "tessera.report";
    public static final String DEPLOY = "deploy";
    public static final String FOLDER_PROPERTY = "tessera.deploy.folder";

    private final DeployReport report;

    private DeployReportService(DeployReport report) {
        this.report = report;
    }

    public static ServiceRegistration<?> register(BundleContext context, DeployReport report, Path folder) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(PROPERTY, DEPLOY);
        properties.put(FOLDER_PROPERTY, folder.toString());
        return context.registerService(Supplier.class, new DeployReportService(report), properties);
    }

    @Override
    public List<Map<String, String>> get() {
        List<Map<String, String>> lines = new ArrayList<>();
        for (DeployReport.Line line : report.lines()) {
            lines.add(Map.of("severity", line.severity().name(), "text", line.text()));
        }
        return lines;
    }
}
