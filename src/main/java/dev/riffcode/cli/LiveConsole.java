package dev.riffcode.cli;

import dev.riffcode.engine.LiveRenderer;
import dev.riffcode.engine.realtime.AudioLoop;
import dev.riffcode.live.LivePlayer;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The live command's terminal: messages (versions, errors with their lines, what the code printed) scroll as they
 * come, and on a terminal a status block below them redraws itself: the version playing, the loops, a level meter,
 * the audio thread's load. Without a terminal the status is printed as a line every few seconds instead.
 */
final class LiveConsole {

    private static final int METER_WIDTH = 24;
    private static final long PLAIN_STATUS_MILLIS = 5_000;

    private final PrintStream out;
    private final boolean terminal;
    private final String fileName;
    private final int sampleRate;
    private final Supplier<LivePlayer.Status> player;
    private final Supplier<AudioLoop.Stats> audio;
    private final Supplier<LiveRenderer.Stats> renderer;
    private int statusLines;
    private long lastPlainStatus;
    private volatile String lastProblem = "";

    LiveConsole(PrintStream out, boolean terminal, String fileName, int sampleRate, Supplier<LivePlayer.Status> player,
            Supplier<AudioLoop.Stats> audio, Supplier<LiveRenderer.Stats> renderer) {
        this.out = out;
        this.terminal = terminal;
        this.fileName = fileName;
        this.sampleRate = sampleRate;
        this.player = player;
        this.audio = audio;
        this.renderer = renderer;
    }

    /** A message that stays (scrolls above the status block). */
    synchronized void say(String message) {
        clearStatus();
        out.println(message);
        drawStatus();
    }

    /** A problem: said, and kept in the status block until the next version plays. */
    void problem(String message) {
        lastProblem = message;
        say("✗ " + message);
    }

    void clearProblem() {
        lastProblem = "";
    }

    /** Redraws the status (called a few times a second). */
    synchronized void refresh() {
        if (terminal) {
            clearStatus();
            drawStatus();
        } else if (System.currentTimeMillis() - lastPlainStatus >= PLAIN_STATUS_MILLIS) {
            lastPlainStatus = System.currentTimeMillis();
            out.println(plainStatus());
        }
    }

    synchronized void finish() {
        clearStatus();
        out.flush();
    }

    private void clearStatus() {
        if (terminal && statusLines > 0) {
            // Up to the first status line, then clear to the end of the screen.
            out.print("\033[" + statusLines + "F\033[J");
            statusLines = 0;
        }
    }

    private void drawStatus() {
        if (!terminal) {
            return;
        }
        String[] lines = statusBlock();
        for (String line : lines) {
            out.println(line);
        }
        statusLines = lines.length;
        out.flush();
    }

    private String[] statusBlock() {
        LivePlayer.Status p = player.get();
        AudioLoop.Stats a = audio.get();
        LiveRenderer.Stats r = renderer.get();
        String head = String.format(Locale.ROOT, "♪ %s · %s · %.0f bpm · %s", fileName,
                p.version() == null ? "waiting for a version that runs" : "version " + p.version() + " playing",
                p.bpm(), clock(a.framesWritten()));
        StringBuilder loops = new StringBuilder("  loops: ");
        if (p.loops().isEmpty()) {
            loops.append("none");
        }
        for (LivePlayer.LoopStatus l : p.loops()) {
            loops.append(l.name()).append(" (pass ").append(l.passes()).append(", v").append(l.version())
                    .append(l.stopping() ? ", stopping" : "").append(")  ");
        }
        String meter = String.format(Locale.ROOT, "  level L %s R %s %s", bar(a.peakLeft()), bar(a.peakRight()),
                a.clippedBlocks() > 0 ? "● CLIP (the limiter held " + a.clippedBlocks() + " blocks)" : "");
        String load = String.format(Locale.ROOT, "  audio load %.1f%% (max %.1f%%) · latency %.0f ms · underruns %d"
                + " · late notes %d · voices %d", a.load() * 100, a.maxLoad() * 100,
                a.latencyFrames() * 1000.0 / sampleRate, a.underruns(), r.lateNotes(), r.voices());
        return lastProblem.isEmpty() ? new String[] {head, loops.toString().stripTrailing(), meter, load}
                : new String[] {head, loops.toString().stripTrailing(), meter, load, "  last problem: " + lastProblem};
    }

    private String plainStatus() {
        LivePlayer.Status p = player.get();
        AudioLoop.Stats a = audio.get();
        return String.format(Locale.ROOT, "[%s] version %s, %d loops, peak %.1f dBFS, audio load %.1f%%, underruns %d",
                clock(a.framesWritten()), p.version() == null ? "-" : p.version(), p.loops().size(),
                dbfs(Math.max(a.peakLeft(), a.peakRight())), a.load() * 100, a.underruns());
    }

    private String clock(long frames) {
        long seconds = frames / sampleRate;
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static String bar(float peak) {
        double db = dbfs(peak);
        int filled = (int) Math.round(Math.max(0, Math.min(1, (db + 60) / 60)) * METER_WIDTH);
        return "[" + "■".repeat(filled) + " ".repeat(METER_WIDTH - filled) + "]"
                + String.format(Locale.ROOT, " %6.1f dB", db);
    }

    private static double dbfs(double peak) {
        return peak <= 1e-6 ? -120 : 20 * Math.log10(peak);
    }
}
