package io.tessera.registry.internal.engine;

import static io.tessera.registry.internal.engine.TestApp.app;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

import io.tessera.core.AppState;

/** Who applies a change, and when its caller gets control back. */
public class EngineTest extends RegistryTestSupport {

    @Test
    public void theCallerAppliesItsOwnChangeWhenNobodyElseIs() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        add(app("blog").onReady(() -> ranOn.set(Thread.currentThread())));
        assertSame(Thread.currentThread(), ranOn.get());
        assertEquals(AppState.READY, state("blog"));
    }

    @Test
    public void aChangeMadeWhileAHookRunsElsewhereIsAppliedBeforeItsCallerReturns() throws Exception {
        CountDownLatch inHook = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> quickReadyOn = new AtomicReference<>();
        Thread slowStarter = new Thread(() -> add(app("slow").onReady(() -> {
            inHook.countDown();
            awaitQuietly(release);
        })), "slow-starter");
        slowStarter.start();
        assertTrue("slow's ready() did not start", inHook.await(10, TimeUnit.SECONDS));

        Thread quickStarter = new Thread(() -> add(app("quick").onReady(() -> quickReadyOn.set(Thread.currentThread()))),
                "quick-starter");
        quickStarter.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (quickStarter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals("quick's caller waits for the thread that is applying", Thread.State.TIMED_WAITING,
                quickStarter.getState());
        assertFalse("quick is not applied while slow's ready() runs", registry.findApp("quick").isPresent());

        release.countDown();
        quickStarter.join(10_000);
        slowStarter.join(10_000);
        assertFalse(quickStarter.isAlive() || slowStarter.isAlive());
        assertEquals(AppState.READY, state("quick"));
        assertEquals(AppState.READY, state("slow"));
        assertSame("the thread that was applying applied quick too", slowStarter, quickReadyOn.get());
    }

    @Test
    public void awaitSettledFromAHookIsRefusedInsteadOfWaitingForever() {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        add(app("blog").onReady(() -> {
            try {
                registry.awaitSettled(java.time.Duration.ofSeconds(1));
            } catch (Throwable t) {
                thrown.set(t);
            }
        }));
        assertTrue(String.valueOf(thrown.get()), thrown.get() instanceof IllegalStateException);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
