package io.tessera.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import io.tessera.it.webfixture.WebFixtureApp;

/**
 * Writes web app bundles for the tests: each is a real jar with its own copy of
 * {@link WebFixtureApp}, told by its headers which app to be (label, path, requirements, a route
 * declared wrongly).
 */
final class WebTestApps {

    private final Map<String, String> headers = new LinkedHashMap<>();

    private WebTestApps(String label) {
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", "test.web." + label);
        headers.put("Bundle-Version", "1.0.0");
        headers.put("Bundle-Activator", WebFixtureApp.class.getName());
        headers.put("Import-Package", "io.tessera.core;version=\"[1.0,2)\",io.tessera.web;version=\"[1.0,2)\","
                + "jakarta.servlet,jakarta.servlet.http,org.osgi.framework");
        headers.put("X-Label", label);
    }

    /** A web app with this label, symbolic name {@code test.web.<label>}, version 1.0.0. */
    static WebTestApps app(String label) {
        return new WebTestApps(label);
    }

    WebTestApps path(String path) {
        return header("X-Web-Path", path);
    }

    WebTestApps requires(String requirement) {
        return header("X-Requires", requirement);
    }

    WebTestApps version(String version) {
        return header("Bundle-Version", version);
    }

    /** Declares GET on {@code pattern} besides the usual routes (to declare one wrongly). */
    WebTestApps badRoute(String pattern) {
        return header("X-Bad-Route", pattern);
    }

    WebTestApps header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    String symbolicName() {
        return headers.get("Bundle-SymbolicName");
    }

    byte[] build() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach(main::putValue);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (String name : new String[] {WebFixtureApp.class.getName(), WebFixtureApp.class.getName() + "$1"}) {
                String path = name.replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(path));
                try (InputStream in = WebFixtureApp.class.getClassLoader().getResourceAsStream(path)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("static/page.txt"));
            jar.write(("static page of " + headers.get("X-Label")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            jar.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
