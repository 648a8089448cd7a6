package dev.riffcode.ui;

import dev.riffcode.session.Origin;
import dev.riffcode.session.Session;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.swing.JFileChooser;
import javax.swing.SwingUtilities;
import javax.swing.filechooser.FileNameExtensionFilter;

/**
 * Export: the editor's code rendered to a WAV file (off the EDT, through the studio, with a progress bar), and the
 * session as the hand-in zip. Each says when it is done, or why it failed and what to do.
 */
final class Exports {

    private final MainWindow window;

    Exports(MainWindow window) {
        this.window = window;
    }

    /** Asks where, then renders. */
    void wavAsked() {
        Path chosen = choose("WAV audio (*.wav)", "wav", window.file() == null ? "riffcode.wav"
                : window.file().getFileName().toString().replaceAll("\\.py$", "") + ".wav");
        if (chosen != null) {
            wav(chosen);
        }
    }

    /** Renders the editor's code to {@code target}; the future completes with the file, or with the reason. */
    CompletableFuture<Path> wav(Path target) {
        String code = window.editor.text();
        String name = window.file() == null ? "untitled.py" : window.file().getFileName().toString();
        window.status.progress("rendering", -1);
        window.status.say("Rendering " + target.getFileName() + "…");
        CompletableFuture<Path> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                Studio.Outcome out = window.studio.get().renderToWav(name, code, RenderOptions.defaults(), target,
                        f -> SwingUtilities.invokeLater(() -> window.status.progress("rendering", f)));
                if (!out.ok()) {
                    SwingUtilities.invokeLater(() -> {
                        window.status.done();
                        window.status.say("Export failed: " + out.error().format() + ". Fix the line (Run shows it "
                                + "too) and export again; nothing was written.");
                    });
                    done.completeExceptionally(new IOException(out.error().format()));
                    return;
                }
                var r = out.render();
                recordRender(code, target, r.seconds(), r.sampleRate(), r.peakDbfs());
                SwingUtilities.invokeLater(() -> {
                    window.status.done();
                    window.status.say(String.format(Locale.ROOT, "Wrote %s: %.1f s, peak %.1f dBFS.", target,
                            r.seconds(), r.peakDbfs()));
                });
                done.complete(target);
            } catch (IOException | RuntimeException e) {
                SwingUtilities.invokeLater(() -> {
                    window.status.done();
                    window.status.say("Export failed: " + (e instanceof IOException io ? TextFiles.explain(io)
                            : e.toString()) + ". Choose another folder, or check the disk has room.");
                });
                done.completeExceptionally(e);
            }
        }, "riffcode-export");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** The render goes into the session with the version it is of (kept as a manual version if it is new). */
    private void recordRender(String code, Path wav, double seconds, int rate, double peak) {
        String title = window.file() != null ? "edit " + window.file().getFileName() : "editor";
        window.session.write(() -> {
            Session s = window.session.get(title);
            Optional<String> latest = s.latestCode();
            int version = latest.isPresent() && latest.get().equals(code) ? s.latestVersion()
                    : s.codeVersion(code, Origin.MANUAL, s.latestVersion() == 0 ? null : s.latestVersion());
            return s.render(version, Files.readAllBytes(wav), seconds, rate, peak);
        }).whenComplete((x, e) -> SwingUtilities.invokeLater(window::updateTitle));
    }

    /** Asks where, then writes the session's zip. */
    void sessionAsked() {
        Session s = window.session.current();
        if (s == null) {
            window.status.say("Nothing is recorded yet: Run the code or ask for a piece, then export the session.");
            return;
        }
        Path chosen = choose("Zip archives (*.zip)", "zip", s.name() + ".zip");
        if (chosen != null) {
            session(chosen);
        }
    }

    CompletableFuture<Path> session(Path zip) {
        Session s = window.session.current();
        if (s == null) {
            return CompletableFuture.failedFuture(new IOException("no session yet"));
        }
        window.status.progress("exporting", -1);
        CompletableFuture<Path> done = window.session.write(() -> {
            s.export(zip);
            return zip;
        });
        done.whenComplete((x, e) -> SwingUtilities.invokeLater(() -> {
            window.status.done();
            window.status.say(e == null ? "Wrote the session to " + zip + " (with a README telling its story)."
                    : "The session export failed: " + e.getMessage() + ". Choose another folder.");
        }));
        return done;
    }

    private Path choose(String what, String extension, String suggested) {
        JFileChooser chooser = new JFileChooser(window.file() == null ? null : window.file().getParent().toFile());
        chooser.setFileFilter(new FileNameExtensionFilter(what, extension));
        chooser.setSelectedFile(new java.io.File(chooser.getCurrentDirectory(), suggested));
        if (chooser.showSaveDialog(window) != JFileChooser.APPROVE_OPTION) {
            return null;
        }
        Path p = chooser.getSelectedFile().toPath();
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + extension) ? p
                : p.resolveSibling(p.getFileName() + "." + extension);
    }
}
