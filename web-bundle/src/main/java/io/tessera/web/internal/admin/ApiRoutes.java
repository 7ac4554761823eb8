package io.tessera.web.internal.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.tessera.core.App;
import io.tessera.core.AppActivation;
import io.tessera.core.AppRegistry;
import io.tessera.core.LookupException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The JSON API under {@code /tessera/api/}: reads for anyone who reaches the server (loopback by
 * default), changes only with the {@link AdminToken}. Every error is JSON with a message an
 * operator can act on: 404 for an unknown path, label or model (suggesting the closest), 405 with
 * {@code Allow} for a method a path does not take, 400/413/415 for a body that is not what the
 * request takes, 401/403 for missing or wrong credentials, 503 while the registry is not running.
 * Stateless; any request thread.
 */
final class ApiRoutes {

    static final String PATHS = "apps, apps/{label}, apps/{label}/enable, apps/{label}/disable, models,"
            + " models/{label.Model}, dependencies, deploy, events, status";
    private static final String ENABLED_EXAMPLE = "{\"enabled\": false}";

    private final RegistryServices services;
    private final AdminToken token;
    private final EventHub hub;

    ApiRoutes(RegistryServices services, AdminToken token, EventHub hub) {
        this.services = services;
        this.token = token;
        this.hub = hub;
    }

    /** Answers {@code path}, the part after {@code /tessera/api/} without a trailing slash. */
    void handle(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            route(path, request, response);
        } catch (Json.Refused refused) {
            Json.error(response, refused);
        }
    }

    private void route(String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException, Json.Refused {
        String[] parts = path.isEmpty() ? new String[0] : path.split("/", -1);
        String method = request.getMethod();
        if (parts.length == 0) {
            allow(method, "GET");
            Json.write(response, 200, Map.of("paths", PATHS, "events", "text/event-stream of 'app' and 'deploy' events"));
        } else if (parts.length == 1 && parts[0].equals("apps")) {
            allow(method, "GET");
            AppRegistry registry = services.registry();
            Json.write(response, 200, registry.apps().stream().map(a -> Views.app(a, services::isEnabled)).toList());
        } else if (parts.length == 2 && parts[0].equals("apps")) {
            allow(method, "GET", "POST");
            if (method.equals("POST")) {
                token.check(request);
                JsonNode enabled = Json.body(request, Set.of("enabled"), ENABLED_EXAMPLE).get("enabled");
                if (enabled == null) {
                    throw new Json.Refused(400, "The request body has no field 'enabled': send " + ENABLED_EXAMPLE
                            + " to disable the app, or {\"enabled\": true} to enable it.");
                }
                if (!enabled.isBoolean()) {
                    throw new Json.Refused(400, "The field 'enabled' must be true or false, not " + enabled + ".");
                }
                change(parts[1], enabled.booleanValue(), response);
            } else {
                Json.write(response, 200, Views.app(app(parts[1]), services::isEnabled));
            }
        } else if (parts.length == 3 && parts[0].equals("apps") && (parts[2].equals("enable") || parts[2].equals("disable"))) {
            allow(method, "POST");
            token.check(request);
            Json.body(request, Set.of(), "{}");
            change(parts[1], parts[2].equals("enable"), response);
        } else if (parts.length == 1 && parts[0].equals("models")) {
            allow(method, "GET");
            Json.write(response, 200, services.registry().models().stream().map(Views::model).toList());
        } else if (parts.length == 2 && parts[0].equals("models")) {
            allow(method, "GET");
            Json.write(response, 200, Views.model(model(parts[1])));
        } else if (parts.length == 1 && parts[0].equals("dependencies")) {
            allow(method, "GET");
            Json.write(response, 200, Views.graph(services.registry().apps()));
        } else if (parts.length == 1 && parts[0].equals("deploy")) {
            allow(method, "GET");
            Json.write(response, 200, services.deploy());
        } else if (parts.length == 1 && parts[0].equals("status")) {
            allow(method, "GET");
            AppRegistry registry = services.registry();
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("generation", registry.generation());
            status.put("settled", registry.isSettled());
            status.put("eventStreams", hub.openStreams());
            Json.write(response, 200, status);
        } else if (parts.length == 1 && parts[0].equals("events")) {
            allow(method, "GET");
            if (!request.isAsyncSupported()) {
                throw new Json.Refused(500, "The event stream needs servlet async support, which this servlet was"
                        + " registered without.");
            }
            hub.open(request, response);
        } else {
            throw new Json.Refused(404, "No API path '/tessera/api/" + path + "'. The API has: " + PATHS + ".");
        }
    }

    private static void allow(String method, String... allowed) throws Json.Refused {
        if (!List.of(allowed).contains(method)) {
            String allow = String.join(", ", allowed);
            throw new Json.Refused(405, "This path takes " + allow + ", not " + method + ".", Map.of("Allow", allow),
                    List.of());
        }
    }

    private App app(String label) throws Json.Refused {
        try {
            return services.registry().app(label);
        } catch (LookupException e) {
            throw new Json.Refused(404, e.getMessage(), Map.of(), e.suggestions());
        }
    }

    private io.tessera.core.Model model(String key) throws Json.Refused {
        if (key.indexOf('.') <= 0 || key.endsWith(".")) {
            throw new Json.Refused(404, "No model '" + key + "': a model is named label.Model, as in blog.Post.");
        }
        try {
            return services.registry().model(key);
        } catch (LookupException e) {
            throw new Json.Refused(404, e.getMessage(), Map.of(), e.suggestions());
        } catch (IllegalArgumentException e) {
            throw new Json.Refused(404, "No model '" + key + "': " + e.getMessage());
        }
    }

    /** Enables or disables the app and answers with it as it is afterwards. */
    private void change(String label, boolean enable, HttpServletResponse response) throws IOException, Json.Refused {
        AppActivation activation = services.activation();
        try {
            if (enable) {
                activation.enable(label);
            } else {
                activation.disable(label);
            }
        } catch (LookupException e) {
            throw new Json.Refused(404, e.getMessage(), Map.of(), e.suggestions());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new Json.Refused(409, e.getMessage());
        } catch (UncheckedIOException e) {
            throw new Json.Refused(500, "The app's enabled state could not be saved, so nothing changed: "
                    + e.getCause().getMessage());
        }
        AppRegistry registry = services.registry();
        Object body = registry.findApp(label).<Object>map(a -> Views.app(a, services::isEnabled))
                .orElseGet(() -> Map.of("label", label, "enabled", services.isEnabled(label)));
        Json.write(response, 200, body);
    }
}
