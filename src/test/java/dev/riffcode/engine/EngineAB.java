package dev.riffcode.engine;

import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.score.Score;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Development harness for engine changes: two builds of the engine in one JVM, each in a class loader of its own,
 * render a peer patch on one thread in turn (A B, B A, ...), and their thread CPU times are printed. Interleaving in one
 * JVM keeps a shared machine's load and the JIT's moods out of the comparison far better than two launches. Not a test;
 * run from the project directory with
 * {@code java -cp target/test-classes:DEPS dev.riffcode.engine.EngineAB p2 9 BEFORE_CLASSES target/classes}
 * where BEFORE_CLASSES is a copy of target/classes built from the older commit. The scores come from EngineSpeed's
 * cache in target/speed-scores: run EngineSpeed once first.
 */
public final class EngineAB {

    private EngineAB() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: EngineAB p1|p2|p3 RENDERS CLASSES_A CLASSES_B");
            System.exit(2);
        }
        String patch = args[0];
        int renders = Integer.parseInt(args[1]);
        Method[] build = {renderMethod(Path.of(args[2])), renderMethod(Path.of(args[3]))};
        for (int w = 0; w < 4; w++) { // C2 compiles both builds' hot methods before anything is timed
            for (Method m : build) {
                m.invoke(null, patch, 10.0);
            }
        }
        double[][] millis = new double[2][renders];
        for (int r = 0; r < renders; r++) {
            for (int k = 0; k < 2; k++) {
                int b = r % 2 == 0 ? k : 1 - k; // A first, then B first, so neither always follows the other
                millis[b][r] = (double) build[b].invoke(null, patch, 60.0);
            }
        }
        for (int b = 0; b < 2; b++) {
            double[] sorted = millis[b].clone();
            Arrays.sort(sorted);
            System.out.printf("%s %s (%s): thread CPU ms, min %.0f, median %.0f; in order %s%n", patch, b == 0 ? "A" : "B",
                    args[2 + b], sorted[0], sorted[renders / 2],
                    Arrays.toString(Arrays.stream(millis[b]).mapToLong(Math::round).toArray()));
        }
    }

    /** This class's render method, loaded with the engine from {@code classes} and the rest of this JVM's class path. */
    private static Method renderMethod(Path classes) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!Path.of(entry).toAbsolutePath().normalize().endsWith(Path.of("target", "classes"))) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        return loader.loadClass(Probe.class.getName()).getMethod("renderCpuMillis", String.class, double.class);
    }

    /** Loaded once per build (this JVM's own class path has no engine): the engine is only named in here. */
    public static final class Probe {

        private Probe() {
        }

        /** One render of {@code seconds} of the patch on this thread; its CPU time in ms. */
        public static double renderCpuMillis(String patch, double seconds) throws Exception {
            Score score = EngineSpeed.score(patch);
            OfflineRender oneThread = new OfflineRender(new PipesBackend(), RenderSettings.of(44_100)).oneThread();
            long before = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            oneThread.render(score, OptionalDouble.of(seconds), (l, r, n) -> { }, f -> { });
            return (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - before) / 1e6;
        }
    }
}
