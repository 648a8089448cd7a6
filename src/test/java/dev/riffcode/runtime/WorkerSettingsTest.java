package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line a worker starts with: its limits, its class path and its entry point. */
class WorkerSettingsTest {

    private final WorkerSettings settings = new WorkerSettings(Path.of("/opt/jdk/bin/java"), 384, "a.jar:b.jar",
            List.of("-XX:+UseJVMCICompiler"));

    @Test
    void theCommandRunsTheGivenJavaWithItsHeapOptionsClassPathAndMainClass() {
        List<String> command = settings.command(WorkerMain.class);
        assertEquals("/opt/jdk/bin/java", command.get(0));
        assertTrue(command.contains("-Xmx384m"), command.toString());
        assertTrue(command.contains("-XX:+ExitOnOutOfMemoryError"), "a worker out of memory must die, not hang");
        int cp = command.indexOf("-cp");
        assertEquals("a.jar:b.jar", command.get(cp + 1));
        assertTrue(command.indexOf("-XX:+UseJVMCICompiler") < cp, "JVM options go before the class path");
        assertEquals(WorkerMain.class.getName(), command.get(command.size() - 1));
    }

    @Test
    void aWorkerThatYieldsToAudioRunsNicedWhereNiceExistsAndABackgroundOneMore() {
        List<String> command = settings.command(LiveWorkerMain.class, WorkerSettings.Priority.YIELDS_TO_AUDIO);
        List<String> background = settings.command(WorkerMain.class, WorkerSettings.Priority.BACKGROUND);
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            assertEquals(List.of("/usr/bin/nice", "-n", "10", "/opt/jdk/bin/java"), command.subList(0, 4));
            assertEquals(List.of("/usr/bin/nice", "-n", "15", "/opt/jdk/bin/java"), background.subList(0, 4));
        } else {
            assertEquals("/opt/jdk/bin/java", command.get(0));
            assertEquals("/opt/jdk/bin/java", background.get(0));
        }
        assertEquals(settings.command(LiveWorkerMain.class),
                settings.command(LiveWorkerMain.class, WorkerSettings.Priority.NORMAL));
        assertEquals("/opt/jdk/bin/java", settings.command(LiveWorkerMain.class).get(0));
    }

    @Test
    void moreOptionsAreAddedToACopy() {
        WorkerSettings more = settings.withExtraJvmOptions(List.of("-XX:AOTCacheOutput=w.aot"));
        assertEquals(List.of("-XX:+UseJVMCICompiler", "-XX:AOTCacheOutput=w.aot"), more.extraJvmOptions());
        assertEquals(List.of("-XX:+UseJVMCICompiler"), settings.extraJvmOptions());
        assertEquals(settings.heapMegabytes(), more.heapMegabytes());
        assertEquals(settings.classPath(), more.classPath());
    }

    @Test
    void theDefaultsRunThisJavaWithThisClassPath() {
        WorkerSettings defaults = WorkerSettings.defaults();
        assertEquals(WorkerSettings.DEFAULT_HEAP_MB, defaults.heapMegabytes());
        assertEquals(System.getProperty("java.class.path"), defaults.classPath());
        assertTrue(Files.isExecutable(defaults.javaBinary()), defaults.javaBinary().toString());
    }
}
