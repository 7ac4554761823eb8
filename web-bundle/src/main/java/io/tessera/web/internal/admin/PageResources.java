package io.tessera.web.internal.admin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;

import org.osgi.framework.Bundle;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The admin page's files (plain HTML, JavaScript and CSS, nothing built, nothing loaded from
 * elsewhere), served from this bundle's {@value #FOLDER} folder. Only the files listed in
 * {@link #TYPES} exist. Any thread.
 */
final class PageResources {

    static final String FOLDER = "io/tessera/web/internal/admin/page/";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html;charset=utf-8",
            "admin.js", "text/javascript;charset=utf-8",
            "admin.css", "text/css;charset=utf-8");

    private final Bundle bundle;

    PageResources(Bundle bundle) {
        this.bundle = bundle;
    }

    /** Writes the file {@code name} ({@code ""} for the page); {@code false} if there is none. */
    boolean serve(String name, HttpServletResponse response) throws IOException {
        String file = name.isEmpty() ? "index.html" : name;
        String type = TYPES.get(file);
        URL url = type == null ? null : bundle.getEntry(FOLDER + file);
        if (url == null) {
            return false;
        }
        byte[] body;
        try (InputStream in = url.openStream()) {
            body = in.readAllBytes();
        }
        response.setStatus(200);
        response.setContentType(type);
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return true;
    }
}
