package dev.backstep.eclipse.ui.views;

import dev.backstep.dap.protocol.HistoryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * The values of a history over icount, drawn with SWT (a step line for writes, points for line hits); a click on a
 * point goes to its entry's icount.
 */
public final class HistoryPlot {
    private static final int MARGIN_LEFT = 70;
    private static final int MARGIN = 16;
    private static final int MARGIN_BOTTOM = 30;
    private static final int PICK_PIXELS = 8;

    private final Canvas canvas;
    private final LongConsumer goTo;
    private List<HistoryEntry> points = List.of();
    private boolean stepped;
    private long x0;
    private long x1 = 1;
    private double y0;
    private double y1 = 1;

    HistoryPlot(Composite parent, LongConsumer goTo) {
        this.goTo = goTo;
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.MouseDown, e -> {
            HistoryEntry p = pointAt(e.x, e.y);
            if (p != null) {
                goTo.accept(p.getIcount());
            }
        });
    }

    public Canvas control() {
        return canvas;
    }

    /** Shows the numeric entries; {@code stepped}: a value holds until the next write. */
    void show(List<HistoryEntry> entries, boolean stepped) {
        List<HistoryEntry> numeric = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (e.getNumber() != null && Double.isFinite(e.getNumber())) {
                numeric.add(e);
            }
        }
        this.points = numeric;
        this.stepped = stepped;
        if (!numeric.isEmpty()) {
            x0 = numeric.get(0).getIcount();
            x1 = Math.max(x0 + 1, numeric.get(numeric.size() - 1).getIcount());
            y0 = numeric.stream().mapToDouble(HistoryEntry::getNumber).min().orElse(0);
            y1 = numeric.stream().mapToDouble(HistoryEntry::getNumber).max().orElse(1);
            if (y0 == y1) {
                y0 -= 1;
                y1 += 1;
            }
            long pad = Math.max(1, (x1 - x0) / 40);
            x0 = Math.max(0, x0 - pad);
            x1 += pad;
            double ypad = (y1 - y0) * 0.08;
            y0 -= ypad;
            y1 += ypad;
        }
        canvas.redraw();
    }

    /** Points drawn (the numeric entries). */
    public int pointCount() {
        return points.size();
    }

    /** Where a point is drawn, for tests that click it. */
    public Point location(int index) {
        HistoryEntry e = points.get(index);
        return new Point(x(e.getIcount()), y(e.getNumber()));
    }

    HistoryEntry pointAt(int px, int py) {
        HistoryEntry best = null;
        int bestD = PICK_PIXELS * PICK_PIXELS + 1;
        for (HistoryEntry e : points) {
            int dx = x(e.getIcount()) - px;
            int dy = y(e.getNumber()) - py;
            int d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = e;
            }
        }
        return best;
    }

    private Rectangle area() {
        Rectangle r = canvas.getClientArea();
        return new Rectangle(r.x + MARGIN_LEFT, r.y + MARGIN, Math.max(1, r.width - MARGIN_LEFT - MARGIN),
                Math.max(1, r.height - MARGIN - MARGIN_BOTTOM));
    }

    private int x(long icount) {
        Rectangle a = area();
        return a.x + (int) Math.round((double) (icount - x0) / (x1 - x0) * a.width);
    }

    private int y(double v) {
        Rectangle a = area();
        return a.y + a.height - (int) Math.round((v - y0) / (y1 - y0) * a.height);
    }

    private void paint(GC gc) {
        Rectangle a = area();
        gc.setAntialias(SWT.ON);
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
        gc.drawLine(a.x, a.y, a.x, a.y + a.height);
        gc.drawLine(a.x, a.y + a.height, a.x + a.width, a.y + a.height);
        if (points.isEmpty()) {
            gc.drawText("No numeric values to plot", a.x + 8, a.y + 8, true);
            return;
        }
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        for (int i = 0; i <= 4; i++) {
            double v = y0 + (y1 - y0) * i / 4;
            int yy = y(v);
            String label = Math.abs(v) >= 1e6 ? String.format("%.3g", v) : String.format("%.1f", v);
            Point size = gc.textExtent(label);
            gc.drawText(label, a.x - size.x - 6, yy - size.y / 2, true);
            long t = x0 + (x1 - x0) * i / 4;
            String tl = Long.toString(t);
            Point ts = gc.textExtent(tl);
            gc.drawText(tl, Math.min(x(t) - ts.x / 2, a.x + a.width - ts.x), a.y + a.height + 4, true);
        }
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_BLUE));
        gc.setLineWidth(2);
        for (int i = 1; i < points.size(); i++) {
            HistoryEntry p = points.get(i - 1);
            HistoryEntry q = points.get(i);
            if (stepped) {
                gc.drawLine(x(p.getIcount()), y(p.getNumber()), x(q.getIcount()), y(p.getNumber()));
                gc.drawLine(x(q.getIcount()), y(p.getNumber()), x(q.getIcount()), y(q.getNumber()));
            } else {
                gc.drawLine(x(p.getIcount()), y(p.getNumber()), x(q.getIcount()), y(q.getNumber()));
            }
        }
        gc.setLineWidth(1);
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        for (HistoryEntry e : points) {
            gc.fillOval(x(e.getIcount()) - 4, y(e.getNumber()) - 4, 8, 8);
        }
    }
}
