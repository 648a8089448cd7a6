package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The refusals GraalVM reports as internal errors, in the words GraalPy 25 uses (seen in the worker),
 * and the built-ins a rerun can name. HostileScriptsTest checks the same end to end; this says
 * quickly which wording changed when a GraalVM upgrade breaks it.
 */
class RefusalTest {

    @Test
    void internalErrorsAreToldApartByTheSandboxsWording() {
        assertEquals(Refusal.THREAD, Refusal.ofInternalError("java.lang.IllegalStateException: Creating threads is not allowed."));
        assertEquals(Refusal.PROCESS, Refusal.ofInternalError("java.lang.SecurityException: Process creation is not allowed, "
                + "to enable it set Context.Builder.allowCreateProcess(true)."));
        assertEquals(Refusal.FILES, Refusal.ofInternalError("java.lang.SecurityException: Operation is not allowed for: "));
        assertEquals(Refusal.NETWORK, Refusal.ofInternalError(
                "com.oracle.graal.python.runtime.PosixSupportLibrary$UnsupportedPosixFeatureException: getaddrinfo was excluded"));
        assertNull(Refusal.ofInternalError("com.oracle.graal.python.runtime.PosixSupportLibrary$UnsupportedPosixFeatureException: "
                + "mmap was excluded"), "only socket calls are the network");
        assertNull(Refusal.ofInternalError("java.lang.ThreadDeath"));
        assertNull(Refusal.ofInternalError(null));
    }

    @Test
    void builtinsARerunNamesStandForTheirRefusal() {
        assertEquals(Refusal.NATIVE, Refusal.ofBuiltin("_ctypes.dlopen"));
        assertEquals(Refusal.PROCESS, Refusal.ofBuiltin("posix.execv"));
        assertEquals(Refusal.PROCESS, Refusal.ofBuiltin("posix.system"));
        assertEquals(Refusal.EXIT, Refusal.ofBuiltin("posix._exit"));
        assertEquals(Refusal.THREAD, Refusal.ofBuiltin("_thread.start_new_thread"));
        assertEquals(Refusal.FILES, Refusal.ofBuiltin("__graalpython__.read_file"));
        assertNull(Refusal.ofBuiltin("posix.getpid"));
        assertNull(Refusal.ofBuiltin("len"));
        assertNull(Refusal.ofBuiltin(""));
    }

    @Test
    void messagesNameTheBlockedThingFirstAndNoJavaClass() {
        for (Refusal r : Refusal.values()) {
            String text = r.describe("");
            assertFalse(text.contains("java.lang") || text.contains("com.oracle") || text.contains("Exception"), text);
            // No shared tail naming everything: each says what it is about.
            assertFalse(text.contains("files, network, processes"), text);
        }
        assertTrue(Refusal.FILES.describe("/etc/passwd").startsWith("using the file '/etc/passwd'"));
        assertTrue(Refusal.JAVA.describe("java.lang.Runtime").startsWith("reaching the Java class java.lang.Runtime"));
    }
}
