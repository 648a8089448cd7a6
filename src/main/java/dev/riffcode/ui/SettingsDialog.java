package dev.riffcode.ui;

import dev.riffcode.llm.LlmException;
import dev.riffcode.llm.LlmSettings;
import java.awt.BorderLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;

/**
 * Model, endpoint and key, kept in the user's config file (owner-only, never in a session). With none set, the
 * offline generator writes the code. The dialog says where the settings in force come from: an environment variable
 * wins over the file.
 */
final class SettingsDialog extends JDialog {

    private final JTextField endpoint = new JTextField(32);
    private final JTextField model = new JTextField(20);
    private final JPasswordField key = new JPasswordField(32);
    private final JLabel problem = new JLabel(" ");
    private final Path file;
    private boolean saved;

    SettingsDialog(JFrame owner, Path file, Map<String, String> env) {
        super(owner, "Model settings", true);
        this.file = file;
        setName("settings");
        endpoint.setName("endpoint");
        model.setName("model");
        key.setName("key");
        UserConfig.Values values;
        try {
            values = UserConfig.read(file);
        } catch (IOException e) {
            values = new UserConfig.Values(null, null, false);
            problem.setText(e.getMessage());
        }
        endpoint.setText(values.baseUrl() == null ? "" : values.baseUrl());
        model.setText(values.model() == null ? "" : values.model());
        key.setToolTipText(values.hasKey() ? "A key is stored for this endpoint; leave empty to keep it"
                : "Only sent to the endpoint above; local servers need none");

        JPanel form = new JPanel(new GridBagLayout());
        form.setBorder(BorderFactory.createEmptyBorder(12, 12, 4, 12));
        row(form, 0, "Endpoint", endpoint, "an OpenAI-compatible API root, e.g. https://api.openai.com/v1 or "
                + "http://localhost:11434/v1 (Ollama); empty: the offline generator");
        row(form, 1, "Model", model, "e.g. gpt-4.1-mini, llama3.2; empty: the server's only model");
        row(form, 2, "API key", key, values.hasKey() ? "a key is stored for this endpoint; empty keeps it"
                : "sent only to this endpoint; stored in " + file + ", readable by you alone");
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.gridy = 6;
        c.gridwidth = 2;
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(8, 0, 0, 0);
        form.add(new JLabel(inForce(env)), c);
        c.gridy = 7;
        problem.setName("settingsProblem");
        form.add(problem, c);

        JButton save = new JButton("Save");
        save.setName("save");
        save.addActionListener(e -> save());
        JButton cancel = new JButton("Cancel");
        cancel.addActionListener(e -> dispose());
        JPanel buttons = new JPanel();
        buttons.add(save);
        buttons.add(cancel);
        getContentPane().add(form, BorderLayout.CENTER);
        getContentPane().add(buttons, BorderLayout.SOUTH);
        getRootPane().setDefaultButton(save);
        pack();
        setLocationRelativeTo(owner);
    }

    /** Shows the dialog; true when the settings were saved. */
    boolean ask() {
        setVisible(true);
        return saved;
    }

    private void save() {
        try {
            UserConfig.write(file, endpoint.getText(), model.getText(), new String(key.getPassword()));
            saved = true;
            dispose();
        } catch (IOException e) {
            problem.setText("Not saved: " + e.getMessage());
        }
    }

    /** One line on what the generator uses now, and from where. */
    private String inForce(Map<String, String> env) {
        try {
            LlmSettings s = LlmSettings.resolve(LlmSettings.Flags.none(), env, file);
            return "<html>In use now: " + (s.isConfigured() ? s.describe() + "<br>" + s.keyRoute()
                    : "the offline generator (no model set)") + "</html>";
        } catch (LlmException e) {
            return "<html>" + e.getMessage() + "</html>";
        }
    }

    private static void row(JPanel form, int row, String label, JTextField field, String hint) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.gridy = row * 2;
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(6, 0, 0, 8);
        form.add(new JLabel(label), c);
        c.gridx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;
        form.add(field, c);
        c.gridy = row * 2 + 1;
        c.insets = new Insets(0, 0, 0, 0);
        JLabel h = new JLabel(hint);
        h.setEnabled(false);
        form.add(h, c);
    }
}
