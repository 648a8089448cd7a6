package dev.riffcode.ui;

import org.junit.jupiter.api.Assumptions;

/** The window tests need a display: skipped with the reason without one, failed under CI (which must run them). */
final class Displays {

    private Displays() {
    }

    static void requireOrSkip() {
        if (Display.available(System.getenv())) {
            return;
        }
        String reason = "no display for the editor's window tests (" + Display.whyNot(System.getenv()) + "); "
                + "./riffcode test starts Xvfb when it is installed (.ci/install-deps installs it)";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run the window tests, but there is " + reason);
        }
        Assumptions.abort(reason);
    }
}
