package ${package};

import java.util.List;

import io.tessera.core.AppActivator;
import io.tessera.core.AppBundle;
import io.tessera.core.Requirement;

/** The ${label} app: its models are the @AppModel classes of this bundle. */
@AppBundle
public class ${appClass} extends AppActivator {
    public String label() { return "${label}"; }
    public List<Requirement> requires() { return List.of(Requirement.of("auth", "[0.1,1)")); }
    public void ready() { System.out.println("[${label}] ready"); }
}
