package org.jqga.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The collected figures, printed as a table for people and as JSON for scripts. */
final class Report {

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    synchronized void add(Figure figure) {
        figures.add(figure);
    }

    synchronized void note(String note) {
        notes.add(note);
    }

    List<Figure> figures() {
        return List.copyOf(figures);
    }

    void printTable(PrintStream out) {
        String[] header = {"figure", "unit", "qemu-ga", "jqga", "jqga/qemu-ga", "target", "verdict"};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (Figure f : figures) {
            rows.add(new String[] {f.name(), f.unit(), cell(f.qemuGa()), cell(f.jqga()), Numbers.format(f.ratio(), 2),
                    f.target(), f.met() == null ? "" : f.met() ? "met" : "MISSED"});
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < header.length; i++) {
                String cell = rows.get(r)[i];
                boolean numeric = i >= 2 && i <= 4;
                line.append(numeric ? pad(cell, widths[i], true) : pad(cell, widths[i], false)).append("  ");
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                out.println("-".repeat(line.toString().stripTrailing().length()));
            }
        }
        for (String note : notes) {
            out.println("note: " + note);
        }
    }

    String toJson() {
        StringBuilder json = new StringBuilder("{\"figures\":[");
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            json.append(i == 0 ? "\n" : ",\n").append("  {\"figure\":").append(quote(f.name()))
                    .append(",\"unit\":").append(quote(f.unit()))
                    .append(",\"qemu-ga\":").append(value(f.qemuGa()))
                    .append(",\"jqga\":").append(value(f.jqga()))
                    .append(",\"ratio\":").append(number(f.ratio()))
                    .append(",\"target\":").append(quote(f.target()))
                    .append(",\"met\":").append(f.met() == null ? "null" : f.met().toString()).append('}');
        }
        json.append("\n],\"notes\":[");
        for (int i = 0; i < notes.size(); i++) {
            json.append(i == 0 ? "" : ",").append(quote(notes.get(i)));
        }
        return json.append("]}\n").toString();
    }

    private static String cell(Figure.Value value) {
        if (!value.measured()) {
            return value.detail().isEmpty() ? "n/a" : value.detail();
        }
        return value.detail().isEmpty() ? Numbers.readable(value.amount())
                : Numbers.readable(value.amount()) + " " + value.detail();
    }

    private static String value(Figure.Value value) {
        return "{\"value\":" + number(value.amount()) + ",\"detail\":" + quote(value.detail()) + "}";
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "null" : Numbers.format(value, 3);
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static String pad(String text, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - text.length()));
        return right ? spaces + text : text + spaces;
    }
}
