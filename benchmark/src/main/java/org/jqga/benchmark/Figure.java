package org.jqga.benchmark;

/**
 * One line of the report: a figure measured for both agents, the ratio jqga/qemu-ga, and the target for it.
 *
 * @param target human-readable target, empty when the issue sets none
 * @param met    whether jqga meets the target; null when there is none or it could not be measured
 */
record Figure(String name, String unit, Value qemuGa, Value jqga, String target, Boolean met) {

    /** A measured amount; {@code detail} shows the spread or a note, NaN amount means not measured. */
    record Value(double amount, String detail) {

        static Value of(double amount) {
            return new Value(amount, "");
        }

        static Value notMeasured(String why) {
            return new Value(Double.NaN, why);
        }

        static Value spread(Summary summary, int decimals) {
            return new Value(summary.median(), "[" + Numbers.format(summary.min(), decimals) + "-"
                    + Numbers.format(summary.max(), decimals) + "]");
        }

        boolean measured() {
            return !Double.isNaN(amount);
        }
    }

    double ratio() {
        return qemuGa.measured() && jqga.measured() && qemuGa.amount() != 0 ? jqga.amount() / qemuGa.amount()
                : Double.NaN;
    }
}
