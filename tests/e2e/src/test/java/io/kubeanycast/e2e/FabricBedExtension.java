/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension: brings the fabric bed up once per suite run (the first class that uses it pays the few
 * seconds; {@code bed.sh down} runs when the whole run ends, unless {@code -Dka.bed.keep=true} to inspect it),
 * injects {@link FabricBed} into test constructors, {@code @BeforeAll} and {@code @Test} methods, and on a test
 * failure prints the bed's state and, when a {@link KarafInstance} is running, the tail of karaf.log. Fails fast,
 * with a clear message, when not root or FRR is missing.
 *
 * <pre>
 * &#64;ExtendWith(FabricBedExtension.class)
 * class MyScenarioIT {
 *     &#64;Test
 *     void announces(final FabricBed bed) { ... bed.awaitFib(Router.FABRIC, "10.96.0.10/32", ...); }
 * }
 * </pre>
 */
public final class FabricBedExtension implements BeforeAllCallback, ParameterResolver, TestExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FabricBedExtension.class);
    private static final Namespace NAMESPACE = Namespace.create(FabricBedExtension.class);
    private static final String KEY = "bed";

    /** The suite-wide bed; closing it (at the end of the run) takes it down. */
    private static final class SharedBed implements ExtensionContext.Store.CloseableResource {
        private final FabricBed bed = new FabricBed();

        SharedBed() {
            FabricBed.requirePrerequisites();
            bed.up();
        }

        @Override
        public void close() {
            if (Boolean.getBoolean("ka.bed.keep")) {
                LOG.info("ka.bed.keep=true: leaving the bed up (FRR logs in {}); bed/bed.sh down removes it",
                    bed.runDir());
                return;
            }
            bed.down();
        }
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        bed(context);
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameterContext,
            final ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == FabricBed.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameterContext, final ExtensionContext extensionContext) {
        return bed(extensionContext);
    }

    @Override
    public void handleTestExecutionException(final ExtensionContext context, final Throwable throwable)
            throws Throwable {
        LOG.error("##### {} failed: {}", context.getDisplayName(), throwable.toString());
        bed(context).dumpState();
        final KarafInstance karaf = KarafInstance.current();
        if (karaf != null) {
            LOG.error("===== karaf.log (last 200 lines) of {} =====\n{}", karaf.home(), karaf.logTail(200));
        }
        throw throwable;
    }

    /**
     * The suite-wide bed, brought up on first use.
     *
     * @param context any extension context
     * @return the bed
     */
    static FabricBed bed(final ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(KEY, key -> new SharedBed(),
            SharedBed.class).bed;
    }
}
