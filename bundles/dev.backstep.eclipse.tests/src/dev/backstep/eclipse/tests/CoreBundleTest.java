package dev.backstep.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;

class CoreBundleTest {

    @Test
    void coreBundleIsInstalled() {
        assertNotNull(Platform.getBundle("dev.backstep.eclipse.core"));
    }
}
