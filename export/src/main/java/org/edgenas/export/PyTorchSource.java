package org.edgenas.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.edgenas.arch.Add;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.AvgPool;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.ChannelMul;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GlobalAvgPool;
import org.edgenas.arch.HardSigmoid;
import org.edgenas.arch.Identity;
import org.edgenas.arch.Layer;
import org.edgenas.arch.Linear;
import org.edgenas.arch.MaxPool;
import org.edgenas.arch.Node;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.ReLU6;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Sigmoid;
import org.edgenas.arch.Zero;

/**
 * Writes a network as a self-contained Python source file defining a PyTorch {@code nn.Module} (class
 * {@code Network}) that imports only {@code torch}.
 *
 * <p>Every layer with state or a PyTorch module counterpart becomes one attribute, named after the node (dots and
 * dashes become underscores): {@code nn.Conv2d}, {@code nn.Linear}, {@code nn.BatchNorm2d}, {@code nn.ReLU},
 * {@code nn.ReLU6}, {@code nn.Hardsigmoid}, {@code nn.Sigmoid}, {@code nn.AvgPool2d} (padding excluded from the
 * average, as NAS-Bench-201 does), {@code nn.MaxPool2d}, {@code nn.AdaptiveAvgPool2d(1)} and {@code nn.Identity}.
 * {@code forward} has one statement per node in topological order, {@code y<index> = ...}, reading {@code x} for the
 * network input: a module call, a sum ({@code add}), a product that broadcasts the (N, C, 1, 1) factors over the
 * feature map ({@code channelmul}), or a multiplication by 0 that keeps the shape ({@code zero}). A linear layer flattens its input;
 * a 4-D layer fed by a flat tensor reshapes it to {@code (N, C, 1, 1)}; a sum of flat and 4-D tensors flattens them.
 * The network returns the last node's output. Parameter count of the module = {@link Architecture#params()}.
 */
public final class PyTorchSource {

    /** Names a node attribute must not take: Python keywords and members of {@code torch.nn.Module}. */
    private static final Set<String> RESERVED = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield", "forward", "training", "train", "eval", "to", "cuda", "cpu", "half", "float",
            "double", "type", "apply", "state_dict", "load_state_dict", "parameters", "named_parameters", "buffers",
            "named_buffers", "children", "named_children", "modules", "named_modules", "zero_grad", "register_buffer",
            "register_parameter", "add_module", "register_module", "get_submodule", "get_parameter", "get_buffer",
            "extra_repr", "requires_grad_", "share_memory", "dump_patches", "call_super_init", "bfloat16", "ipu",
            "xpu", "mtia", "to_empty", "compile");

    private PyTorchSource() {
    }

    /**
     * The Python source of {@code network}.
     *
     * @param generatedBy tool and version, written into the header
     * @param command     the command line that regenerates the file, written into the header
     */
    public static String of(ExportedNetwork network, String generatedBy, String command) {
        Architecture a = network.architecture();
        List<String> attrs = attributeNames(a);
        boolean[] flat = new boolean[a.nodes().size()];
        StringBuilder forward = new StringBuilder("\n    def forward(self, x):\n");
        for (Node n : a.nodes()) {
            forward.append("        y").append(n.index()).append(" = ").append(expression(a, n, attrs, flat))
                    .append("  # ").append(pyComment(n.name())).append('\n');
        }
        forward.append("        return y").append(a.nodes().size() - 1).append("\n\n\n");
        StringBuilder sb = new StringBuilder();
        header(sb, network, flat[a.nodes().size() - 1], generatedBy, command);
        sb.append("import torch\nfrom torch import nn\n\n");
        sb.append(String.format(Locale.ROOT, "INPUT_SHAPE = %s  # (channels, height, width) per image%n",
                tuple(a.input())));
        boolean flatOut = flat[a.nodes().size() - 1];
        sb.append(String.format(Locale.ROOT, "OUTPUT_SHAPE = %s  # per image%n",
                flatOut ? "(" + a.output().elements() + ",)" : tuple(a.output())));
        sb.append(String.format(Locale.ROOT, "MACS = %d  # multiply-accumulates per image%n", a.macs()));
        sb.append(String.format(Locale.ROOT, "PARAMS = %d  # trainable parameters%n%n%n", a.params()));
        sb.append("class Network(nn.Module):\n");
        sb.append("    \"\"\"").append(pyString(network.space())).append(' ').append(pyString(a.id()))
                .append(".\n\n    ").append(a.nodes().size()).append(" layers, ").append(a.macs())
                .append(" MACs per image, ").append(a.params()).append(" parameters.\n    \"\"\"\n\n");
        sb.append("    def __init__(self):\n        super().__init__()\n");
        for (Node n : a.nodes()) {
            String module = module(n.layer());
            if (module != null) {
                sb.append("        self.").append(attrs.get(n.index())).append(" = ").append(module).append('\n');
            }
        }
        sb.append(forward);
        sb.append("""
                if __name__ == "__main__":
                    net = Network().eval()
                    count = sum(p.numel() for p in net.parameters())
                    assert count == PARAMS, f"{count} parameters, expected {PARAMS}"
                    with torch.no_grad():
                        out = net(torch.zeros(2, *INPUT_SHAPE))
                    assert tuple(out.shape) == (2, *OUTPUT_SHAPE), f"output {tuple(out.shape)}"
                    print(f"input {(2, *INPUT_SHAPE)} -> output {tuple(out.shape)}; {count} parameters")
                """);
        return sb.toString();
    }

    private static void header(StringBuilder sb, ExportedNetwork network, boolean flatOutput, String generatedBy,
                               String command) {
        Architecture a = network.architecture();
        sb.append("\"\"\"").append(pyString(network.space())).append(" network ").append(pyString(a.id()))
                .append(", exported by ").append(pyString(generatedBy)).append(".\n\n");
        sb.append("Search space: ").append(pyString(network.space()));
        Map<String, Object> settings = network.settings();
        sb.append(settings.isEmpty() ? " (default settings)" : " with " + pyString(settings.toString())).append(".\n");
        sb.append("Input: a float tensor (N, ").append(a.input().channels()).append(", ").append(a.input().height())
                .append(", ").append(a.input().width()).append("); output: (N, ").append(outputDims(a.output(), flatOutput))
                .append(").\n");
        sb.append("Regenerate with: ").append(pyString(command)).append("\n\"\"\"\n");
    }

    private static String outputDims(Shape s, boolean flat) {
        return flat ? Long.toString(s.elements()) : s.channels() + ", " + s.height() + ", " + s.width();
    }

    /**
     * Python attribute names of the nodes: the node name with every character other than letters, digits and
     * {@code _} replaced by {@code _}; prefixed with {@code layer_} if it would start with a digit; suffixed with
     * {@code _} if it is a keyword, an {@code nn.Module} member or starts with {@code __}; suffixed with
     * {@code _<index>} if still taken.
     */
    static List<String> attributeNames(Architecture a) {
        List<String> names = new ArrayList<>(a.nodes().size());
        Set<String> used = new HashSet<>();
        for (Node n : a.nodes()) {
            String s = n.name().replaceAll("[^A-Za-z0-9_]", "_");
            if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
                s = "layer_" + s;
            }
            if (RESERVED.contains(s) || s.startsWith("__")) {
                s = s + "_";
            }
            if (!used.add(s)) {
                s = s + "_" + n.index();
                used.add(s);
            }
            names.add(s);
        }
        return names;
    }

    /** The constructor call of a layer's module, or null where forward computes it inline (add, channelmul, zero). */
    private static String module(Layer layer) {
        return switch (layer) {
            case Conv2d c -> String.format(Locale.ROOT,
                    "nn.Conv2d(%d, %d, kernel_size=%d, stride=%d, padding=%d, groups=%d, bias=%s)", c.inChannels(),
                    c.outChannels(), c.kernel(), c.stride(), c.padding(), c.groups(), c.bias() ? "True" : "False");
            case Linear l -> String.format(Locale.ROOT, "nn.Linear(%d, %d, bias=%s)", l.inFeatures(),
                    l.outFeatures(), l.bias() ? "True" : "False");
            case BatchNorm b -> "nn.BatchNorm2d(" + b.channels() + ")";
            case ReLU r -> "nn.ReLU()";
            case ReLU6 r -> "nn.ReLU6()";
            case HardSigmoid h -> "nn.Hardsigmoid()";
            case Sigmoid g -> "nn.Sigmoid()";
            case AvgPool p -> String.format(Locale.ROOT,
                    "nn.AvgPool2d(kernel_size=%d, stride=%d, padding=%d, count_include_pad=False)", p.kernel(),
                    p.stride(), p.padding());
            case MaxPool p -> String.format(Locale.ROOT, "nn.MaxPool2d(kernel_size=%d, stride=%d, padding=%d)",
                    p.kernel(), p.stride(), p.padding());
            case GlobalAvgPool g -> "nn.AdaptiveAvgPool2d(1)";
            case Identity i -> "nn.Identity()";
            case Add s -> null;
            case ChannelMul m -> null;
            case Zero z -> null;
        };
    }

    /** The right-hand side of a node's forward statement; records in {@code flat} whether its result is 2-D. */
    private static String expression(Architecture a, Node n, List<String> attrs, boolean[] flat) {
        List<Integer> in = n.inputs();
        String self = "self." + attrs.get(n.index());
        return switch (n.layer()) {
            case Linear l -> {
                flat[n.index()] = true;
                yield self + "(torch.flatten(" + variable(in.getFirst()) + ", 1))";
            }
            case Add s -> {
                boolean anyFlat = in.stream().anyMatch(i -> isFlat(flat, i));
                flat[n.index()] = anyFlat;
                List<String> terms = new ArrayList<>(in.size());
                for (int i : in) {
                    terms.add(anyFlat && !isFlat(flat, i) ? "torch.flatten(" + variable(i) + ", 1)" : variable(i));
                }
                yield String.join(" + ", terms);
            }
            case Zero z -> {
                flat[n.index()] = isFlat(flat, in.getFirst());
                yield variable(in.getFirst()) + " * 0.0";
            }
            case ChannelMul m -> spatial(a, flat, in.get(0)) + " * " + spatial(a, flat, in.get(1));
            case ReLU r -> elementWise(self, flat, n);
            case ReLU6 r -> elementWise(self, flat, n);
            case HardSigmoid h -> elementWise(self, flat, n);
            case Sigmoid g -> elementWise(self, flat, n);
            case Identity i -> elementWise(self, flat, n);
            case Conv2d c -> self + "(" + spatial(a, flat, in.getFirst()) + ")";
            case BatchNorm b -> self + "(" + spatial(a, flat, in.getFirst()) + ")";
            case AvgPool p -> self + "(" + spatial(a, flat, in.getFirst()) + ")";
            case MaxPool p -> self + "(" + spatial(a, flat, in.getFirst()) + ")";
            case GlobalAvgPool g -> self + "(" + spatial(a, flat, in.getFirst()) + ")";
        };
    }

    /** A module call that keeps its input's shape, flat or 4-D. */
    private static String elementWise(String self, boolean[] flat, Node n) {
        int in = n.inputs().getFirst();
        flat[n.index()] = isFlat(flat, in);
        return self + "(" + variable(in) + ")";
    }

    private static boolean isFlat(boolean[] flat, int index) {
        return index != Architecture.INPUT && flat[index];
    }

    /** The input of a 4-D layer: reshaped to (N, C, 1, 1) when it is a flat tensor. */
    private static String spatial(Architecture a, boolean[] flat, int index) {
        if (!isFlat(flat, index)) {
            return variable(index);
        }
        Shape s = a.shape(index);
        return variable(index) + ".reshape(-1, " + s.channels() + ", " + s.height() + ", " + s.width() + ")";
    }

    private static String variable(int index) {
        return index == Architecture.INPUT ? "x" : "y" + index;
    }

    private static String tuple(Shape s) {
        return "(" + s.channels() + ", " + s.height() + ", " + s.width() + ")";
    }

    /** Text safe inside a triple-quoted docstring. */
    private static String pyString(String s) {
        return s.replace("\\", "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    }

    /** Text safe in a comment: one line. */
    private static String pyComment(String s) {
        return s.replaceAll("[\\r\\n]", " ");
    }
}
