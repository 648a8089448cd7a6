package dev.riffcode.cli;

import dev.riffcode.audio.WavReader;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.hearing.HearingReport;
import dev.riffcode.hearing.ReportJson;
import dev.riffcode.runtime.ScriptRunner;
import dev.riffcode.session.ReplayRenderer;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replays session versions through the real runtime and engine; the worker starts on first use. */
final class StudioReplay implements ReplayRenderer, AutoCloseable {

    private Studio studio;

    @Override
    public Result render(int version, String code) {
        if (studio == null) {
            studio = new Studio(new ScriptRunner(), new PipesBackend());
        }
        try {
            Path wav = Files.createTempFile("riffcode-replay-", ".wav");
            Files.delete(wav);
            Studio.Outcome out = studio.renderToWav("v" + version + ".py", code, RenderOptions.defaults(), wav, f -> { });
            if (!out.ok()) {
                return Result.failed(out.error().format(), out.error().line() == 0 ? null : out.error().line());
            }
            var r = out.render();
            HearingReport heard = studio.hear(WavReader.read(wav), out.score(), RenderOptions.defaults());
            return Result.rendered(wav, r.seconds(), r.sampleRate(), r.peakDbfs(), ReportJson.bytes(heard));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (studio != null) {
            studio.close();
        }
    }
}
