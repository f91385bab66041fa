package dev.backstep.cli.debug;

import java.util.List;
import java.util.Locale;

/**
 * A value's history as an SVG step plot, value over icount, for {@code history EXPR --plot FILE.svg}: a file any
 * browser opens. Each point is a write (hover: its icount, line and value); the value holds until the next write.
 */
final class SvgPlot {
    /** One point: where in time, the value as a number, and a label for people. */
    record Point(long icount, double value, String label) {
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private SvgPlot() {
    }

    /**
     * @param title  what the plot shows
     * @param start  value at the start of the range (null: none), drawn from {@code from}
     * @param end    icount where the range ends (the plot reaches there)
     */
    static String render(String title, long from, Double start, List<Point> points, long end) {
        long x0 = from;
        long x1 = Math.max(end, points.isEmpty() ? from + 1 : points.get(points.size() - 1).icount());
        if (x1 <= x0) {
            x1 = x0 + 1;
        }
        double lo = start == null ? Double.POSITIVE_INFINITY : start;
        double hi = start == null ? Double.NEGATIVE_INFINITY : start;
        for (Point p : points) {
            lo = Math.min(lo, p.value());
            hi = Math.max(hi, p.value());
        }
        if (!(lo <= hi)) {
            lo = 0;
            hi = 1;
        }
        if (lo == hi) {
            lo -= 1;
            hi += 1;
        }
        double pad = (hi - lo) * 0.05;
        lo -= pad;
        hi += pad;
        Scale sx = new Scale(x0, x1, LEFT, WIDTH - RIGHT);
        Scale sy = new Scale(lo, hi, HEIGHT - BOTTOM, TOP);
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>\n", LEFT, esc(title)));
        // axes and ticks
        s.append(String.format(Locale.ROOT, "<path d=\"M%d %d V%d H%d\" stroke=\"#444\" fill=\"none\"/>\n",
                LEFT, TOP, HEIGHT - BOTTOM, WIDTH - RIGHT));
        for (int i = 0; i <= 5; i++) {
            double v = lo + (hi - lo) * i / 5;
            double y = sy.at(v);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT, WIDTH - RIGHT, y, y, LEFT - 6,
                    y + 4, number(v)));
            double t = x0 + (double) (x1 - x0) * i / 5;
            double x = sx.at(t);
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", x,
                    HEIGHT - BOTTOM + 18, Math.round(t)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">icount</text>\n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 16));
        // the value holds from one write to the next: a step line
        StringBuilder d = new StringBuilder();
        Double cur = start;
        if (cur != null) {
            d.append(String.format(Locale.ROOT, "M%.1f %.1f", sx.at(x0), sy.at(cur)));
        }
        for (Point p : points) {
            double x = sx.at(p.icount());
            if (cur == null) {
                d.append(String.format(Locale.ROOT, "M%.1f %.1f", x, sy.at(p.value())));
            } else {
                d.append(String.format(Locale.ROOT, " H%.1f V%.1f", x, sy.at(p.value())));
            }
            cur = p.value();
        }
        if (cur != null) {
            d.append(String.format(Locale.ROOT, " H%.1f", sx.at(x1)));
            s.append("<path d=\"").append(d).append("\" stroke=\"#1f6fb4\" stroke-width=\"2\" fill=\"none\"/>\n");
        }
        for (Point p : points) {
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#d9480f\"><title>%s"
                    + "</title></circle>\n", sx.at(p.icount()), sy.at(p.value()), esc(p.label())));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double at(double v) {
            return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
        }
    }

    private static String number(double v) {
        if (Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-3 && v != 0)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        String t = String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
        return t.equals("-0") ? "0" : t;
    }

    static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
