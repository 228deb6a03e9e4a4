package org.edgenas.report;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.edgenas.io.CsvFormat;
import org.edgenas.search.Evaluation;

/** A self-contained HTML page (images embedded) presenting a run: summary, plots, front table and resolved config. */
public final class HtmlReport {

    private HtmlReport() {
    }

    /**
     * The page.
     *
     * @param title       heading
     * @param summary     label/value pairs shown first, in order
     * @param frontPng    the front plot
     * @param curvePng    the convergence plot, or null
     * @param front       the front's rows
     * @param configJson  the resolved config, pretty-printed
     */
    public static String page(String title, Map<String, String> summary, byte[] frontPng, byte[] curvePng,
                              List<Evaluation> front, String configJson) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1100px}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
                        + "td.n{text-align:right;font-variant-numeric:tabular-nums}pre{background:#f6f6f6;padding:1em}"
                        + "img{max-width:100%}</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n<table>\n");
        summary.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v))
                .append("</td></tr>\n"));
        h.append("</table>\n<h2>Pareto front</h2>\n<img alt=\"front\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(frontPng)).append("\">\n");
        if (curvePng != null) {
            h.append("<h2>Convergence</h2>\n<img alt=\"convergence\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(curvePng)).append("\">\n");
        }
        h.append("<h2>Front (").append(front.size()).append(" architectures)</h2>\n<table>\n<tr><th>#</th><th>arch"
                + "</th><th>accuracy</th><th>energy_mj</th><th>latency_ms</th><th>macs</th><th>params</th></tr>\n");
        for (int i = 0; i < front.size(); i++) {
            Evaluation e = front.get(i);
            h.append("<tr><td class=\"n\">").append(i + 1).append("</td><td><code>").append(esc(e.arch()))
                    .append("</code></td><td class=\"n\">").append(CsvFormat.display(e.accuracy()))
                    .append("</td><td class=\"n\">").append(CsvFormat.display(e.energyMj()))
                    .append("</td><td class=\"n\">").append(CsvFormat.display(e.latencyMs()))
                    .append("</td><td class=\"n\">").append(e.macs()).append("</td><td class=\"n\">")
                    .append(e.params()).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Resolved configuration</h2>\n<pre>").append(esc(configJson)).append("</pre>\n")
                .append("</body></html>\n");
        return h.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
