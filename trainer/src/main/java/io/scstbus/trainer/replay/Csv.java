package io.scstbus.trainer.replay;

import java.util.List;

/** CSV cells, RFC 4180 quoting; numbers in Java's shortest round-trip form so files diff exactly. */
final class Csv {

    private Csv() {
    }

    static String line(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells.get(i)));
        }
        return b.append('\n').toString();
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** Empty for NaN or null: a missing value is never written as a number. */
    static String num(Double value) {
        return value == null || value.isNaN() ? "" : Double.toString(value);
    }
}
