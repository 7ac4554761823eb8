package io.tessera.data.internal.db;

import java.util.Hashtable;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.tessera.data.internal.Dialect;

/**
 * The shell command {@code apps:db}: the database in use (its URL without secrets, its kind, the
 * user, what chose it), whether it is available and, when not, why and what to do, and a refused
 * configuration if there is one. Registered only when Gogo's package is there
 * ({@link NoClassDefFoundError} otherwise). Reads one {@link Database.Status}; any thread.
 */
public final class DatabaseCommand implements Function {

    static final String USAGE = "Usage:\n  apps:db   show the database in use, whether it is available, and why not\n";

    private final Database database;

    private DatabaseCommand(Database database) {
        this.database = database;
    }

    public static ServiceRegistration<?> register(BundleContext context, Database database) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("osgi.command.scope", "apps");
        p.put("osgi.command.function", "db");
        return context.registerService(Function.class, new DatabaseCommand(database), p);
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        if (!arguments.isEmpty()) {
            boolean help = arguments.size() == 1 && List.of("--help", "-h").contains(String.valueOf(arguments.get(0)));
            return help ? USAGE : "apps:db: unexpected argument" + (arguments.size() == 1 ? ": " : "s: ")
                    + String.join(" ", arguments.stream().map(String::valueOf).toList()) + ".\n" + USAGE;
        }
        return render(database.status());
    }

    /**
     * "Database:  jdbc:postgresql://127.0.0.1:5433/app (PostgreSQL, user 'app')\nChosen by: etc/io.tessera.data.cfg\n
     * State:     AVAILABLE since 2026-11-29T19:01:02Z\n".
     */
    static String render(Database.Status s) {
        StringBuilder out = new StringBuilder();
        out.append("Database:  ").append(s.description()).append(" (")
                .append(s.dialect() == Dialect.POSTGRESQL ? "PostgreSQL" : "H2, embedded")
                .append(s.user().isEmpty() ? "" : ", user '" + s.user() + "'").append(")\n");
        out.append("Chosen by: ").append(s.where()).append('\n');
        out.append("State:     ").append(s.availability()).append(" since ").append(s.since()).append('\n');
        if (!s.reason().isEmpty()) {
            out.append("Reason:    ").append(s.reason()).append('\n');
        }
        if (!s.settingsProblem().isEmpty()) {
            out.append("Refused:   ").append(s.settingsProblem()).append('\n');
        }
        return out.toString();
    }
}
