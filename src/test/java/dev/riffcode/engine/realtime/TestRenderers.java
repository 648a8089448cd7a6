package dev.riffcode.engine.realtime;

import dev.riffcode.engine.LiveRenderer;
import dev.riffcode.score.FxBus;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.PortEvent;
import dev.riffcode.score.UnitGraph;

/** Small live renderers for the audio loop's tests. */
final class TestRenderers {

    private TestRenderers() {
    }

    /** A renderer that only plays blocks: scheduling does nothing. */
    abstract static class Blocks implements LiveRenderer {
        private final int block;
        private long position;

        Blocks(int block) {
            this.block = block;
        }

        /** Fills one block, starting at frame {@code at}. */
        abstract void fill(float[] left, float[] right, long at);

        @Override
        public void render(float[] left, float[] right) {
            fill(left, right, position);
            position += block;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public boolean note(NoteEvent note, long frame, long tag) {
            return false;
        }

        @Override
        public void cancel(long tag) {
        }

        @Override
        public int addEffect(FxBus fx, int parentSlot) {
            return -1;
        }

        @Override
        public void changeEffect(int slot, FxBus fx) {
        }

        @Override
        public void releaseEffect(int slot) {
        }

        @Override
        public int addGraph(UnitGraph graph, long frame) {
            return -1;
        }

        @Override
        public boolean portChange(int graph, PortEvent change, long frame, long tag) {
            return false;
        }

        @Override
        public void retireGraph(int graph, long frame) {
        }

        @Override
        public void fadeOut(double seconds) {
        }

        @Override
        public boolean stopAll(double seconds) {
            return true;
        }

        @Override
        public boolean stopped() {
            return true;
        }

        @Override
        public Stats stats() {
            return new Stats(0, 0, 0, 0, false);
        }
    }

    /** A sine of {@code amp} peak on both channels: amp above 1 is too loud, for the master section to tame. */
    static Blocks sine(int block, double hz, double amp) {
        return new Blocks(block) {
            @Override
            void fill(float[] left, float[] right, long at) {
                for (int i = 0; i < block; i++) {
                    left[i] = (float) (amp * Math.sin(2 * Math.PI * hz * (at + i) / Sound.SR));
                    right[i] = left[i];
                }
            }
        };
    }

    /** Passes everything to another renderer; override what should differ. */
    static class Wrapper implements LiveRenderer {
        private final LiveRenderer inner;

        Wrapper(LiveRenderer inner) {
            this.inner = inner;
        }

        @Override
        public boolean note(NoteEvent note, long frame, long tag) {
            return inner.note(note, frame, tag);
        }

        @Override
        public void cancel(long tag) {
            inner.cancel(tag);
        }

        @Override
        public int addEffect(FxBus fx, int parentSlot) {
            return inner.addEffect(fx, parentSlot);
        }

        @Override
        public void changeEffect(int slot, FxBus fx) {
            inner.changeEffect(slot, fx);
        }

        @Override
        public void releaseEffect(int slot) {
            inner.releaseEffect(slot);
        }

        @Override
        public int addGraph(UnitGraph graph, long frame) {
            return inner.addGraph(graph, frame);
        }

        @Override
        public boolean portChange(int graph, PortEvent change, long frame, long tag) {
            return inner.portChange(graph, change, frame, tag);
        }

        @Override
        public void retireGraph(int graph, long frame) {
            inner.retireGraph(graph, frame);
        }

        @Override
        public void fadeOut(double seconds) {
            inner.fadeOut(seconds);
        }

        @Override
        public boolean stopAll(double seconds) {
            return inner.stopAll(seconds);
        }

        @Override
        public boolean stopped() {
            return inner.stopped();
        }

        @Override
        public long position() {
            return inner.position();
        }

        @Override
        public Stats stats() {
            return inner.stats();
        }

        @Override
        public void render(float[] left, float[] right) {
            inner.render(left, right);
        }
    }
}
