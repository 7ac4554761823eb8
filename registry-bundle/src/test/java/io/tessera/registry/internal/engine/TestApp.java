package io.tessera.registry.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.tessera.core.AppConfig;
import io.tessera.core.Requirement;

/** A configurable AppConfig for tests that counts its hook calls. */
final class TestApp implements AppConfig {

    private final String label;
    private String name;
    private List<Class<?>> models = List.of();
    private List<Requirement> requires = List.of();
    private Runnable onReady = () -> { };
    private Runnable onStopping = () -> { };
    final AtomicInteger readyCalls = new AtomicInteger();
    final AtomicInteger stoppingCalls = new AtomicInteger();

    private TestApp(String label) {
        this.label = label;
    }

    static TestApp app(String label) {
        return new TestApp(label);
    }

    TestApp named(String fullName) {
        this.name = fullName;
        return this;
    }

    TestApp models(Class<?>... types) {
        this.models = List.of(types);
        return this;
    }

    /** Mandatory requirements on these labels, any version. */
    TestApp requires(String... labels) {
        List<Requirement> list = new ArrayList<>(requires);
        Arrays.stream(labels).map(Requirement::of).forEach(list::add);
        this.requires = List.copyOf(list);
        return this;
    }

    TestApp requires(Requirement... requirements) {
        List<Requirement> list = new ArrayList<>(requires);
        list.addAll(List.of(requirements));
        this.requires = List.copyOf(list);
        return this;
    }

    TestApp onReady(Runnable hook) {
        this.onReady = hook;
        return this;
    }

    TestApp onStopping(Runnable hook) {
        this.onStopping = hook;
        return this;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Class<?>> models() {
        return models;
    }

    @Override
    public List<Requirement> requires() {
        return requires;
    }

    @Override
    public void ready() {
        readyCalls.incrementAndGet();
        onReady.run();
    }

    @Override
    public void stopping() {
        stoppingCalls.incrementAndGet();
        onStopping.run();
    }

    @Override
    public String toString() {
        return "TestApp[" + label + "]";
    }
}
