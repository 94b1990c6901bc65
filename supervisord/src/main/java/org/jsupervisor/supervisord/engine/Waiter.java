package org.jsupervisor.supervisord.engine;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * A request waiting for a process to reach a state ({@code startProcess(wait=true)},
 * {@code stopProcess(wait=true)}). After every pass the engine calls {@code done}: true
 * completes the future, an {@link EngineException} fails it. {@code deadline} tells when
 * the waiter next needs a look even if nothing happens (the "waiting for x to stop" report).
 */
record Waiter(CompletableFuture<Void> future, DonePredicate done, LongSupplier deadline) {

    interface DonePredicate {
        boolean test(long now);
    }
}
