package dev.riffcode.cli;

import dev.riffcode.engine.pipes.PipesBackend;
import picocli.CommandLine;

/** {@code --version}: our version, the engine backend and the Java it runs on. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {
            "riffcode " + (v == null ? "dev" : v),
            "engine: " + new PipesBackend().name(),
            "java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
