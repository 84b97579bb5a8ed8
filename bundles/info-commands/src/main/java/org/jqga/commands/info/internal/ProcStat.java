package org.jqga.commands.info.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-CPU lines of /proc/stat ("cpuN user nice system idle iowait irq softirq steal guest guest_nice", in
 * clock ticks), read the way qemu-ga's sscanf reads them: the aggregate "cpu" line and non-cpu lines are
 * skipped; values are taken up to the first token that is no unsigned number; a cpu line with fewer than four
 * values ends the scan (qemu-ga logs "Parsing cpu stat ... failed" and returns what it has).
 */
final class ProcStat {

    /** @param ticks user, nice, system, idle, then whichever of the optional columns the kernel provides */
    record CpuLine(int cpu, long[] ticks) {
    }

    private ProcStat() {
    }

    static List<CpuLine> parse(String content) {
        List<CpuLine> lines = new ArrayList<>();
        for (String line : content.split("\n")) {
            String[] tokens = line.trim().split("\\s+");
            String name = tokens[0];
            if (!name.startsWith("cpu") || name.length() == 3) {
                continue;
            }
            long[] values = new long[Math.min(tokens.length - 1, 10)];
            int count = 0;
            while (count < values.length && isUnsigned(tokens[count + 1])) {
                values[count] = Long.parseUnsignedLong(tokens[count + 1]);
                count++;
            }
            if (count < 4) {
                break;
            }
            lines.add(new CpuLine(atoi(name.substring(3)), java.util.Arrays.copyOf(values, count)));
        }
        return lines;
    }

    private static boolean isUnsigned(String token) {
        if (token.isEmpty() || token.length() > 19) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (!Character.isDigit(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** C's atoi: the leading decimal digits, 0 if none ("cpufoo" is CPU 0 in qemu-ga too). */
    private static int atoi(String s) {
        int end = 0;
        while (end < s.length() && end < 9 && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(s.substring(0, end));
    }
}
