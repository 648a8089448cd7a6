package dev.riffcode.session;

import dev.riffcode.hearing.ReportJson;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Tells a session as Markdown, step by step, for a teacher reading a handed-in export. */
final class SessionStory {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SessionStory() {
    }

    static String markdown(Session session, SessionJson.Index index, ZoneId zone) {
        StringBuilder md = new StringBuilder();
        SessionSummary s = SessionSummary.of(session.name(), index);
        md.append("# Riffcode session: ").append(oneLine(index.title() == null ? session.name() : index.title()))
                .append("\n\n");
        md.append("- Folder: `").append(session.name()).append("`\n");
        md.append("- Created: ").append(time(index.created(), zone)).append(" (times are ").append(zone.getId())
                .append(")\n");
        md.append("- ").append(plural(s.prompts(), "prompt")).append(", ").append(plural(s.versions(), "code version"))
                .append(", ").append(plural(s.renders(), "render")).append(", ").append(plural(s.errors(), "error"))
                .append("\n\n");
        md.append("Everything below is in the order it happened. The files named are next to this one: ")
                .append("`vN.py` is code version N, `vN.wav` its sound, `vN.report.json` what Riffcode heard in it, ")
                .append("`answer-N.txt` a model's raw answer, ")
                .append("`prompt-N.txt` a long prompt, `image-N.png` or `.jpg` a picture given with a prompt.\n");
        for (Step step : index.steps()) {
            md.append("\n## ").append(step.id()).append(". ").append(heading(step))
                    .append(" \u2014 ").append(time(step.time(), zone)).append("\n\n");
            body(md, session, step);
        }
        return md.toString();
    }

    private static String heading(Step step) {
        if (step instanceof Step.Prompt p) {
            return p.mode() == PromptMode.EDIT ? "Prompt: change the code" : "Prompt: new piece";
        } else if (step instanceof Step.Answer a) {
            return a.partial() ? "Model answer (cut off)" : "Model answer";
        } else if (step instanceof Step.Code c) {
            return "Code version v" + c.version() + " (" + c.origin().description() + ")";
        } else if (step instanceof Step.Validation v) {
            return "Check of v" + v.version() + ": " + (v.ok() ? "ok" : "error");
        } else if (step instanceof Step.Repair r) {
            return "Repair of v" + r.version();
        } else if (step instanceof Step.Render r) {
            return "Render of v" + r.version();
        } else if (step instanceof Step.Failure f) {
            return "Error" + (f.category() == null ? "" : " (" + f.category() + ")");
        } else if (step instanceof Step.Export e) {
            return (e.kind().equals("midi") ? "MIDI file of v" : "Stems of v") + e.version();
        } else if (step instanceof Step.Image i) {
            return "Picture given with the prompt";
        } else if (step instanceof Step.Clip c) {
            return "Clip " + c.name() + " from " + c.backend() + (c.complete() ? "" : " (incomplete)");
        }
        return "Note";
    }

    private static void body(StringBuilder md, Session session, Step step) {
        if (step instanceof Step.Prompt p) {
            if (p.model() != null || p.endpoint() != null) {
                md.append("Model ").append(code(p.model() == null ? "?" : p.model()));
                if (p.endpoint() != null) {
                    md.append(" at ").append(code(p.endpoint()));
                }
                md.append("\n\n");
            }
            try {
                fenced(md, "text", session.promptText(p));
            } catch (IOException e) {
                md.append("(").append(link(p.file().name())).append(" cannot be read: ").append(e.getMessage())
                        .append(")\n");
            }
        } else if (step instanceof Step.Answer a) {
            md.append(link(a.file().name())).append(" from ").append(code(a.model() == null ? "?" : a.model()))
                    .append(String.format(Locale.ROOT, " after %.1f s", a.durationMs() / 1000.0));
            if (a.finishReason() != null) {
                md.append(", finish reason ").append(code(a.finishReason()));
            }
            if (a.promptTokens() != null || a.completionTokens() != null) {
                md.append(", tokens in/out ").append(a.promptTokens() == null ? "?" : a.promptTokens())
                        .append('/').append(a.completionTokens() == null ? "?" : a.completionTokens());
            }
            md.append(a.partial() ? ". The stream broke off, so the answer is incomplete.\n" : ".\n");
        } else if (step instanceof Step.Code c) {
            md.append(link(c.file().name()));
            if (c.parent() != null) {
                md.append(", derived from v").append(c.parent());
            }
            md.append(":\n\n");
            String text;
            try {
                text = session.code(c.version());
            } catch (IOException e) {
                text = "(the file cannot be read: " + e.getMessage() + ")";
            }
            fenced(md, "python", text);
        } else if (step instanceof Step.Validation v) {
            if (v.ok()) {
                md.append("The code ran without error.\n");
            } else {
                if (v.line() != null) {
                    md.append("At line ").append(v.line()).append(":\n\n");
                }
                fenced(md, "text", v.error());
            }
        } else if (step instanceof Step.Repair r) {
            fenced(md, "text", r.reason() == null ? "(no reason given)" : r.reason());
        } else if (step instanceof Step.Render r) {
            md.append(link(r.file().name())).append(String.format(Locale.ROOT, ": %.1f s at %d Hz, peak %s.\n",
                    r.seconds(), r.sampleRate(),
                    r.peakDbfs() == null ? "silent" : String.format(Locale.ROOT, "%.1f dBFS", r.peakDbfs())));
            if (r.report() != null) {
                md.append("\nWhat Riffcode heard in it (").append(link(r.report().name())).append("):\n\n");
                try {
                    byte[] json = session.report(r).orElseThrow();
                    fenced(md, "text", String.join("\n", ReportJson.read(json).lines()));
                } catch (IOException | RuntimeException e) {
                    md.append("(the report cannot be read: ").append(e.getMessage()).append(")\n");
                }
            }
        } else if (step instanceof Step.Failure f) {
            if (f.version() != null) {
                md.append("About v").append(f.version()).append(":\n\n");
            }
            fenced(md, "text", f.message());
        } else if (step instanceof Step.Note n) {
            fenced(md, "text", n.text());
        } else if (step instanceof Step.Export e) {
            md.append(e.kind().equals("midi") ? "The score as a Standard MIDI File:" : "One WAV per part:");
            for (StoredFile f : e.files()) {
                md.append(' ').append(link(f.name()));
            }
            md.append('\n');
        } else if (step instanceof Step.Image i) {
            md.append(link(i.file().name())).append(String.format(Locale.ROOT, ", %d\u00d7%d pixels, from %s.\n",
                    i.width(), i.height(), code(i.source() == null ? "?" : i.source())));
            if (i.features() != null) {
                md.append("\nMeasured: ").append(i.features()).append(".\n");
            }
        } else if (step instanceof Step.Clip c) {
            if (c.file() != null) {
                md.append(link(c.file().name())).append(String.format(Locale.ROOT, ": %.1f s at %d Hz, peak %s",
                        c.seconds(), c.sampleRate(), c.peakDbfs() == null ? "silent"
                                : String.format(Locale.ROOT, "%.1f dBFS", c.peakDbfs())));
            } else {
                md.append("No usable audio arrived");
            }
            md.append(", from ").append(code(c.endpoint() == null ? "?" : c.endpoint())).append(".\n");
            if (!c.parts().isEmpty()) {
                md.append("\nWhat the backend sent:");
                for (StoredFile f : c.parts()) {
                    md.append(' ').append(link(f.name()));
                }
                md.append("\n");
            }
        }
    }

    /** A fenced block that no backtick run inside {@code text} can close early. */
    private static void fenced(StringBuilder md, String lang, String text) {
        String body = text == null ? "" : text;
        int longest = 0;
        int run = 0;
        for (int i = 0; i < body.length(); i++) {
            run = body.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        md.append(fence).append(lang).append('\n').append(body);
        if (!body.endsWith("\n")) {
            md.append('\n');
        }
        md.append(fence).append('\n');
    }

    private static String link(String file) {
        return "[" + file + "](" + file + ")";
    }

    private static String code(String text) {
        return "`" + oneLine(text).replace("`", "'") + "`";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone));
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
