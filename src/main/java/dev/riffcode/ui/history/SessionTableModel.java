package dev.riffcode.ui.history;

import dev.riffcode.session.SessionSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.table.AbstractTableModel;

/**
 * The rows of the session browser: one session each, newest first, narrowed by a filter. Kept
 * apart from the dialog so it can be tested without a screen.
 */
public final class SessionTableModel extends AbstractTableModel {

    /** Column indexes. */
    public static final int NAME = 0;
    public static final int CREATED = 1;
    public static final int PROMPTS = 2;
    public static final int VERSIONS = 3;
    public static final int ERRORS = 4;
    public static final int LAST_ACTIVITY = 5;

    private static final String[] COLUMNS = {"Session", "Created", "Prompts", "Versions", "Errors", "Last activity"};
    private static final Class<?>[] TYPES = {String.class, Instant.class, Integer.class, Integer.class,
        Integer.class, Instant.class};

    private List<SessionSummary> all = List.of();
    private List<SessionSummary> shown = List.of();
    private String filter = "";

    /** A model of {@code sessions}, in any order; they are shown newest first. */
    public SessionTableModel(List<SessionSummary> sessions) {
        setSessions(sessions);
    }

    /** Replaces the sessions, keeping the filter. */
    public void setSessions(List<SessionSummary> sessions) {
        List<SessionSummary> sorted = new ArrayList<>(sessions);
        sorted.sort(SessionSummary.NEWEST_FIRST);
        all = List.copyOf(sorted);
        apply();
    }

    /**
     * Shows only the sessions whose title or folder name contains every word of {@code text},
     * ignoring case; blank shows all.
     */
    public void setFilter(String text) {
        filter = text == null ? "" : text.strip();
        apply();
    }

    /** The filter as last set, stripped. */
    public String filter() {
        return filter;
    }

    /** The session in {@code row} of the filtered rows. */
    public SessionSummary sessionAt(int row) {
        return shown.get(row);
    }

    /** The text a person knows the session by: its title, else its folder name. */
    public static String displayName(SessionSummary s) {
        String name = s.title() != null ? s.title() : s.name();
        return s.problem() == null ? name : name + " (cannot be read)";
    }

    @Override
    public int getRowCount() {
        return shown.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public String getColumnName(int column) {
        return COLUMNS[column];
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return TYPES[column];
    }

    @Override
    public Object getValueAt(int row, int column) {
        SessionSummary s = shown.get(row);
        return switch (column) {
            case NAME -> displayName(s);
            case CREATED -> s.created();
            case PROMPTS -> s.prompts();
            case VERSIONS -> s.versions();
            case ERRORS -> s.errors();
            case LAST_ACTIVITY -> s.lastActivity();
            default -> throw new IndexOutOfBoundsException("no column " + column);
        };
    }

    private void apply() {
        String[] words = filter.toLowerCase(Locale.ROOT).split("\\s+");
        List<SessionSummary> out = new ArrayList<>();
        for (SessionSummary s : all) {
            String haystack = (s.name() + " " + (s.title() == null ? "" : s.title())).toLowerCase(Locale.ROOT);
            boolean matches = true;
            for (String word : words) {
                matches &= haystack.contains(word);
            }
            if (matches) {
                out.add(s);
            }
        }
        shown = List.copyOf(out);
        fireTableDataChanged();
    }
}
