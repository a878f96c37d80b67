package dev.s3notifications.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws docs/cold-start.png from the results of scripts/benchmark-cold-start (target/benchmark/cold-start.json):
 * for each function, the median time to ready (init) and to the first response, and the first, second and third
 * request (the third for another bucket), ours beside the baseline, and, where the results have them, ours unprimed
 * and the SDK floor (the two clients and the same AWS calls, nothing else). Java2D and ImageIO only, so it needs
 * nothing the JDK does not have.
 * Run it with {@code scripts/benchmark chart}.
 */
public final class ColdStartChart {
    private static final Color TEXT = new Color(0x222222);
    /** The variants drawn, left to right in each group, with their colour and legend. */
    private static final List<Variant> VARIANTS = List.of(
            new Variant("ours", new Color(0x1F77B4), "ours"),
            new Variant("unprimed", new Color(0x9ECAE9), "ours, PRIME_AT_INIT=false"),
            new Variant("floor", new Color(0xF2A541), "SDK floor, every lever (clients + same AWS calls only)"),
            new Variant("baseline", new Color(0xB0B0B0), "baseline (create(), data binding, no priming)"));
    private static final String[][] METRICS = {
            {"ready", "ready (init)"}, {"first_response", "first response"},
            {"first_request", "1st request"}, {"second_request", "2nd request"},
            {"third_request", "3rd request"}};

    private record Variant(String key, Color color, String legend) {
    }

    private ColdStartChart() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode results = new ObjectMapper().readTree(new File(args[0]));
        File output = new File(args[1]);
        List<Map.Entry<String, JsonNode>> functions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = results.get("functions").fields(); it.hasNext(); ) {
            functions.add(it.next());
        }
        int panelWidth = 560;
        int width = panelWidth * functions.size() + 40;
        int height = 560;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString("Cold start through the Lambda runtime path: ours vs out-of-the-box baseline (median ms, "
                + results.get("samples").asInt() + " fresh JVMs each)", 20, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        JsonNode env = results.get("environment");
        g.drawString(env.get("cpu").asText() + ", " + env.get("cores").asInt() + " cores shared; " + env.get("jvm").asText()
                + "; RIE + RIC 2.9.0; lower is better", 20, 50);
        legend(g, 20, 76);
        g.drawString("ratio under each group = ours / baseline; 3rd request: the same event for another bucket; JIT as"
                + " deployed: API C1 only, fan-out C1 and C2 (its floor too)", 20, 98);

        double max = 0;
        for (Map.Entry<String, JsonNode> function : functions) {
            for (Variant variant : VARIANTS) {
                if (function.getValue().has(variant.key())) {
                    for (String[] metric : METRICS) {
                        max = Math.max(max, function.getValue().get(variant.key()).get(metric[0]).asDouble());
                    }
                }
            }
        }
        double scale = niceCeiling(max);
        for (int f = 0; f < functions.size(); f++) {
            panel(g, functions.get(f).getKey(), functions.get(f).getValue(), 20 + f * panelWidth, 135, panelWidth - 30, 375, scale);
        }
        g.dispose();
        File parent = output.getAbsoluteFile().getParentFile();
        if (parent != null) {
            parent.mkdirs();
        }
        ImageIO.write(image, "png", output);
        System.out.println("wrote " + output);
    }

    private static void panel(Graphics2D g, String name, JsonNode function, int x, int y, int w, int h, double scale) {
        int axisX = x + 50;
        int axisBottom = y + h;
        int plotWidth = w - 60;
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(name, x + 50, y - 6);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i <= 5; i++) {
            double value = scale * i / 5;
            int ty = axisBottom - (int) (h * value / scale);
            g.setColor(new Color(0xE6E6E6));
            g.drawLine(axisX, ty, axisX + plotWidth, ty);
            g.setColor(TEXT);
            String label = String.format("%.0f", value);
            g.drawString(label, axisX - 8 - g.getFontMetrics().stringWidth(label), ty + 4);
        }
        g.setStroke(new BasicStroke(1.2f));
        g.drawLine(axisX, y, axisX, axisBottom);
        g.drawLine(axisX, axisBottom, axisX + plotWidth, axisBottom);
        List<Variant> drawn = VARIANTS.stream().filter(v -> function.has(v.key())).toList();
        int bars = drawn.size();
        int group = plotWidth / METRICS.length;
        int bar = group * 5 / (6 * bars);
        for (int m = 0; m < METRICS.length; m++) {
            double ours = function.get("ours").get(METRICS[m][0]).asDouble();
            double baseline = function.get("baseline").get(METRICS[m][0]).asDouble();
            int gx = axisX + m * group + group / 12;
            for (int v = 0; v < bars; v++) {
                double value = function.get(drawn.get(v).key()).get(METRICS[m][0]).asDouble();
                bar(g, gx + v * bar, axisBottom, bar, (int) (h * value / scale), drawn.get(v).color(), value);
            }
            g.setColor(TEXT);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            String label = METRICS[m][1];
            int middle = gx + bars * bar / 2;
            g.drawString(label, middle - g.getFontMetrics().stringWidth(label) / 2, axisBottom + 18);
            String ratio = String.format("%.2fx", ours / baseline);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            g.drawString(ratio, middle - g.getFontMetrics().stringWidth(ratio) / 2, axisBottom + 34);
        }
    }

    private static void bar(Graphics2D g, int x, int bottom, int width, int height, Color color, double value) {
        g.setColor(color);
        g.fillRect(x + 1, bottom - height, width - 2, height);
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        String label = String.format("%.0f", value);
        g.drawString(label, x + width / 2 - g.getFontMetrics().stringWidth(label) / 2, bottom - height - 3);
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (Variant variant : VARIANTS) {
            g.setColor(variant.color());
            g.fillRect(x, y - 10, 14, 12);
            g.setColor(TEXT);
            g.drawString(variant.legend(), x + 20, y);
            x += 40 + g.getFontMetrics().stringWidth(variant.legend());
        }
    }

    /** The smallest of 1, 1.2, 1.5, 2, 2.5, 5 times a power of ten that is at least {@code value}. */
    private static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1))));
        for (double step : new double[] {1, 1.2, 1.5, 2, 2.5, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
