package dev.riffcode.serve;

import java.util.List;
import java.util.Map;

/**
 * Reads a command line for a client on this machine that has not loaded the command-line parser. The service's
 * parser is warm; a new client JVM spent about 0.2 s of a one-second render reading the parser's annotations (measured
 * here). The command line's package provides it: the service does not know the commands.
 */
@FunctionalInterface
public interface CommandLines {

    /**
     * Where the render that {@code argv} (the words after {@code render}) asks for runs: {@code {"plan": "service",
     * "script", "output", "report", "fields"}} when the service can take it as it stands, else {@code {"plan": "here",
     * "why"}}, and the client runs the command line itself (which also says what is wrong with it).
     */
    Map<String, Object> planRender(List<String> argv);

    /** For a service started without the command line (tests): every render runs on the client's side. */
    CommandLines NONE = argv -> Map.of("plan", "here", "why", "this service reads no command lines");
}
