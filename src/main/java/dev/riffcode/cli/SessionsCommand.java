package dev.riffcode.cli;

import dev.riffcode.session.ReplayRenderer;
import dev.riffcode.session.SessionStore;
import dev.riffcode.session.SessionSummary;
import dev.riffcode.session.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code riffcode sessions list|show|export|replay}. The CLI adds it with
 * {@code commandLine.addSubcommand(new SessionsCommand(SessionStore.defaultRoot(), renderer))}.
 *
 * <p>Exit codes: 0 ok; 1 a replay had failures or the session could not be read; 2 no such
 * session, an ambiguous name, or replay without a renderer.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = {
            "Look at recorded sessions: every prompt, model answer, code version, error and render.",
            "",
            "NAME is a session folder name, its beginning (the date) or a unique part (the slug)."},
        footer = {
            "",
            "Examples:",
            "  ./riffcode sessions list",
            "  ./riffcode sessions show techno",
            "  ./riffcode sessions export techno -o techno.zip     a zip to hand in",
            "  ./riffcode sessions replay techno                   render every version again"})
public final class SessionsCommand implements Runnable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SessionStore store;
    private final ReplayRenderer renderer;

    @Spec
    CommandSpec spec;

    /**
     * @param root the sessions folder
     * @param renderer renders versions for {@code replay}; null if replay is not available
     */
    public SessionsCommand(Path root, ReplayRenderer renderer) {
        this.store = new SessionStore(root);
        this.renderer = renderer;
    }

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    @Command(name = "list", description = "List sessions, newest first.")
    int list() throws IOException {
        List<SessionSummary> sessions = store.list();
        PrintWriter out = out();
        if (sessions.isEmpty()) {
            out.println("No sessions yet in " + store.root());
            out.flush();
            return 0;
        }
        String format = "%-44s %-16s %7s %8s %7s %6s  %s%n";
        out.printf(format, "NAME", "CREATED", "PROMPTS", "VERSIONS", "RENDERS", "ERRORS", "LAST ACTIVITY");
        for (SessionSummary s : sessions) {
            if (s.problem() != null) {
                out.printf("%-44s unreadable: %s%n", s.name(), s.problem());
            } else {
                out.printf(format, s.name(), time(s.created()), s.prompts(), s.versions(), s.renders(), s.errors(),
                        time(s.lastActivity()));
            }
        }
        out.flush();
        return 0;
    }

    @Command(name = "show", description = "Print a session's story: prompts, code, errors and renders in order.")
    int show(@Parameters(paramLabel = "NAME") String name) throws IOException {
        Session session = open(name);
        if (session == null) {
            return 2;
        }
        PrintWriter out = out();
        out.print(session.story());
        List<String> problems = session.verify();
        out.flush();
        for (String p : problems) {
            err().println("warning: " + p);
        }
        err().flush();
        return problems.isEmpty() ? 0 : 1;
    }

    @Command(name = "export", description = "Write a zip of a session, with a README that tells its story.")
    int export(@Parameters(paramLabel = "NAME") String name,
            @Option(names = {"-o", "--output"}, paramLabel = "FILE.zip",
                    description = "where to write the zip (default: NAME.zip here)") Path zip) throws IOException {
        Session session = open(name);
        if (session == null) {
            return 2;
        }
        Path target = zip != null ? zip : Path.of(session.name() + ".zip");
        session.export(target);
        out().println("wrote " + target);
        out().flush();
        return 0;
    }

    @Command(name = "replay", description = "Render every code version of a session again; the renders are added to it.")
    int replay(@Parameters(paramLabel = "NAME") String name) throws IOException {
        if (renderer == null) {
            err().println("replay is not available in this build");
            err().flush();
            return 2;
        }
        Session session = open(name);
        if (session == null) {
            return 2;
        }
        int failed = 0;
        try (session) {
            for (ReplayRenderer.Replayed r : session.replay(renderer)) {
                if (r.ok()) {
                    out().println("v" + r.version() + ": ok");
                } else {
                    failed++;
                    out().println("v" + r.version() + ": " + r.error());
                }
            }
        }
        out().flush();
        return failed == 0 ? 0 : 1;
    }

    /** The session, or null after telling the user why there is none. */
    private Session open(String name) throws IOException {
        try {
            return store.open(name);
        } catch (IllegalArgumentException e) {
            err().println(e.getMessage());
            err().flush();
            return null;
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant.atZone(ZoneId.systemDefault()));
    }
}
