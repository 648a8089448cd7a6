package dev.riffcode.serve;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 from the command line to its Riffcode service, straight over a socket: one request per connection, a body
 * of known length, the answer read by its Content-Length or in chunks. The JDK's HttpURLConnection cost a new
 * command-line JVM 130-150 ms before its first request: it asks every one of the sixty jars on the class path for a URL
 * handler and for a logging back end, and opening them is most of that (measured here; a plain socket asks none). Made
 * for the answers of this project's service, not for the web: no redirects, proxies, TLS or cookies.
 */
final class LocalHttp {

    /** The longest status or header line accepted; the service's are far shorter. */
    private static final int MAX_LINE = 8192;

    private LocalHttp() {
    }

    /** The status, the headers (names in lower case) and the body of an answer; closing it closes the connection. */
    record Answer(int status, Map<String, String> headers, InputStream body) implements Closeable {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** The service could not be reached, or the connection broke before an answer's head arrived. */
    static final class NoAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Sends one request and reads the answer's head.
     *
     * @param body the request body, or null for none
     * @param readTimeoutMillis how long any one read may wait; 0 for ever
     */
    static Answer exchange(URI base, String method, String path, Map<String, String> headers, byte[] body,
            int connectTimeoutMillis, int readTimeoutMillis) throws IOException {
        String host = base.getHost();
        int port = base.getPort() < 0 ? 80 : base.getPort();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
        } catch (IOException e) {
            socket.close();
            throw new NoAnswer(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        try {
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(base.getRawAuthority()).append("\r\n");
            for (var h : headers.entrySet()) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            if (body != null || !method.equals("GET")) {
                head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // The service may have answered early (a body too large) and closed its side: its answer is read next.
            }
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            int status = statusOf(requiredLine(in));
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            for (String h = requiredLine(in); !h.isEmpty(); h = requiredLine(in)) {
                int colon = h.indexOf(':');
                if (colon > 0) {
                    answerHeaders.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                }
            }
            return new Answer(status, answerHeaders, body(in, answerHeaders, socket));
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new NoAnswer(String.format(Locale.ROOT, "no answer within %.1f s", readTimeoutMillis / 1000.0), e);
        } catch (IOException e) {
            socket.close();
            throw new NoAnswer(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private static int statusOf(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("the answer is not HTTP/1.1: " + statusLine);
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("the answer has no status: " + statusLine);
        }
    }

    /** The body as the headers frame it: chunked, of a length, or up to the end of the connection. */
    private static InputStream body(InputStream in, Map<String, String> headers, Socket socket) throws IOException {
        String encoding = headers.get("transfer-encoding");
        String length = headers.get("content-length");
        InputStream framed;
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            framed = new Chunked(in);
        } else if (length != null) {
            try {
                framed = new Sized(in, Long.parseLong(length));
            } catch (NumberFormatException e) {
                throw new IOException("the answer's Content-Length is not a number: " + length);
            }
        } else {
            framed = in;
        }
        return new java.io.FilterInputStream(framed) {
            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }

    /**
     * One CRLF-ended line of ASCII, without its end; null at the end of the stream. Also what {@link ServiceClient}
     * reads the heads of a multipart answer's parts with.
     */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (bytes.size() >= MAX_LINE) {
                throw new IOException("a line of the answer is longer than " + MAX_LINE + " bytes");
            }
            bytes.write(b);
        }
        if (b < 0 && bytes.size() == 0) {
            return null;
        }
        String s = bytes.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** A line of the answer's head or of its chunks' framing, which must come. */
    private static String requiredLine(InputStream in) throws IOException {
        String line = line(in);
        if (line == null) {
            throw new IOException("the service closed the connection before its answer ended");
        }
        return line;
    }

    /** A body of a known length. */
    private static final class Sized extends InputStream {
        private final InputStream in;
        private long left;

        Sized(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new IOException("the answer ended " + left + " bytes early");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("the answer ended " + left + " bytes early");
            }
            left -= n;
            return n;
        }
    }

    /** A body in chunks (RFC 9112, 7.1): a hexadecimal size line, the bytes, CRLF; a size of 0 ends it. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean first = true;
        private boolean ended;

        Chunked(InputStream in) {
            this.in = in;
        }

        /** True when bytes of a chunk are ready to read, false at the end of the body. */
        private boolean ready() throws IOException {
            if (ended) {
                return false;
            }
            if (left > 0) {
                return true;
            }
            if (!first && !requiredLine(in).isEmpty()) {
                throw new IOException("a chunk of the answer does not end where its size says");
            }
            first = false;
            String size = requiredLine(in);
            int semicolon = size.indexOf(';');
            try {
                left = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("the answer's chunk size is not a number: " + size);
            }
            if (left == 0) {
                while (!requiredLine(in).isEmpty()) {
                    // trailer fields: none are used
                }
                ended = true;
                return false;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!ready()) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new IOException("the answer ended inside a chunk");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!ready()) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("the answer ended inside a chunk");
            }
            left -= n;
            return n;
        }
    }
}
