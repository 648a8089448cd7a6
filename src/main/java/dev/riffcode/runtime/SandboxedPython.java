package dev.riffcode.runtime;

import dev.riffcode.api.CatalogJson;
import dev.riffcode.api.PythonSources;
import dev.riffcode.api.ScoreBuilder;
import dev.riffcode.api.ScoreLimits;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * GraalPy contexts locked down for untrusted scripts: the CONSTRAINED sandbox policy, no IO, no
 * host class lookup, no threads, processes, native code or other languages, and host access
 * limited to the methods {@link ScoreBuilder} exports (plus reading the arrays they return).
 * One {@link Engine} is shared so every context after the first is cheap.
 */
final class SandboxedPython implements AutoCloseable {

    static final int PRINT_LIMIT_BYTES = 64 * 1024;

    private static final HostAccess HOST_ACCESS = HostAccess.newBuilder(HostAccess.CONSTRAINED)
            .allowArrayAccess(true)
            .build();

    private final Engine engine;
    private final Source bootstrap;
    private final String moduleSource;
    private final String catalogJson;

    SandboxedPython() {
        engine = Engine.newBuilder("python")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .option("engine.WarnInterpreterOnly", "false")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
        bootstrap = Source.newBuilder("python", PythonSources.bootstrap(), PythonSources.BOOTSTRAP_NAME).buildLiteral();
        moduleSource = PythonSources.module();
        catalogJson = CatalogJson.build();
    }

    /** A context with the API loaded and the guards in place, ready for one script. */
    Prepared prepare() {
        BoundedOutput printed = new BoundedOutput(PRINT_LIMIT_BYTES);
        Context context = contextBuilder(printed).build();
        try {
            ScoreBuilder builder = new ScoreBuilder(ScoreLimits.DEFAULT);
            context.eval(bootstrap);
            Value main = context.getBindings("python");
            Value module = main.getMember("_riffcode_boot").execute(moduleSource, builder, catalogJson, "<script>");
            context.eval("python", "del _riffcode_boot\nfrom riffcode import *\n");
            return new Prepared(context, builder, module, printed);
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    /**
     * How every script context is built. Package-private so a test can check that the CONSTRAINED
     * policy is in force: it rejects any later loosening (files, processes, native code) at build time.
     */
    Context.Builder contextBuilder(OutputStream printed) {
        return Context.newBuilder("python")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .allowHostAccess(HOST_ACCESS)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowHostClassLookup(name -> false)
                .allowPolyglotAccess(org.graalvm.polyglot.PolyglotAccess.NONE)
                .out(printed)
                .err(printed)
                .in(new ByteArrayInputStream(new byte[0]));
    }

    /** A ready context and the objects a run needs from it. */
    record Prepared(Context context, ScoreBuilder builder, Value module, BoundedOutput printed) {
    }

    @Override
    public void close() {
        engine.close(true);
    }
}
