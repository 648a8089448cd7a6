package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The worker protocol's framing: what one side sends, the other reads back, and damage is told apart from an end. */
class FramesTest {

    private static Frames reading(byte[] wire) {
        return new Frames(new ByteArrayInputStream(wire), OutputStream.nullOutputStream());
    }

    private static byte[] lengthOnly(int length) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new DataOutputStream(wire).writeInt(length);
        return wire.toByteArray();
    }

    @Test
    void messagesArriveAsSentAndInOrderThenTheEndReadsAsNull() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Frames sender = new Frames(new ByteArrayInputStream(new byte[0]), wire);
        RunRequest request = RunRequest.of("song.py", "play(60)\n# é 🎵\n").withTimeout(2500);
        sender.send(WorkerMessage.run(request, 2000));
        sender.send(WorkerMessage.ready(812.5));

        Frames receiver = reading(wire.toByteArray());
        WorkerMessage run = receiver.receive();
        assertEquals("run", run.type());
        assertEquals(request, run.request());
        assertEquals(2000, run.spareWaitMillis());
        WorkerMessage ready = receiver.receive();
        assertEquals("ready", ready.type());
        assertEquals(812.5, ready.millis());
        assertNull(receiver.receive(), "end of stream");
    }

    @Test
    void aNegativeOrHugeLengthIsADamagedStreamNotAnEnd() throws IOException {
        IOException negative = assertThrows(IOException.class, () -> reading(lengthOnly(-1)).receive());
        assertTrue(negative.getMessage().contains("bad frame length -1"), negative.getMessage());
        assertThrows(IOException.class, () -> reading(lengthOnly(Frames.MAX_FRAME + 1)).receive());
        // The largest allowed frame is not refused; this one's body never comes, which reads as the end.
        assertNull(reading(lengthOnly(Frames.MAX_FRAME)).receive());
    }

    @Test
    void aFrameCutShortByADyingWorkerReadsAsTheEnd() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new Frames(new ByteArrayInputStream(new byte[0]), wire).send(WorkerMessage.shutdown());
        byte[] whole = wire.toByteArray();
        assertEquals("shutdown", reading(whole).receive().type());
        assertNull(reading(Arrays.copyOf(whole, whole.length - 1)).receive());
    }
}
