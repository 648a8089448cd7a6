package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The script contexts run under GraalVM's CONSTRAINED policy. With the denials spelled out in the
 * builder, a script cannot tell CONSTRAINED from no policy at all (the hostile scripts pass either
 * way), so this checks the policy where it acts: a context loosened later does not build.
 */
class SandboxPolicyTest {

    private static SandboxedPython python;

    @BeforeAll
    static void engine() {
        python = new SandboxedPython();
    }

    @AfterAll
    static void close() {
        python.close();
    }

    @Test
    void aScriptContextCannotBeGivenFilesProcessesNativeCodeOrTheEnvironment() {
        Map<String, UnaryOperator<Context.Builder>> loosenings = Map.of(
                "files", b -> b.allowIO(IOAccess.ALL),
                "processes", b -> b.allowCreateProcess(true),
                "native code", b -> b.allowNativeAccess(true),
                "host class loading", b -> b.allowHostClassLoading(true),
                "the environment", b -> b.allowEnvironmentAccess(EnvironmentAccess.INHERIT));
        loosenings.forEach((what, loosen) -> {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> loosen.apply(python.contextBuilder(OutputStream.nullOutputStream())).build().close(),
                    () -> "a script context was built with " + what);
            assertTrue(refused.getMessage().contains("CONSTRAINED"), refused::getMessage);
        });
    }
}
