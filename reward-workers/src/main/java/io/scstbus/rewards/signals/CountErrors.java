package io.scstbus.rewards.signals;

/** The one definition of the count errors {@code count_abs} and {@code count_signed} average. */
final class CountErrors {

    private CountErrors() {
    }

    /**
     * Mean (absolute or signed) count error over the mentioned counted objects: stated counts against the
     * reference count, and objects mentioned without a number as a count of 0. 0.0 when there are none.
     */
    static double mean(ObjectAlignment.Alignment a, boolean absolute) {
        int n = a.counted().size() + a.uncounted().size();
        if (n == 0) {
            return 0.0;
        }
        double sum = 0;
        for (ObjectAlignment.CountPair p : a.counted()) {
            int error = p.generated() - p.reference();
            sum += absolute ? Math.abs(error) : error;
        }
        for (ObjectAlignment.ObjectCount reference : a.uncounted()) {
            sum += absolute ? reference.count() : -reference.count();
        }
        return sum / n;
    }
}
