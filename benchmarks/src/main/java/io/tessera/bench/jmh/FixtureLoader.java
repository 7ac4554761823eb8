package io.tessera.bench.jmh;

import io.tessera.bench.BundleJars;

/**
 * Loads its own copy of the fixture models, as each app bundle would: a model class belongs to
 * one app only, so 1,000 apps need 1,000 copies of {@code Post} and {@code Comment}.
 */
final class FixtureLoader extends ClassLoader {

    static final String POST = "io.tessera.bench.fixture.Post";
    static final String COMMENT = "io.tessera.bench.fixture.Comment";

    FixtureLoader(ClassLoader parent) {
        super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.equals(POST) && !name.equals(COMMENT)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] bytes = BundleJars.classBytes(name);
                c = defineClass(name, bytes, 0, bytes.length);
            }
            return c;
        }
    }

    /** A fresh copy of the two models. */
    static Class<?>[] models() {
        FixtureLoader loader = new FixtureLoader(FixtureLoader.class.getClassLoader());
        try {
            return new Class<?>[] {loader.loadClass(POST), loader.loadClass(COMMENT)};
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
