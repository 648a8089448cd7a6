package dev.riffcode.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import dev.riffcode.session.SessionSummary;
import dev.riffcode.session.Step;
import dev.riffcode.session.StoredFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code GET /sessions}, {@code /sessions/{name}}, {@code /sessions/{name}/export} and
 * {@code /sessions/{name}/files/{file}}: what {@code ./riffcode sessions list|show|export} give, over HTTP. Names are
 * looked up as the command line does (the folder name, its beginning, or a unique part); only files the session's
 * index names can be fetched.
 */
final class SessionRoutes {

    private final SessionStore store;
    private final Path scratch;

    SessionRoutes(SessionStore store, Path scratch) {
        this.store = store;
        this.scratch = scratch;
    }

    void handle(HttpExchange ex, String[] parts) throws IOException, Http.Failure {
        if (parts.length == 1) {
            list(ex);
            return;
        }
        Session session = open(parts[1]);
        if (parts.length == 2) {
            show(ex, session);
        } else if (parts.length == 3 && parts[2].equals("export")) {
            export(ex, session);
        } else if (parts.length == 4 && parts[2].equals("files")) {
            file(ex, session, parts[3]);
        } else {
            throw new Http.Failure(404, "not_found", "no such endpoint (the API is described at /openapi.yaml)");
        }
    }

    private void list(HttpExchange ex) throws IOException {
        ObjectNode body = Http.JSON.createObjectNode();
        ArrayNode items = body.putArray("sessions");
        for (SessionSummary s : store.list()) {
            ObjectNode n = items.addObject();
            n.put("name", s.name());
            if (s.problem() != null) {
                n.put("problem", s.problem());
                continue;
            }
            n.put("title", s.title());
            n.put("created", s.created() == null ? null : s.created().toString());
            n.put("prompts", s.prompts());
            n.put("versions", s.versions());
            n.put("renders", s.renders());
            n.put("errors", s.errors());
            n.put("last_activity", s.lastActivity() == null ? null : s.lastActivity().toString());
        }
        Http.sendJson(ex, 200, body);
    }

    private static void show(HttpExchange ex, Session session) throws IOException {
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("name", session.name());
        body.set("index", Http.JSON.readTree(session.folder().resolve(Session.INDEX).toFile()));
        body.put("story", session.story());
        ArrayNode problems = body.putArray("problems");
        session.verify().forEach(problems::add);
        Http.sendJson(ex, 200, body);
    }

    private void export(HttpExchange ex, Session session) throws IOException {
        Path zip = Files.createTempFile(scratch, "export-", ".zip");
        try {
            session.export(zip);
            ex.getResponseHeaders().set("Content-Type", "application/zip");
            ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + session.name() + ".zip\"");
            ex.sendResponseHeaders(200, Files.size(zip));
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(zip, out);
            }
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private static void file(HttpExchange ex, Session session, String name) throws IOException, Http.Failure {
        StoredFile found = null;
        for (Step s : session.steps()) {
            StoredFile f = s instanceof Step.Code c ? c.file() : s instanceof Step.Render r ? r.file()
                    : s instanceof Step.Answer a ? a.file() : s instanceof Step.Prompt p ? p.file() : null;
            if (f != null && f.name().equals(name)) {
                found = f;
            }
        }
        if (found == null) {
            throw new Http.Failure(404, "no_file", "session " + session.name() + " has no file " + name);
        }
        Path p = session.folder().resolve(found.name());
        String type = name.endsWith(".wav") ? "audio/wav" : name.endsWith(".py") ? "text/x-python; charset=utf-8"
                : "text/plain; charset=utf-8";
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(200, Files.size(p));
        try (OutputStream out = ex.getResponseBody()) {
            Files.copy(p, out);
        }
    }

    private Session open(String name) throws IOException, Http.Failure {
        try {
            return store.open(name);
        } catch (IllegalArgumentException e) {
            boolean ambiguous = e.getMessage() != null && e.getMessage().contains("matches ")
                    && !e.getMessage().startsWith("no session");
            throw new Http.Failure(ambiguous ? 409 : 404, ambiguous ? "ambiguous" : "no_session", e.getMessage());
        }
    }
}
