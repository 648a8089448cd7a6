package dev.riffcode.runtime;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Length-prefixed JSON frames over the worker's stdin/stdout. Sending is thread-safe; receive from one thread. */
final class Frames {

    static final int MAX_FRAME = 256 << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final DataInputStream in;
    private final DataOutputStream out;

    Frames(InputStream in, OutputStream out) {
        this.in = new DataInputStream(in);
        this.out = new DataOutputStream(out);
    }

    synchronized void send(Object message) throws IOException {
        byte[] body = JSON.writeValueAsBytes(message);
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    /** The next frame, or null at end of stream. */
    WorkerMessage receive() throws IOException {
        return receive(WorkerMessage.class);
    }

    /** The next frame as a {@code type}, or null at end of stream. */
    <T> T receive(Class<T> type) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("bad frame length " + length);
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            return null;
        }
        return JSON.readValue(body, type);
    }
}
