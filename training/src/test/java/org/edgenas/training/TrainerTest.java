package org.edgenas.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.engine.Workers;
import org.edgenas.proxy.AccuracyProxies;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.proxy.images.Fit;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on a task the tests write themselves: bright squares in one corner or the other. */
class TrainerTest {

    @TempDir
    Path dir;

    private static final SearchSpace CHAIN = SearchSpaces.create("chain-cnn", Parameters.of(Map.of("input_size", 8,
            "input_channels", 1, "classes", 2)));

    private static final SearchSpace MBCONV = SearchSpaces.create("mbconv", Parameters.of(Map.of("input_size", 8,
            "input_channels", 1, "classes", 2, "stem_stride", 1, "head_channels", 32, "stages", Map.of(
                    "s1", Map.of("channels", 8, "stride", 2, "depths", List.of(1, 2))))));

    private TrainingData.Split squares(int trainSize, int testSize) throws IOException {
        Path[] files = IdxFiles.squares(dir, 400, 3);
        return new TrainingData(TrainingData.read(files[0], files[1]), null, trainSize, testSize, Fit.RESIZE, 1)
                .split(org.edgenas.arch.Shape.of(1, 8, 8));
    }

    private static TrainingSettings settings(int epochs) {
        return new TrainingSettings(epochs, 16, 0.05, 0.9, 5e-4, TrainingSettings.Schedule.COSINE, 7);
    }

    @Test
    void aSmallCnnLearnsWhichCornerIsBright() throws IOException {
        TrainingData.Split s = squares(320, 80);
        Architecture a = CHAIN.parse("k3n8s1p-fc64");
        TrainingResult r = Trainer.train(a, s.train(), s.test(), settings(2), Workers.single(), TrainingListener.NONE);
        assertTrue(r.accuracy() >= 0.95, "accuracy " + r.accuracy());
        assertEquals(80, r.heldOut());
        assertEquals(2, r.epochLoss().size());
        assertTrue(r.epochLoss().get(1) < r.epochLoss().get(0), "loss falls: " + r.epochLoss());
        assertTrue(r.epochLoss().get(0) < Math.log(2) * 1.5, "starts near chance: " + r.epochLoss());
    }

    @Test
    void anMbconvNetworkWithSqueezeExcitationLearnsIt() throws IOException {
        TrainingData.Split s = squares(320, 80);
        Architecture a = MBCONV.parse("e3k3se-e1k5");
        TrainingResult r = Trainer.train(a, s.train(), s.test(), settings(3), Workers.single(), TrainingListener.NONE);
        assertTrue(r.accuracy() >= 0.9, "accuracy " + r.accuracy());
    }

    @Test
    void resultsAreBitIdenticalOnOneAndTwoThreads() throws IOException {
        TrainingData.Split s = squares(96, 40);
        Architecture a = MBCONV.parse("e3k3se-e1k5");
        TrainingResult one = Trainer.train(a, s.train(), s.test(), settings(1), Workers.single(),
                TrainingListener.NONE);
        TrainingResult two = Trainer.train(a, s.train(), s.test(), settings(1), Workers.of(2), TrainingListener.NONE);
        // once more on one thread, now with the kernels compiled: rounding must not depend on the JIT either
        TrainingResult again = Trainer.train(a, s.train(), s.test(), settings(1), Workers.single(),
                TrainingListener.NONE);
        assertEquals(one.epochLoss(), two.epochLoss());
        assertEquals(one.accuracy(), two.accuracy());
        assertEquals(one.epochLoss(), again.epochLoss());
    }

    @Test
    void progressComesPerEpochAndOnceDone() throws IOException {
        TrainingData.Split s = squares(64, 16);
        List<String> events = new ArrayList<>();
        Trainer.train(CHAIN.parse("k3n8s1"), s.train(), s.test(), settings(2), Workers.single(),
                new TrainingListener() {
                    @Override
                    public void epoch(Architecture a, int epoch, int epochs, double meanLoss, double seconds) {
                        events.add("epoch " + epoch + "/" + epochs);
                    }

                    @Override
                    public void done(Architecture a, TrainingResult r) {
                        events.add("done " + r.heldOut());
                    }
                });
        assertEquals(List.of("epoch 1/2", "epoch 2/2", "done 16"), events);
    }

    @Test
    void labelsBeyondTheOutputsAreAConfigError() throws IOException {
        Path images = IdxFiles.images(dir.resolve("i"), 8, 8, new byte[64 * 4]);
        Path labels = IdxFiles.labels(dir.resolve("l"), new byte[] {0, 5, 1, 0});
        TrainingData.Split s = new TrainingData(TrainingData.read(images, labels), null, 2, 2, Fit.RESIZE, 0)
                .split(org.edgenas.arch.Shape.of(1, 8, 8));
        ConfigException e = assertThrows(ConfigException.class, () -> Trainer.train(CHAIN.parse("k3n8s1"), s.train(),
                s.test(), settings(1), Workers.single(), TrainingListener.NONE));
        assertTrue(e.getMessage().contains("the data has label 5 but k3n8s1 has 2 outputs"), e.getMessage());
    }

    @Test
    void trainIsAProxyConfiguredLikeTheOthers() throws IOException {
        Path[] files = IdxFiles.squares(dir, 200, 4);
        AccuracyProxy p = AccuracyProxies.create("train", Parameters.of(Map.of("images", files[0].toString(),
                "labels", files[1].toString(), "train_size", 160, "test_size", 40, "epochs", 2, "batch", 16,
                "progress", false)), CHAIN);
        double score = p.score(CHAIN.parse("k3n8s1p-fc64"));
        assertTrue(score >= 90 && score <= 100, "accuracy in % " + score);
        ConfigException e = assertThrows(ConfigException.class, () -> AccuracyProxies.create("train",
                Parameters.of(Map.of("images", files[0].toString(), "labels", files[1].toString(), "epoch", 2)), CHAIN));
        assertTrue(e.getMessage().contains("epoch: unknown key; did you mean 'epochs'?"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> AccuracyProxies.create("train", Parameters.of(Map.of()), CHAIN));
        assertTrue(e.getMessage().contains("images: missing"), e.getMessage());
    }
}
