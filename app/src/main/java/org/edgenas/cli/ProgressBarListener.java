package org.edgenas.cli;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.edgenas.search.SearchListener;

/**
 * A terminal progress bar (me.tongfei progressbar) over the evaluation budget, showing evaluations/s and ETA, with the
 * generation, front size and hypervolume as its message. Used when standard error is a terminal.
 */
final class ProgressBarListener implements SearchListener, AutoCloseable {

    private ProgressBar bar;

    @Override
    public void progress(Progress p) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName("search").setInitialMax(p.budget()).setUnit(" evals", 1)
                    .showSpeed().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }
        bar.stepTo(p.evaluations());
        bar.setExtraMessage(String.format(Locale.ROOT, "gen %d, front %d, HV %s", p.generation(), p.frontSize(),
                Double.isNaN(p.hypervolume()) ? "-" : String.format(Locale.ROOT, "%.4f", p.hypervolume())));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
