package dev.riffcode.cli;

import dev.riffcode.audio.WavFormat;
import dev.riffcode.serve.ServiceClient;
import dev.riffcode.studio.RenderOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code render} through a running service: the same output, messages and exit codes as a render here, plus one line
 * saying the service did it. Returns null when the service cannot take the job, and the command then runs it here.
 */
final class ServiceRuns {

    /** How long a command waits in all for a busy service before it runs the job itself. */
    static final long BUSY_PATIENCE_MILLIS = 60_000;

    private ServiceRuns() {
    }

    /** True unless --no-service was given or RIFFCODE_NO_SERVICE=1 is set. */
    static boolean allowed(boolean noServiceFlag, Map<String, String> env) {
        return !noServiceFlag && !"1".equals(env.get("RIFFCODE_NO_SERVICE"));
    }

    /**
     * Why a render cannot go to the service, or null when it can. The service renders the mix alone, with the built-in
     * samples: a loudness target and stems are made where the score is at hand, and the user's sample folders are read
     * on this machine (a service may serve others, so it reads no folder a client names).
     */
    static String whyHere(boolean loudness, boolean exports, boolean sampleFolders) {
        return exports ? "--stems and --midi are made here"
                : loudness ? "--loudness is made here"
                : sampleFolders ? "sample folders are read here (the service plays the built-in samples only)"
                : null;
    }

    /** The render options as the service's JSON fields. */
    static Map<String, Object> fields(RenderOptions options) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (options.seconds().isPresent()) {
            f.put("seconds", options.seconds().getAsDouble());
        }
        f.put("rate", options.sampleRate());
        f.put("bits", options.format().cliName());
        f.put("timeout", options.timeoutMillis() / 1000.0);
        f.put("max_seconds", options.maxSeconds());
        return f;
    }

    /** The render options from the service's JSON fields, as {@link #fields} writes them (no sample folders). */
    static RenderOptions options(Map<String, Object> fields) {
        return new RenderOptions(((Number) fields.get("rate")).intValue(), WavFormat.fromCliName(fields.get("bits").toString()),
                fields.get("seconds") instanceof Number s ? OptionalDouble.of(s.doubleValue()) : OptionalDouble.empty(),
                ((Number) fields.get("max_seconds")).doubleValue(),
                Math.round(((Number) fields.get("timeout")).doubleValue() * 1000));
    }

    /**
     * Renders on the service; with {@code report} the service also hears the result (its JIT is warm, so
     * that is far quicker than here) and the report is printed.
     */
    static Integer render(ServiceClient client, String name, String code, RenderOptions options, boolean report,
            Path output, PrintStream err) {
        err.println("riffcode: rendering on the service at " + client.entry().url() + " (--no-service runs it here)");
        long waited = 0;
        while (true) {
            ServiceClient.RenderReply reply;
            try {
                Map<String, Object> fields = fields(options);
                fields.put("report", report);
                // Said as soon as the WAV is in place; the hearing report follows.
                reply = client.render(name, code, fields, output, options.timeoutMillis() + 600_000,
                        facts -> announce(facts, options, output, err));
            } catch (ServiceClient.Unreachable e) {
                err.println("riffcode: " + e.getMessage() + "; running here");
                return null;
            } catch (IOException e) {
                err.println("riffcode: " + OutputFiles.explain(e, output) + "; nothing was left at " + output);
                return 1;
            }
            if (reply.status() == 503) {
                long wait = Math.max(1, Math.min(10, reply.retryAfter())) * 1000;
                if (waited + wait > BUSY_PATIENCE_MILLIS) {
                    err.println("riffcode: the service stayed busy; running here");
                    return null;
                }
                err.println("riffcode: " + reply.error() + " (waiting " + wait / 1000 + " s)");
                sleep(wait);
                waited += wait;
                continue;
            }
            if (reply.status() == 422) {
                printScriptOutput(reply.printed(), reply.printedTruncated());
                err.println(reply.error());
                return 1;
            }
            if (!reply.ok()) {
                err.println("riffcode: the service refused the job (" + reply.status() + "): " + reply.error());
                return reply.status() == 400 ? 2 : 1;
            }
            if (report) {
                printHeard(reply.meta().get("heard"), output, err);
            }
            return 0;
        }
    }

    /** The script's printed output and what was written, from the render's facts. */
    private static void announce(Map<String, Object> facts, RenderOptions options, Path output, PrintStream err) {
        printScriptOutput(facts.get("printed") == null ? null : facts.get("printed").toString(),
                Boolean.TRUE.equals(facts.get("printed_truncated")));
        err.println(String.format("wrote %s: %.2f s, %d Hz, %s, peak %.1f dBFS, %d notes (rendered at %.0fx real time)",
                output, number(facts, "seconds"), (int) number(facts, "sample_rate"),
                options.format().cliName().equals("32f") ? "32-bit float" : options.format().bitsPerSample() + "-bit",
                Double.isNaN(number(facts, "peak_dbfs")) ? Double.NEGATIVE_INFINITY : number(facts, "peak_dbfs"),
                (int) number(facts, "notes"), number(facts, "realtime_factor")));
        if (Boolean.TRUE.equals(facts.get("silent"))) {
            err.println("note: the script played nothing (no play(), sample() or out() call); the file is silent");
        }
    }

    private static double number(Map<String, Object> facts, String field) {
        return facts.get(field) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The hearing report's lines as the service sent them (see {@code HearingOutput} for the local ones). */
    static void printHeard(Object heard, Path output, PrintStream err) {
        if (heard == null) {
            err.println("note: this service sent no hearing report (an older version?); ./riffcode analyze " + output
                    + " gives it");
            return;
        }
        err.println("Heard:");
        for (String line : heard.toString().split("\n")) {
            err.println("  " + line);
        }
    }

    static void printScriptOutput(String printed, boolean truncated) {
        if (printed != null && !printed.isEmpty()) {
            System.out.print(printed);
            if (truncated) {
                System.out.println("\n[output truncated: a script may print at most 64 KB]");
            }
            System.out.flush();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String locale(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
