package io.tessera.registry.internal.deploy;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

import io.tessera.core.App;
import io.tessera.registry.internal.Log;

/**
 * Tessera's deploy folder: watches it with a {@link WatchService} (inotify on Linux) and hands
 * every change to the {@link Deployer} on one thread of its own, {@code tessera-deploy}. A rescan
 * every {@value #RESCAN_MILLIS} ms catches what events miss: a change behind a link, and the folder
 * itself being deleted and created again, after which watching resumes within that second.
 * Deployed bundles that could not resolve are started again when other bundles arrive.
 */
public final class DeployWatcher implements SynchronousBundleListener {

    static final long RESCAN_MILLIS = 1_000;

    private final BundleContext context;
    private final Path folder;
    private final DeployStatus status;
    private final DeployReport report;
    private final Deployer deployer;
    private final WatchService watchService;
    private final ScheduledExecutorService worker;
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private final AtomicBoolean retryQueued = new AtomicBoolean();
    private final Thread events;
    private volatile Thread workerThread;
    /** The folder's registration with the watch service; worker thread only. */
    private WatchKey key;

    /**
     * Starts watching {@code folder}; {@code apps} gives the registry's apps for the report, and
     * {@code startFailed} is told what a start or update of a deployed bundle threw (Felix tells
     * only the caller), so the bundle's own reason can name it.
     */
    public DeployWatcher(BundleContext context, Path folder, Supplier<List<App>> apps,
            BiConsumer<Bundle, Throwable> startFailed) throws IOException {
        this.context = context;
        this.folder = folder.toAbsolutePath().normalize();
        this.status = new DeployStatus(this.folder);
        this.report = new DeployReport(status, context, apps);
        this.deployer = new Deployer(context, status, new DeployRecords(context.getDataFile("deploy-records.properties")),
                report, startFailed);
        this.watchService = this.folder.getFileSystem().newWatchService();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tessera-deploy");
            t.setDaemon(true);
            workerThread = t;
            return t;
        });
        this.events = new Thread(this::forwardEvents, "tessera-deploy-events");
        events.setDaemon(true);
    }

    /** What {@code apps:diag} and {@code apps:check} show of the folder. */
    public DeployReport report() {
        return report;
    }

    public void start() {
        context.addBundleListener(this);
        worker.execute(() -> guarded(() -> {
            watch();
            deployer.adopt();
            pass();
        }));
        worker.scheduleWithFixedDelay(() -> guarded(this::pass), RESCAN_MILLIS, RESCAN_MILLIS, TimeUnit.MILLISECONDS);
        events.start();
    }

    public void stop() throws InterruptedException {
        context.removeBundleListener(this);
        try {
            watchService.close();
        } catch (IOException ignored) {
            // closing only
        }
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        events.join(1_000);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        switch (event.getType()) {
            case BundleEvent.UNINSTALLED -> {
                if (Thread.currentThread() != workerThread) { // not the deployer's own doing
                    long id = event.getBundle().getBundleId();
                    submit(() -> deployer.uninstalledElsewhere(id));
                    requestPass(); // a duplicate may have lost its rival
                }
            }
            case BundleEvent.INSTALLED, BundleEvent.RESOLVED, BundleEvent.UPDATED -> requestRetry();
            default -> { }
        }
    }

    private void forwardEvents() {
        try {
            while (true) {
                WatchKey k = watchService.take();
                k.pollEvents();
                k.reset();
                requestPass();
            }
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            // the watcher is stopping
        }
    }

    private void requestPass() {
        if (passQueued.compareAndSet(false, true)) {
            submit(this::pass);
        }
    }

    private void requestRetry() {
        if (retryQueued.compareAndSet(false, true)) {
            submit(() -> {
                retryQueued.set(false);
                deployer.retryStarts();
            });
        }
    }

    /** One pass on the worker thread, and another once a file waiting to be quiet may be. */
    private void pass() {
        passQueued.set(false);
        watch();
        long next = deployer.pass();
        if (next > 0) {
            worker.schedule(this::requestPass, next, TimeUnit.NANOSECONDS);
        }
    }

    /** Registers the folder with the watch service unless it is registered: at start, and after it was recreated. */
    private void watch() {
        if ((key == null || !key.isValid()) && Files.isDirectory(folder)) {
            try {
                key = folder.register(watchService, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
            } catch (IOException | ClosedWatchServiceException e) {
                key = null; // the next rescan tries again
            }
        }
    }

    private void submit(Runnable task) {
        try {
            worker.execute(() -> guarded(task));
        } catch (RejectedExecutionException stopping) {
            // the watcher is stopping
        }
    }

    /** Runs a task of the worker; a failure is logged and the next pass carries on. */
    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (IllegalStateException stopping) {
            // our bundle context became invalid: the registry is stopping
        } catch (RuntimeException e) {
            Log.warn("deploy: a pass over the deploy folder failed; the next one tries again", e);
        }
    }
}
